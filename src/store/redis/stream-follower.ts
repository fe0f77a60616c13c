import { comparePositions, ORIGIN_POSITION } from '../position.js';
import type { Change, ChangeFollower, FollowHandlers, GapReason, StoreHealth } from '../types.js';
import { whenReady, type RedisClient } from './connection.js';

const READ_COUNT = 1000;
const BLOCK_MS = 2000;
const RETRY_MS = 250;

type StreamEntry = [id: string, fields: string[]];

/**
 * Follows the change stream with blocking XREAD on a connection of its own
 * (named plinkd-follow), resuming from the last delivered ID after any
 * disconnect (docs/architecture.md: "resumable, no lost updates").
 *
 * Missing a batch is detected two ways. Every entry carries its batch number
 * (commit-script.ts): a number other than last + 1 means batches were trimmed
 * away between two reads. And on every (re)connect the entry at our position
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

  constructor(
    private readonly client: RedisClient,
    private readonly stream: string,
    private position: string,
    private readonly handlers: FollowHandlers,
    private readonly decode: (payload: string) => Change[],
    private readonly detach: () => void,
  ) {
    client.on('error', () => undefined);
  }

  start(): void {
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        // A fresh or reconnecting client is not "unavailable" until it fails to come back.
        if (this.client.status !== 'ready') await whenReady(this.client, BLOCK_MS);
        if (this.mustCheckResume) {
          const resume = await this.resumePoint();
          if (resume === 'gap') return this.reportGap('position-lost');
          this.lastSequence = resume;
          this.mustCheckResume = false;
        }
        const reply = (await this.client.xread('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', this.stream, this.position)) as Array<
          [string, StreamEntry[]]
        > | null;
        this.setHealth('ok');
        const entries = reply?.[0]?.[1] ?? [];
        if (!this.deliver(entries)) return;
        // A short read ended at the stream's tail (XREAD answers with whatever is there).
        if (entries.length < READ_COUNT) this.handlers.onCaughtUp?.();
      } catch (err) {
        if (this.stopped) return;
        this.setHealth('unavailable', err);
        this.mustCheckResume = true;
        await sleep(RETRY_MS);
      }
    }
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
    this.detach();
    this.client.disconnect();
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
