import { transactWithRetries, type CommitOutcome } from '../retry.js';
import { changesOf, parseDoc, type TrackedTransaction } from '../tracked-transaction.js';
import { MemoryLeases } from './memory-leases.js';
import type {
  Change,
  ChangeBatch,
  ChangeFollower,
  DocTypes,
  FollowHandlers,
  Kind,
  Snapshot,
  Store,
  StoreHealth,
  Transaction,
  TransactResult,
} from '../types.js';

export interface MemoryStoreOptions {
  /** Batches kept for followers that fall behind; older ones force a snapshot reload. */
  streamLength?: number;
}

/**
 * The embedded default store (`--store memory`): one process, nothing to
 * install. It keeps the same contract as the Redis store — CAS transactions and
 * an ordered change stream — so replicas and tests treat both alike.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly docs = new Map<string, string>();
  private readonly stream: ChangeBatch[] = [];
  private readonly followers = new Set<FollowerState>();
  private readonly claims = new Map<string, number>();
  private readonly leases = new MemoryLeases();
  private sequence = 0;
  private readonly streamLength: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.streamLength = options.streamLength ?? 10_000;
  }

  async get<K extends Kind>(kind: K, id: string): Promise<DocTypes[K] | undefined> {
    return parseDoc<K>(this.docs.get(docKey(kind, id)) ?? null);
  }

  transact<T>(work: (tx: Transaction) => Promise<T>): Promise<TransactResult<T>> {
    return transactWithRetries(
      {
        readRaw: async (kind, id) => this.docs.get(docKey(kind, id)) ?? null,
        commit: async (tx) => this.commit(tx),
      },
      work,
    );
  }

  private commit(tx: TrackedTransaction): CommitOutcome {
    for (const read of tx.readSet()) {
      if ((this.docs.get(docKey(read.kind, read.id)) ?? null) !== read.raw) return 'conflict';
    }
    const writes = tx.effectiveWrites();
    if (writes.length === 0) return { position: null };
    for (const write of writes) {
      const key = docKey(write.kind, write.id);
      if (write.raw === null) this.docs.delete(key);
      else this.docs.set(key, write.raw);
    }
    this.sequence += 1;
    const batch: ChangeBatch = { position: `0-${this.sequence}`, changes: changesOf(writes) };
    this.stream.push(batch);
    if (this.stream.length > this.streamLength) this.stream.splice(0, this.stream.length - this.streamLength);
    for (const follower of this.followers) follower.deliverSoon();
    return { position: batch.position };
  }

  async snapshot(): Promise<Snapshot> {
    const entries = [...this.docs.entries()];
    const position = `0-${this.sequence}`;
    return {
      position,
      forEach(visit: (change: Change) => void): void {
        for (const [key, raw] of entries) {
          const [kind, id] = splitDocKey(key);
          visit({ kind, id, doc: parseDoc(raw) ?? null } as Change);
        }
      },
    };
  }

  follow(from: string, handlers: FollowHandlers): ChangeFollower {
    const state = new FollowerState(this.stream, from, handlers, () => this.followers.delete(state));
    this.followers.add(state);
    state.deliverSoon();
    return state;
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const now = Date.now();
    const expires = this.claims.get(key);
    if (expires !== undefined && expires > now) return false;
    this.claims.set(key, now + ttlSeconds * 1000);
    if (this.claims.size > 100_000) {
      for (const [k, exp] of this.claims) if (exp <= now) this.claims.delete(k);
    }
    return true;
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.acquire(name, holder, ttlMs);
  }

  async renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.renew(name, holder, ttlMs);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.leases.release(name, holder);
  }

  health(): StoreHealth {
    return 'ok';
  }

  async close(): Promise<void> {
    for (const follower of [...this.followers]) follower.stop();
  }
}

class FollowerState implements ChangeFollower {
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly stream: readonly ChangeBatch[],
    private position: string,
    private readonly handlers: FollowHandlers,
    private readonly detach: () => void,
  ) {}

  /** Delivery is asynchronous, as with Redis, so callers never re-enter the commit. */
  deliverSoon(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.deliver();
    });
  }

  private deliver(): void {
    if (this.stopped) return;
    const first = this.stream[0];
    if (first === undefined) return;
    // Memory positions are "0-<seq>" with consecutive seqs, so the next batch's
    // index is a subtraction, not a scan.
    const wanted = sequenceOf(this.position) + 1;
    const firstSeq = sequenceOf(first.position);
    if (wanted < firstSeq) {
      this.handlers.onGap();
      return;
    }
    for (let i = wanted - firstSeq; i < this.stream.length; i++) {
      if (this.stopped) return;
      const batch = this.stream[i]!;
      this.position = batch.position;
      this.handlers.onBatch(batch);
    }
  }

  stop(): void {
    this.stopped = true;
    this.detach();
  }
}

function sequenceOf(position: string): number {
  return Number(position.slice(position.indexOf('-') + 1));
}

function docKey(kind: Kind, id: string): string {
  return `${kind}\u0000${id}`;
}

function splitDocKey(key: string): [Kind, string] {
  const sep = key.indexOf('\u0000');
  return [key.slice(0, sep) as Kind, key.slice(sep + 1)];
}
