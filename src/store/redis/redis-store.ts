import { Redis } from 'ioredis';
import { transactWithRetries, type CommitOutcome } from '../retry.js';
import { decodeChanges, encodeChanges, parseDoc, type TrackedTransaction } from '../tracked-transaction.js';
import { ORIGIN_POSITION } from '../position.js';
import {
  KINDS,
  StoreRefusedError,
  StoreUnavailableError,
  type Change,
  type ChangeFollower,
  type DocTypes,
  type FollowHandlers,
  type FollowOptions,
  type Kind,
  type Snapshot,
  type Store,
  type StoreHealth,
  type Transaction,
  type TransactOptions,
  type TransactResult,
} from '../types.js';
import { COMMIT_SCRIPT } from './commit-script.js';
import { whenReady, type RedisClient, type RedisTarget } from './connection.js';
import { CONNECTION_RESET, connectFailureReason, WRONG_PROTOCOL } from './connect-reason.js';
import { RedisKeys } from './keys.js';
import { RELEASE_LEASE, RENEW_LEASE } from './lease-scripts.js';
import { RedisStreamFollower } from './stream-follower.js';

/**
 * Fields per HSCAN reply while loading a snapshot (COUNT is a hint; Redis may return more).
 * A reply and its parsed documents (~2 KB each), plus the next reply already on its way,
 * should die in the young generation: at 2,000 they did not, and a 1M load peaked at
 * 3.34 GiB RSS; at 500 it peaks at 2.34 GiB for the same CPU (bench:scale).
 */
const SNAPSHOT_BATCH = 500;

/**
 * Documents parsed and handed over at a time, out of a reply: what is live
 * when the young generation is collected — parsed documents not yet folded
 * into the replica, texts not yet parsed — is copied by that collection, and
 * the load's garbage (the zones', the packer's) triggers one every few
 * batches. Parsing a whole reply up front kept ~1 MB of documents alive
 * through each of them; a tenth of it makes the copy a tenth (bench:scale).
 */
const HANDOVER_BATCH = 50;

/** A document read waiting for the pipeline of its turn (RedisStore.readRaw). */
interface QueuedRead {
  key: string;
  id: string;
  resolve: (raw: string | null) => void;
  reject: (err: unknown) => void;
}

/** A snapshot delivered in batches as it is read (see RedisStore.streamSnapshot). */
export interface StreamedSnapshot {
  /** Position of the last batch included; follow from here. */
  position: string;
  batches(): AsyncIterable<Change[]>;
}

export interface SnapshotOptions {
  /** HSCAN COUNT: documents asked for per reply (default SNAPSHOT_BATCH). */
  batchSize?: number;
  /** The kinds to read (default all): a DNS replica skips what only the API reads. */
  kinds?: readonly Kind[];
}

export interface RedisStoreOptions {
  namespace?: string;
  /** Approximate number of batches the change stream keeps (XADD MAXLEN ~). */
  streamMaxLength?: number;
  /** How long `open` waits for the first connection (default 30 s; Infinity waits for ever). */
  connectTimeoutMs?: number;
  /** Called at each failed connection attempt while `open` waits, with its reason (connect-reason.ts). */
  onAttemptFailed?: (reason: string, waitedMs: number) => void;
  /**
   * Called once per store when a follower cannot subscribe to the commits' announcements (an ACL
   * user without the channel: docs/deploy.md), with Redis's reason; followers then read the
   * stream once a second instead.
   */
  onAnnouncementsRefused?: (reason: string) => void;
}

/**
 * The shared store (docs/architecture.md): documents in one hash per kind, every commit a
 * compare-and-set Lua script that also appends its batch to a Redis Stream.
 */
export class RedisStore implements Store {
  readonly kind: 'redis' | 'redis-cluster';
  private readonly keys: RedisKeys;
  /** The channel on which commits announce their batches (commit-script.ts). */
  private readonly announcements: string;
  private readonly streamMaxLength: number;
  private readonly followers = new Set<RedisStreamFollower>();
  private readonly onAnnouncementsRefused: ((reason: string) => void) | undefined;
  private announcementsRefused = false;
  private queuedReads: QueuedRead[] = [];

  private constructor(
    private readonly target: RedisTarget,
    private readonly client: RedisClient,
    options: RedisStoreOptions,
  ) {
    this.kind = target.mode === 'cluster' ? 'redis-cluster' : 'redis';
    this.keys = new RedisKeys(options.namespace);
    this.announcements = this.keys.announcements(target.db);
    this.streamMaxLength = options.streamMaxLength ?? 1_000_000;
    this.onAnnouncementsRefused = options.onAnnouncementsRefused;
  }

