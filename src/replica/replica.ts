import { comparePositions, ORIGIN_POSITION } from '../store/position.js';
import {
  KINDS,
  type Change,
  type ChangeBatch,
  type ChangeFollower,
  type DocTypes,
  type Kind,
  type Store,
  type StoreHealth,
} from '../store/types.js';
import { ReplicaState } from './replica-state.js';
import { StringPool } from './string-pool.js';

/** A change as applied, with the document it replaced. */
export interface AppliedChange {
  change: Change;
  previous: DocTypes[Kind] | undefined;
}

export interface ReplicaSubscriber {
  /**
   * Called synchronously with every applied batch, in stream order. Read the
   * changes' documents inside the call: some are decoded on first read from
   * the replica's compact storage, which moves on after the call.
   */
  onChanges(applied: readonly AppliedChange[]): void;
}

/**
 * A store that can hand its snapshot over in batches as it reads it
 * (RedisStore.streamSnapshot): the replica packs each batch as it comes and
 * never holds every parsed document at once.
 */
interface BatchedSnapshotSource {
  /** Only documents of `kinds` (all when absent) are read and handed over. */
  streamSnapshot(options?: { kinds?: readonly Kind[] }): Promise<{ position: string; batches(): AsyncIterable<Change[]> }>;
}

export interface ReplicaOptions {
  /**
   * The kinds of document this replica holds (default: all). Changes of other
   * kinds are neither read nor kept nor passed on (see role-kinds.ts for what a
   * DNS-only process leaves out).
   */
  kinds?: readonly Kind[];
}

function streamsSnapshots(store: Store): store is Store & BatchedSnapshotSource {
  return typeof (store as Partial<BatchedSnapshotSource>).streamSnapshot === 'function';
}

/**
 * Late subscribers get the replica's content in batches of this many changes:
 * documents decoded for one batch die young instead of being promoted and
 * fragmenting the old generation (bench:scale).
 */
const REPLAY_BATCH = 2_000;

interface PositionWaiter {
  position: string;
  resolve(): void;
}

/**
 * The in-memory copy of the store that every process serves from (docs/architecture.md): it
 * loads a snapshot at start and then follows the change stream. Each batch is
 * applied synchronously within one turn of the event loop, so no query or API
 * read ever sees half a transaction. A query never waits on Redis.
 */
export class Replica {
  private readonly pool = new StringPool();
  private state = new ReplicaState(this.pool);
  private follower: ChangeFollower | null = null;
  private subscribers: ReplicaSubscriber[] = [];
  private waiters: PositionWaiter[] = [];
  private streamHealth: StoreHealth = 'ok';
  private stopped = false;
  /** Epoch ms of the newest batch applied (from its stream ID), for lag metrics. */
  private lastBatchTime = 0;
  position = ORIGIN_POSITION;
  resyncs = 0;
  private readonly resyncListeners: Array<() => void> = [];

  private readonly kinds: ReadonlySet<Kind>;

  constructor(
    private readonly store: Store,
    private readonly onError: (err: unknown) => void = () => undefined,
    options: ReplicaOptions = {},
  ) {
    this.kinds = new Set(options.kinds ?? KINDS);
  }

