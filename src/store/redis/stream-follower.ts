import { comparePositions, ORIGIN_POSITION } from '../position.js';
import type { Change, ChangeFollower, FollowHandlers, GapReason, StoreHealth } from '../types.js';
import { whenReady, type RedisClient } from './connection.js';

const READ_COUNT = 1000;
const BLOCK_MS = 2000;
const RETRY_MS = 250;
/**
 * How often the stream is read when no announcement asked for it: the bound on how late a
 * batch whose announcement was lost (or that a process without announcements committed) arrives.
 */
const POLL_MS = 1000;

type StreamEntry = [id: string, fields: string[]];

/**
 * Follows the change stream, resuming from the last delivered ID after any disconnect
 * (docs/architecture.md: "resumable, no lost updates"), on two connections of its own: one
 * subscribed to the stream's announcements (named plinkd-announce), one that reads the stream
 * (plinkd-follow).
 *
 * Every commit announces its batch (commit-script.ts: entry ID, number, the previous entry's ID
 * and changes, published in the same script as the XADD, so announcements come in batch order).
 * The next batch in order — its number last + 1 and its previous entry the one we are at — is
 * delivered from its announcement as it arrives; the stream is read only to catch up — at the
 * start and after a reconnect, when an announcement skips a number (one was lost) or follows
 * another entry than ours (the stream lost entries: a failover), when one came
 * while a read was on its way, and every POLL_MS. A blocking XREAD re-sent after every batch would
 * cost each follower a command (a socket write, the most expensive thing an API edit does on this
 * machine: bench:api-edit) per commit of any process.
 *
 * Missing a batch is detected two ways. Every entry carries its batch number
 * (commit-script.ts): a number other than last + 1 in what the stream returns means batches were
 * trimmed away between two reads. And on every (re)connect the entry at our position
 * must still be there, which also gives us its number. Either failure reports
 * a gap and the replica reloads a snapshot. An entry without a number was not
 * written by plinkd: it is a 'decode' gap, never followed.
 */
export class RedisStreamFollower implements ChangeFollower {
  private stopped = false;
  private health: StoreHealth = 'ok';
  private mustCheckResume = true;
  /** Number of the last batch delivered (0 before the first: batches count from 1). */
  private lastSequence = 0;
  /** Set while the loop waits between reads: an announcement may then be delivered at once. */
  private idle = false;
  /** An announcement could not be delivered from itself: read the stream again before waiting. */
  private readAgain = false;
  private wake: (() => void) | undefined;
  private hasRead = false;

  constructor(
    private readonly client: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly stream: string,
    private readonly channel: string,
    private position: string,
    private readonly handlers: FollowHandlers,
    private readonly decode: (payload: string) => Change[],
    private readonly detach: () => void,
    /** The subscription was refused (not lost with the connection): batches then come by the poll. */
    private readonly subscribeRefused: (err: unknown) => void = () => undefined,
  ) {
    client.on('error', () => undefined);
    subscriber.on('error', () => undefined);
  }