  /**
   * Connects, waiting up to `connectTimeoutMs` (StoreUnavailableError after it), then
   * checks that the server is what the URL says: a StoreRefusedError when it is not
   * (a database it does not have, a cluster node behind redis://). ioredis only
   * reports a refused SELECT as an 'error' event and stays on database 0, so it is
   * asked again here, where a refusal can end the start.
   */
  static async open(target: RedisTarget, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const client = target.connect('store');
    const started = Date.now();
    let lastReason = 'no answer yet';
    // ioredis emits 'error' on every failed (re)connect; after the start health() reports it instead.
    const onError = (err: unknown): void => {
      const reason = connectFailureReason(err);
      if (reason === undefined) return;
      // A server of another protocol (HTTP) drops the connection after its answer: the reset says nothing new.
      if (reason === CONNECTION_RESET && lastReason === WRONG_PROTOCOL) return;
      lastReason = reason;
      options.onAttemptFailed?.(reason, Date.now() - started);
    };
    client.on('error', onError);
    try {
      await whenReady(client, options.connectTimeoutMs ?? 30_000);
    } catch {
      client.disconnect();
      throw new StoreUnavailableError(`${target.display} not reachable within ${options.connectTimeoutMs ?? 30_000} ms: ${lastReason}`);
    } finally {
      client.off('error', onError);
    }
    client.on('error', () => undefined);
    try {
      await checkServer(target, client);
    } catch (err) {
      client.disconnect();
      throw err;
    }
    return new RedisStore(target, client, options);
  }

  async get<K extends Kind>(kind: K, id: string): Promise<DocTypes[K] | undefined> {
    return parseDoc<K>(await this.readRaw(kind, id));
  }

  /**
   * One document's JSON. Reads asked for in the same turn of the event loop (a transaction's
   * independent gets, issued together) go to Redis as one pipeline: one write and one reply
   * instead of a round trip each. On loopback each round trip costs both processes a
   * system call or two, most of an edit's CPU (bench:api-edit).
   */
  private readRaw(kind: Kind, id: string): Promise<string | null> {
    return new Promise((resolve, reject) => {
      if (this.queuedReads.length === 0) queueMicrotask(() => this.sendReads());
      this.queuedReads.push({ key: this.keys.docs(kind), id, resolve, reject });
    });
  }

  private sendReads(): void {
    const reads = this.queuedReads;
    this.queuedReads = [];
    if (reads.length === 1) {
      const [read] = reads as [QueuedRead];
      this.client.hget(read.key, read.id).then(read.resolve, (err: unknown) => read.reject(new StoreUnavailableError(err)));
      return;
    }
    // Every document hash carries the store's hash tag (keys.ts): one slot, so a cluster takes the pipeline too.
    const pipeline = this.client.pipeline();
    for (const read of reads) pipeline.hget(read.key, read.id);
    pipeline.exec().then(
      (replies) => {
        reads.forEach((read, i) => {
          const [err, value] = replies?.[i] ?? [new Error('no reply in the pipeline'), null];
          if (err !== null) read.reject(new StoreUnavailableError(err));
          else read.resolve(value as string | null);
        });
      },
      (err: unknown) => {
        for (const read of reads) read.reject(new StoreUnavailableError(err));
      },
    );
  }

  /** With `options.guess`, the first attempt reads nothing it can guess: no round trip but the commit's. */
  transact<T>(work: (tx: Transaction) => Promise<T>, options?: TransactOptions): Promise<TransactResult<T>> {
    return transactWithRetries({ readRaw: (kind, id) => this.readRaw(kind, id), commit: (tx) => this.commit(tx) }, work, options);
  }

  private async commit(tx: TrackedTransaction): Promise<CommitOutcome> {
    const reads = tx.readSet();
    const writes = tx.effectiveWrites();
    if (writes.length === 0) return { position: null };
    const keys: string[] = [this.keys.stream, this.keys.sequence];
    const keyIndex = new Map<string, number>();
    const indexOf = (kind: Kind): string => {
      const key = this.keys.docs(kind);
      let index = keyIndex.get(key);
      if (index === undefined) {
        keys.push(key);
        index = keys.length;
        keyIndex.set(key, index);
      }
      return String(index);
    };
    const args: string[] = [String(reads.length)];
    for (const read of reads) args.push(indexOf(read.kind), read.id, read.raw === null ? '0' : '1', read.raw ?? '');
    args.push(String(writes.length));
    for (const write of writes) args.push(indexOf(write.kind), write.id, write.raw === null ? '0' : '1', write.raw ?? '');
    args.push(String(this.streamMaxLength), encodeChanges(writes), this.announcements);
    const result = await this.runCommitScript(keys, args);
    return result === 0 ? 'conflict' : { position: String(result) };
  }

