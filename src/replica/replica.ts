import { comparePositions, ORIGIN_POSITION } from '../store/position.js';
import {
  isKind,
  KINDS,
  type Change,
  type ChangeBatch,
  type ChangeFollower,
  type DocTypes,
  type GapReason,
  type Kind,
  type Store,
  type StoreHealth,
} from '../store/types.js';
import type { AppliedChange } from './applied-change.js';
import { ReplicaState } from './replica-state.js';
import { PackMemo } from './pack-memo.js';
import { StringPool } from './string-pool.js';

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

/**
 * What a replica reports, each once per occurrence (app.ts logs them and
 * counts resyncs). None of them stops the replica.
 */
export interface ReplicaEvents {
  /**
   * The store became unreadable (cause given) or readable again: called once
   * per transition, whether the follower, the first load or a resync found it.
   */
  storeHealthChanged?(health: StoreHealth, cause?: unknown): void;
  /** A gap in the stream (GapReason): a resync from a snapshot begins. */
  resyncStarted?(reason: GapReason, cause: unknown): void;
  /** A subscriber threw while taking a batch; the stream and the other subscribers go on. */
  subscriberFailed?(err: unknown): void;
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
  private readonly memo = new PackMemo(this.pool);
  private state = new ReplicaState(this.pool, this.memo);
  private follower: ChangeFollower | null = null;
  private subscribers: ReplicaSubscriber[] = [];
  private waiters: PositionWaiter[] = [];
  private streamHealth: StoreHealth = 'ok';
  private stopped = false;
  /**
   * Null while the replica has applied every batch the store had when last
   * read; else when it fell behind: the commit time of the last batch applied
   * (the next one is no older) or, before that is known, the local time it
   * found itself behind (a gap, a resync, the memory store's untimed positions).
   */
  private behindSince: number | null = null;
  /** A resync (snapshot reload after a gap) is under way: see catchingUp(). */
  private resyncing = false;
  private readonly resyncCounts = new Map<GapReason, number>();
  position = ORIGIN_POSITION;
  private readonly resyncListeners: Array<() => void> = [];

  private readonly kinds: ReadonlySet<Kind>;