  start(): void {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.announced(message);
    });
    // At every (re)connection: subscribe (again), then read what the stream holds, since
    // announcements made while the subscription was down are lost. Clients queue no commands
    // while disconnected (connection.ts), so the subscription is asked for once ready.
    const subscribe = (): void => {
      this.subscriber.subscribe(this.channel).then(
        () => this.catchUp(),
        (err: unknown) => {
          // A connection that dropped meanwhile subscribes again at its next 'ready'; a reply
          // from Redis (NOPERM: an ACL user without the channel) is said, and the poll remains.
          if (this.stopped || this.subscriber.status !== 'ready') return;
          this.subscribeRefused(err);
        },
      );
    };
    this.subscriber.on('ready', subscribe);
    this.subscriber.on('close', () => this.catchUp());
    // A Cluster subscriber moving to another node may miss announcements in between.
    this.subscriber.on('+node', () => this.catchUp());
    this.subscriber.on('-node', () => this.catchUp());
    // A reconnect may reach another server (a Sentinel failover while we were idle, so no read
    // failed): its stream may not hold our last entries, and with its clock behind, the entry it
    // numbered N again can sort before ours — check that the stream still holds our position
    // before reading on. A Cluster client emits 'close' only once every node is gone: a master
    // that failed over shows as a node error or a node leaving.
    const recheck = (): void => {
      this.mustCheckResume = true;
      this.catchUp();
    };
    this.client.on('close', recheck);
    this.client.on('node error', recheck);
    this.client.on('-node', recheck);
    if (this.subscriber.status === 'ready') subscribe();
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        // A fresh client is not "unavailable" until it fails to come in; one that was reading
        // and dropped is, at once (the read below fails: clients queue nothing while offline).
        if (this.client.status !== 'ready' && (!this.hasRead || this.health === 'unavailable')) await whenReady(this.client, BLOCK_MS);
        if (this.mustCheckResume) {
          const resume = await this.resumePoint();
          if (resume === 'gap') return this.reportGap('position-lost');
          this.lastSequence = resume;
          this.mustCheckResume = false;
        }
        this.readAgain = false;
        const reply = (await this.client.xread('COUNT', READ_COUNT, 'STREAMS', this.stream, this.position)) as Array<
          [string, StreamEntry[]]
        > | null;
        this.setHealth('ok');
        this.hasRead = true;
        const entries = reply?.[0]?.[1] ?? [];
        if (!this.deliver(entries)) return;
        if (entries.length === READ_COUNT || this.readAgain) continue;
        // A short read ended at the stream's tail (XREAD answers with whatever is there).
        this.handlers.onCaughtUp?.();
        // onCaughtUp may have stopped us: wait for nothing, so no timer outlives the follower.
        if (this.stopped) return;
        await this.waitForWork();
      } catch (err) {
        if (this.stopped) return;
        this.setHealth('unavailable', err);
        this.mustCheckResume = true;
        await sleep(RETRY_MS);
      }
    }
  }

  /** Until an announcement asks for a read, POLL_MS passes, or the follower stops. */
  private waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.idle = false;
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      this.idle = true;
      this.wake = done;
    });
  }

  private catchUp(): void {
    this.readAgain = true;
    this.wake?.();
  }

  /**
   * An announcement: "<previous entry ID> <entry ID> <batch number> <changes>". The next batch is
   * delivered from it at once — only when it follows the entry we are at, so a stream that lost
   * entries and numbered new ones the same (a failover to a replica that was behind) is never
   * taken for ours. An older one is already here; anything else (a number skipped, another
   * previous entry, a read on its way, the resume point not yet checked) is left to a read of
   * the stream, which reports what does not follow as a gap.
   */
  private announced(message: string): void {
    if (this.stopped) return;
    const previousEnd = message.indexOf(' ');
    const idEnd = previousEnd < 0 ? -1 : message.indexOf(' ', previousEnd + 1);
    const sequenceEnd = idEnd < 0 ? -1 : message.indexOf(' ', idEnd + 1);
    const sequence = sequenceEnd < 0 ? NaN : Number(message.slice(idEnd + 1, sequenceEnd));
    if (!Number.isSafeInteger(sequence)) return this.catchUp();
    if (this.idle && !this.mustCheckResume && sequence <= this.lastSequence) return;
    if (!this.idle || this.mustCheckResume || sequence !== this.lastSequence + 1) return this.catchUp();
    if (message.slice(0, previousEnd) !== this.position) return this.catchUp();
    const entry: StreamEntry = [message.slice(previousEnd + 1, idEnd), ['c', message.slice(sequenceEnd + 1), 's', String(sequence)]];
    if (!this.deliver([entry])) {
      this.wake?.();
      return;
    }
    this.handlers.onCaughtUp?.();
  }

  /**
   * Hands the entries over in order. The position moves past an entry only
   * once it is applied: an entry that cannot be decoded or applied stops the
   * follower with a gap (false) — it is never skipped, and never taken for the
   * store being unavailable.
   */
  private deliver(entries: readonly StreamEntry[]): boolean {
    for (const [id, fields] of entries) {
      if (this.stopped) return false;
      const sequence = numberField(fields, 's');
      if (sequence === undefined) {
        // Every entry plinkd writes is numbered: one that is not was not written by it.
        this.reportGap('decode', new Error(`stream entry ${id}: no batch number`));
        return false;
      }
      if (sequence !== this.lastSequence + 1) {
        this.reportGap('position-lost');
        return false;
      }
      let changes: Change[];
      try {
        changes = this.decode(field(fields, 'c') ?? '[]');
      } catch (err) {
        this.reportGap('decode', new Error(`stream entry ${id}: ${err instanceof Error ? err.message : String(err)}`));
        return false;
      }
      try {
        this.handlers.onBatch({ position: id, changes });
      } catch (err) {
        this.reportGap('apply', err);
        return false;
      }
      this.lastSequence = sequence;
      this.position = id;
    }
    return !this.stopped;
  }

  /**
   * Where following can resume: the number of the batch at our position, or
   * 'gap' when the stream no longer continues from it — trimmed past it, or
   * Redis lost data (a restart without AOF) or was replaced, which shows as a
   * stream whose last ID is behind us, or no stream at all.
   */
  private async resumePoint(): Promise<number | 'gap'> {
    const exists = await this.client.exists(this.stream);
    if (exists === 0) return this.position === ORIGIN_POSITION ? 0 : 'gap';
    const info = (await this.client.xinfo('STREAM', this.stream)) as unknown[];
    const lastGenerated = infoField(info, 'last-generated-id');
    if (typeof lastGenerated === 'string' && comparePositions(lastGenerated, this.position) < 0) return 'gap';
    if (this.position === ORIGIN_POSITION) {
      const first = infoField(info, 'first-entry') as StreamEntry | null | undefined;
      if (!Array.isArray(first)) return infoField(info, 'entries-added') === 0 ? 0 : 'gap';
      return numberField(first[1], 's') === 1 ? 0 : 'gap';
    }
    // Our entry, read alone (entries carry whole change batches); should it be one plinkd did not
    // write (no number: reported as a 'decode' gap, after which a snapshot may resume right here),
    // the numbered entries before it.
    const ours = (await this.client.xrevrange(this.stream, this.position, '-', 'COUNT', 1)) as StreamEntry[];
    if (ours[0]?.[0] !== this.position) return 'gap';
    const own = numberField(ours[0][1], 's');
    if (own !== undefined) return own;
    const back = (await this.client.xrevrange(this.stream, this.position, '-', 'COUNT', READ_COUNT)) as StreamEntry[];
    for (const [, fields] of back) {
      const sequence = numberField(fields, 's');
      if (sequence !== undefined) return sequence;
    }
    return 'gap';
  }

  private reportGap(reason: GapReason, cause?: unknown): void {
    // Health is left as it is: after an outage the store is readable again only
    // once the replica's reload has read it (one transition, not two).
    this.stop();
    this.handlers.onGap(reason, cause);
  }

  private setHealth(health: StoreHealth, cause?: unknown): void {
    if (health === this.health) return;
    this.health = health;
    this.handlers.onHealth?.(health, cause);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    this.detach();
    this.client.disconnect();
    this.subscriber.disconnect();
  }
}

function field(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function numberField(fields: readonly string[], name: string): number | undefined {
  const text = field(fields, name);
  return text === undefined ? undefined : Number(text);
}

function infoField(info: readonly unknown[], name: string): unknown {
  for (let i = 0; i + 1 < info.length; i += 2) if (info[i] === name) return info[i + 1];
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