  private async runCommitScript(keys: string[], args: string[]): Promise<unknown> {
    try {
      return await COMMIT_SCRIPT.run(this.client, keys, args);
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async snapshot(): Promise<Snapshot> {
    const streamed = await this.streamSnapshot();
    const changes: Change[] = [];
    for await (const batch of streamed.batches()) for (const change of batch) changes.push(change);
    return { position: streamed.position, forEach: (visit) => changes.forEach(visit) };
  }

  /**
   * The snapshot as it is read, one HSCAN reply at a time, so a loader can
   * fold each batch into its own (smaller) form and never hold every parsed
   * document at once — a million endpoints parsed at once are ~2.3 GB
   * (bench:scale). The next HSCAN is already on its way while a batch is
   * handed over. The position is read first: anything written during the
   * scan is also in the stream after it, and replaying full documents is
   * idempotent (as are HSCAN's occasional repeats).
   */
  async streamSnapshot(options: SnapshotOptions = {}): Promise<StreamedSnapshot> {
    const batchSize = options.batchSize ?? SNAPSHOT_BATCH;
    const kinds = options.kinds ?? KINDS;
    let position: string;
    try {
      const last = await this.client.xrevrange(this.keys.stream, '+', '-', 'COUNT', 1);
      position = last[0]?.[0] ?? ORIGIN_POSITION;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
    const scan = (kind: Kind, cursor: string): Promise<[string, string[]]> =>
      this.client.hscan(this.keys.docs(kind), cursor, 'COUNT', batchSize).catch((err: unknown) => {
        throw new StoreUnavailableError(err);
      });
    return {
      position,
      async *batches(): AsyncIterable<Change[]> {
        for (const kind of kinds) {
          let reply = scan(kind, '0');
          for (;;) {
            const [next, flat] = await reply;
            if (next !== '0') reply = scan(kind, next);
            for (let from = 0; from < flat.length; from += 2 * HANDOVER_BATCH) {
              const changes: Change[] = [];
              for (let i = from; i + 1 < flat.length && i < from + 2 * HANDOVER_BATCH; i += 2) {
                changes.push({ kind, id: flat[i]!, doc: parseDoc(flat[i + 1]!) ?? null } as Change);
                flat[i + 1] = ''; // the text dies as soon as it is parsed
              }
              yield changes;
            }
            if (next === '0') break;
          }
        }
      },
    };
  }

  follow(from: string, handlers: FollowHandlers, options: FollowOptions = {}): ChangeFollower {
    const kinds = options.kinds === undefined ? undefined : new Set(options.kinds);
    const decode = (payload: string): Change[] => decodeChanges(payload, kinds);
    const announce = this.target.connect('announce');
    // The follower subscribes again at every 'ready' itself: ioredis's own resubscription leaves
    // its promise unhandled, and a connection dropped at that moment would end the process.
    if (announce instanceof Redis) announce.options.autoResubscribe = false;
    const follower = new RedisStreamFollower(
      this.target.connect('follow'),
      announce,
      this.keys.stream,
      this.announcements,
      from,
      handlers,
      decode,
      () => this.followers.delete(follower),
      (err) => {
        if (this.announcementsRefused) return;
        this.announcementsRefused = true;
        this.onAnnouncementsRefused?.(err instanceof Error ? err.message : String(err));
      },
    );
    this.followers.add(follower);
    follower.start();
    return follower;
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    try {
      const result = await this.client.set(this.keys.claim(key), '1', 'EX', ttlSeconds, 'NX');
      return result === 'OK';
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.client.set(this.keys.lease(name), holder, 'PX', ttlMs, 'NX')) === 'OK';
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    try {
      return (await RENEW_LEASE.run(this.client, [this.keys.lease(name)], [holder, ttlMs])) === 1;
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    try {
      await RELEASE_LEASE.run(this.client, [this.keys.lease(name)], [holder]);
    } catch (err) {
      throw new StoreUnavailableError(err);
    }
  }

  health(): StoreHealth {
    return this.client.status === 'ready' ? 'ok' : 'unavailable';
  }

  async close(): Promise<void> {
    for (const follower of [...this.followers]) follower.stop();
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

/** The server is the kind the URL names, and has the database it names. */
async function checkServer(target: RedisTarget, client: RedisClient): Promise<void> {
  if (target.mode === 'cluster') return; // ioredis's Cluster is ready only after CLUSTER SLOTS answered
  let info: string;
  try {
    info = await client.info('cluster');
  } catch (err) {
    throw new StoreUnavailableError(err);
  }
  if (/cluster_enabled:1/.test(info))
    throw new StoreRefusedError(`${target.display} is a Redis Cluster node: use redis-cluster://host:port,… to reach the whole cluster`);
  if (target.db === 0) return;
  try {
    await client.select(target.db);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/out of range|invalid DB index/i.test(message))
      throw new StoreRefusedError(
        `${target.display}: the server has no database ${target.db} (it has redis.conf 'databases', 16 by default, numbered from 0)`,
      );
    throw new StoreUnavailableError(err);
  }
}