  /**
   * Loads the snapshot and starts following; resolves once the snapshot is
   * applied. While the store cannot be read it retries (reporting each failure
   * to onError) until it can, or until stopped: a process never serves from a
   * replica that was never loaded.
   */
  async start(): Promise<void> {
    for (;;) {
      try {
        await this.reload();
        return;
      } catch (err) {
        if (this.stopped) throw err;
        this.streamHealth = 'unavailable';
        this.onError(err);
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS));
      }
    }
  }

  /**
   * Adds a subscriber and replays the current content to it as changes
   * (several batches for a large replica; one batch is not one transaction).
   * Returns the function that removes it again.
   */
  subscribe(subscriber: ReplicaSubscriber): () => void {
    this.subscribers = [...this.subscribers, subscriber];
    this.replay([subscriber]);
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== subscriber);
    };
  }

  /** The current content as changes, REPLAY_BATCH at a time, to each of `subscribers` in turn. */
  private replay(subscribers: readonly ReplicaSubscriber[]): void {
    if (subscribers.length === 0) return;
    let batch: AppliedChange[] = [];
    const hand = (): void => {
      for (const subscriber of subscribers) subscriber.onChanges(batch);
      batch = [];
    };
    for (const applied of this.state.asChanges()) {
      batch.push(applied);
      if (batch.length === REPLAY_BATCH) hand();
    }
    if (batch.length > 0) hand();
  }

  /**
   * Runs `start` and returns one function removing every subscriber it added:
   * for components that subscribe internally without handing the remover back
   * (the reconciler, started and stopped with its lease in app.ts).
   */
  collectSubscriptions(start: () => void): () => void {
    const before = new Set(this.subscribers);
    start();
    const added = this.subscribers.filter((s) => !before.has(s));
    return () => {
      this.subscribers = this.subscribers.filter((s) => !added.includes(s));
    };
  }

  get<K extends Kind>(kind: K, id: string): DocTypes[K] | undefined {
    return this.state.get(kind, id);
  }

  values<K extends Kind>(kind: K): IterableIterator<DocTypes[K]> {
    return this.state.values(kind);
  }

  ownedBy<K extends Kind>(kind: K, uid: string): DocTypes[K][] {
    return this.state.ownedBy(kind, uid);
  }

  count(kind: Kind): number {
    return this.state.count(kind);
  }

  health(): StoreHealth {
    return this.streamHealth;
  }

  /** Milliseconds between the newest applied batch's commit and now (0 when caught up or unknown). */
  lagMilliseconds(now = Date.now()): number {
    return this.lastBatchTime === 0 ? 0 : Math.max(0, now - this.lastBatchTime);
  }

  /** Resolves once the replica has applied the batch at `position` (read-your-writes). */
  waitFor(position: string, timeoutMs = 5000): Promise<void> {
    if (comparePositions(this.position, position) >= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`replica did not reach ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: PositionWaiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  stop(): void {
    this.stopped = true;
    this.follower?.stop();
    this.follower = null;
  }

  private applyBatch(batch: ChangeBatch): void {
    const applied: AppliedChange[] = [];
    for (const change of batch.changes) if (this.kinds.has(change.kind)) applied.push({ change, previous: this.state.apply(change) });
    this.position = batch.position;
    this.lastBatchTime = timeOf(batch.position);
    this.publish(applied);
  }

  private publish(applied: readonly AppliedChange[]): void {
    // A subscriber may unsubscribe from inside onChanges: iterate a fixed list.
    for (const subscriber of this.subscribers) {
      try {
        subscriber.onChanges(applied);
      } catch (err) {
        this.onError(err);
      }
    }
    this.settleWaiters();
  }

  private settleWaiters(): void {
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => comparePositions(this.position, w.position) >= 0);
      this.waiters = this.waiters.filter((w) => comparePositions(this.position, w.position) < 0);
      for (const waiter of ready) waiter.resolve();
    }
  }

  /**
   * Loads a full snapshot — straight into the state on the first load, into a
   * fresh state swapped in on a resync — and follows the stream from its position.
   */
  private async reload(): Promise<void> {
    this.follower?.stop();
    this.follower = null;
    if (this.state.isEmpty()) {
      this.position = await this.loadInPlace();
      this.settleWaiters();
    } else await this.loadAndSwap();
    this.streamHealth = 'ok';
    this.lastBatchTime = 0;
    if (this.stopped) return;
    this.follower = this.store.follow(this.position, {
      onBatch: (batch) => this.applyBatch(batch),
      onGap: () => {
        this.resyncs += 1;
        this.reloadUntilDone();
      },
      onHealth: (health) => {
        this.streamHealth = health;
      },
    });
  }

  /**
   * The first load (the state is empty: nobody has seen any content yet): each
   * batch goes straight into the live state and on to the subscribers as it is
   * read, with the documents just parsed — never packed and decoded again for
   * them, and while they are still in the CPU's caches (a 1M load took 155 s
   * the other way, 99 s this way: bench:scale). Kinds come in KINDS order, so a
   * subscriber reading the replica always finds what a document refers to
   * (the service of an endpoint, the VPC of a binding). If the load fails half
   * way, the state is no longer empty and the retry takes the other path,
   * which diffs the partial state against the full one.
   */
  private async loadInPlace(): Promise<string> {
    return this.readSnapshot((changes) => {
      const applied: AppliedChange[] = [];
      for (const change of changes) applied.push({ change, previous: this.state.apply(change) });
      if (applied.length > 0) this.publish(applied);
    });
  }

  /**
   * A resync: a full snapshot into a fresh state, swapped in; subscribers get
   * exactly what differs from what they saw — so a resync after a gap looks to
   * them like any other batch.
   */
  private async loadAndSwap(): Promise<void> {
    const next = new ReplicaState(this.pool);
    let position: string;
    try {
      position = await this.readSnapshot((changes) => {
        for (const change of changes) next.apply(change);
      });
    } catch (err) {
      // A half-loaded state gives its pool entries back; the current one keeps serving.
      next.dispose();
      throw err;
    }
    const applied = this.state.diffTo(next);
    const old = this.state;
    this.state = next;
    this.position = position;
    this.publish(applied);
    old.dispose();
  }

  /**
   * Reads a full snapshot of this replica's kinds, handing it over in batches in
   * KINDS order (a store that cannot stream gives one batch, sorted so), and
   * returns the position to follow from.
   */
  private async readSnapshot(onBatch: (changes: readonly Change[]) => void): Promise<string> {
    const kinds = KINDS.filter((kind) => this.kinds.has(kind));
    if (streamsSnapshots(this.store)) {
      const snapshot = await this.store.streamSnapshot({ kinds });
      for await (const batch of snapshot.batches()) onBatch(batch);
      return snapshot.position;
    }
    const snapshot = await this.store.snapshot();
    const byKind = new Map<Kind, Change[]>(kinds.map((kind) => [kind, []]));
    snapshot.forEach((change) => byKind.get(change.kind)?.push(change));
    onBatch([...byKind.values()].flat());
    return snapshot.position;
  }

  /**
   * Called after each resync (a snapshot reloaded because of a gap), e.g. so
   * that an API process restores its bootstrap keys when Redis lost its data.
   */
  onResync(listener: () => void): void {
    this.resyncListeners.push(listener);
  }

  private reloadUntilDone(): void {
    this.reload().then(
      () => {
        for (const listener of this.resyncListeners) listener();
      },
      (err: unknown) => {
        this.onError(err);
        this.streamHealth = 'unavailable';
        if (!this.stopped) setTimeout(() => this.reloadUntilDone(), 500);
      },
    );
  }
}

const START_RETRY_MS = 500;

/** Redis stream IDs start with the commit's epoch ms; the memory store's are "0-n". */
function timeOf(position: string): number {
  const ms = Number(position.slice(0, position.indexOf('-')));
  return Number.isFinite(ms) ? ms : 0;
}