  constructor(
    private readonly store: Store,
    private readonly events: ReplicaEvents = {},
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
    this.behindSince = Date.now();
    for (;;) {
      try {
        await this.reload();
        return;
      } catch (err) {
        if (this.stopped) throw err;
        this.setHealth('unavailable', err);
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS));
      }
    }
  }

  /**
   * Adds a subscriber and replays the current content to it as changes
   * (several batches for a large replica; one batch is not one transaction).
   * With `replay: false` it gets the batches applied from now on only — for
   * one that reads what it needs of the current content from an index (the
   * reconciler): a replay decodes every document, seconds of one turn of the
   * event loop at 100k endpoints, and a heap full of promoted garbage.
   * Returns the function that removes it again.
   */
  subscribe(subscriber: ReplicaSubscriber, options: { replay?: boolean } = {}): () => void {
    this.subscribers = [...this.subscribers, subscriber];
    if (options.replay !== false) this.replay([subscriber]);
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

  /** Whether this replica keeps documents of `kind` (ReplicaOptions.kinds): if not, get says nothing of them. */
  holds(kind: Kind): boolean {
    return this.kinds.has(kind);
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

  /** Ids of the endpoints (any status) connected to `serviceId`, from an index: no scan. */
  endpointIdsOfService(serviceId: string): string[] {
    return this.state.dependents.endpointIdsOfService(serviceId);
  }

  /** Ids of the vSwitches of `vpcId`, from an index. */
  vSwitchIdsOfVpc(vpcId: string): string[] {
    return this.state.dependents.vSwitchIdsOfVpc(vpcId);
  }

  /** Ids of the endpoints (or services) with a transition due, from an index. */
  dueIds(kind: 'endpoint' | 'service'): string[] {
    return this.state.dependents.dueIds(kind);
  }

  /** How many endpoints live in `vpcId`, from an index. */
  endpointCountOfVpc(vpcId: string): number {
    return this.state.dependents.endpointCountOfVpc(vpcId);
  }

  health(): StoreHealth {
    return this.streamHealth;
  }

  /**
   * How far this replica is behind the newest change in the store, in ms: 0
   * once it has applied everything the stream held when last read — however
   * long ago the last write was — and while behind, the time since the oldest
   * change it may be missing (docs/reliability.md). While the store cannot be
   * read, the last known value stands (health says the rest).
   */
  lagMilliseconds(now = Date.now()): number {
    return this.behindSince === null ? 0 : Math.max(0, now - this.behindSince);
  }

  /**
   * True while a resync is reloading a snapshot: the replica is behind the
   * store by an unknown amount, and a write now could not be read back here
   * for as long as the load takes (Plane.write refuses new writes meanwhile).
   */
  catchingUp(): boolean {
    return this.resyncing;
  }

  /** Snapshot reloads after a gap, in all. */
  get resyncs(): number {
    let total = 0;
    for (const count of this.resyncCounts.values()) total += count;
    return total;
  }

  /** Snapshot reloads after a gap, by GapReason. */
  resyncsByReason(): ReadonlyMap<GapReason, number> {
    return this.resyncCounts;
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

  /**
   * Applies one batch, then moves the position past it. If a change cannot be
   * applied (ReplicaState.apply refuses it), what was applied is published, so
   * subscribers still match the state, and the error goes back to the
   * follower, which stops and reports an 'apply' gap: a resync brings the
   * rest. The position never moves past a batch not applied.
   */
  private applyBatch(batch: ChangeBatch): void {
    const applied: AppliedChange[] = [];
    try {
      for (const change of batch.changes) {
        // A known kind this role leaves out is skipped; an unknown one is refused by apply.
        if (isKind(change.kind) && !this.kinds.has(change.kind)) continue;
        applied.push({ change, previous: this.state.apply(change) });
      }
    } catch (err) {
      if (applied.length > 0) this.publish(applied);
      throw new Error(`batch ${batch.position}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    this.position = batch.position;
    // Behind until the follower says it reached the tail; the next batch is no older than this one.
    this.behindSince = timeOf(batch.position) ?? this.behindSince ?? Date.now();
    this.publish(applied);
  }

  private publish(applied: readonly AppliedChange[]): void {
    // A subscriber may unsubscribe from inside onChanges: iterate a fixed list.
    for (const subscriber of this.subscribers) {
      try {
        subscriber.onChanges(applied);
      } catch (err) {
        this.events.subscriberFailed?.(err);
      }
    }
    this.settleWaiters();
  }

  private setHealth(health: StoreHealth, cause?: unknown): void {
    if (health === this.streamHealth) return;
    this.streamHealth = health;
    this.events.storeHealthChanged?.(health, cause);
  }

  /** A gap: counted and reported once, then a resync (retried until it succeeds or the replica stops). */
  private gap(reason: GapReason, cause: unknown): void {
    if (this.stopped) return;
    this.resyncCounts.set(reason, (this.resyncCounts.get(reason) ?? 0) + 1);
    this.resyncing = true;
    this.behindSince ??= Date.now();
    this.events.resyncStarted?.(reason, cause);
    this.reloadUntilDone();
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
    this.setHealth('ok');
    this.resyncing = false;
    if (this.stopped) return;
    // Calls from a follower this replica has let go of (a resync replaced it) are ignored.
    // The kinds this role leaves out are not even parsed from the stream (FollowOptions.kinds).
    const follower: ChangeFollower = this.store.follow(
      this.position,
      {
        onBatch: (batch) => {
          if (this.follower === follower) this.applyBatch(batch);
        },
        onGap: (reason, cause) => {
          if (this.follower !== follower) return;
          this.follower = null;
          this.gap(reason, cause ?? new Error(reason));
        },
        onHealth: (health, cause) => {
          if (this.follower === follower) this.setHealth(health, cause);
        },
        onCaughtUp: () => {
          if (this.follower === follower) this.behindSince = null;
        },
      },
      { kinds: [...this.kinds] },
    );
    this.follower = follower;
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
      try {
        for (const change of changes) applied.push({ change, previous: this.state.apply(change) });
      } finally {
        // What is in the state is handed over even when a later document of the batch cannot
        // be applied: the retry diffs against this state, so whatever was applied and not
        // published here would never reach the subscribers (as applyBatch does).
        if (applied.length > 0) this.publish(applied);
      }
    });
  }

  /**
   * A resync: a full snapshot into a fresh state, swapped in; subscribers get
   * exactly what differs from what they saw — so a resync after a gap looks to
   * them like any other batch.
   */
  private async loadAndSwap(): Promise<void> {
    const next = new ReplicaState(this.pool, this.memo);
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
      this.memo.anchored(true);
      try {
        for await (const batch of snapshot.batches()) onBatch(batch);
      } finally {
        this.memo.anchored(false);
      }
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
        this.setHealth('unavailable', err);
        if (!this.stopped) setTimeout(() => this.reloadUntilDone(), 500);
      },
    );
  }
}

const START_RETRY_MS = 500;

/** Redis stream IDs start with the commit's epoch ms; the memory store's are "0-n" (no time). */
function timeOf(position: string): number | undefined {
  const ms = Number(position.slice(0, position.indexOf('-')));
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
