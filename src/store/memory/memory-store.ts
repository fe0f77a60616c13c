import { docKey, splitDocKey } from '../doc-key.js';
import { transactWithRetries, type CommitOutcome } from '../retry.js';
import { changesOf, parseDoc, type TrackedTransaction } from '../tracked-transaction.js';
import { MemoryLeases } from './memory-leases.js';
import type { MemoryJournal, MemoryState } from './memory-journal.js';
import {
  StoreUnavailableError,
  type Change,
  ChangeBatch,
  ChangeFollower,
  DocTypes,
  FollowHandlers,
  GapReason,
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
  /** Contents to start from (loaded from `--data-dir`); the store takes ownership. */
  initial?: MemoryState;
  /** Makes every commit and claim durable before it is acknowledged (`--data-dir`). */
  journal?: MemoryJournal;
}

/**
 * The embedded default store (`--store memory`): one process, nothing to
 * install. It keeps the same contract as the Redis store — CAS transactions and
 * an ordered change stream — so replicas and tests treat both alike.
 *
 * With a journal (`--data-dir`, docs/design/persistence.md) a commit is applied
 * in memory at once — later transactions see it and queue behind it in the
 * journal — but it is acknowledged, and handed to followers, only once it is on
 * disk, so nothing outside the store ever sees a write a crash could undo.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly docs: Map<string, string>;
  private readonly stream: ChangeBatch[] = [];
  private readonly followers = new Set<FollowerState>();
  private readonly claims: Map<string, number>;
  private readonly leases = new MemoryLeases();
  private sequence: number;
  /** Committed batches not yet on disk, oldest first (journal only). */
  private readonly unpublished: ChangeBatch[] = [];
  /** Sequence of the last batch handed to followers. */
  private published: number;
  private readonly streamLength: number;
  private readonly journal: MemoryJournal | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    this.streamLength = options.streamLength ?? 10_000;
    this.journal = options.journal;
    this.docs = options.initial?.docs ?? new Map();
    this.claims = options.initial?.claims ?? new Map();
    this.sequence = options.initial?.sequence ?? 0;
    this.published = this.sequence;
  }

  async get<K extends Kind>(kind: K, id: string): Promise<DocTypes[K] | undefined> {
    const raw = this.docs.get(docKey(kind, id)) ?? null;
    await this.journal?.durable();
    return parseDoc<K>(raw);
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

  private async commit(tx: TrackedTransaction): Promise<CommitOutcome> {
    this.assertJournalHealthy();
    for (const read of tx.readSet()) {
      if ((this.docs.get(docKey(read.kind, read.id)) ?? null) !== read.raw) return 'conflict';
    }
    const writes = tx.effectiveWrites();
    if (writes.length === 0) {
      // What it read may still be on its way to disk.
      await this.journal?.durable();
      return { position: null };
    }
    for (const write of writes) {
      const key = docKey(write.kind, write.id);
      if (write.raw === null) this.docs.delete(key);
      else this.docs.set(key, write.raw);
    }
    this.sequence += 1;
    const batch: ChangeBatch = { position: `0-${this.sequence}`, changes: changesOf(writes) };
    this.unpublished.push(batch);
    if (this.journal !== undefined) {
      this.journal.appendBatch(this.sequence, writes);
      await this.journal.durable();
    }
    this.publishThrough(sequenceOf(batch.position));
    return { position: batch.position };
  }

  /** Hands followers every batch up to `sequence`, in order (all of them are durable). */
  private publishThrough(sequence: number): void {
    let moved = false;
    while (this.unpublished.length > 0 && sequenceOf(this.unpublished[0]!.position) <= sequence) {
      const batch = this.unpublished.shift()!;
      this.stream.push(batch);
      this.published = sequenceOf(batch.position);
      moved = true;
    }
    if (!moved) return;
    if (this.stream.length > this.streamLength) this.stream.splice(0, this.stream.length - this.streamLength);
    for (const follower of this.followers) follower.deliverSoon();
  }

  private assertJournalHealthy(): void {
    const failure = this.journal?.failure;
    if (failure !== undefined) throw new StoreUnavailableError(failure);
  }

  /** A copy of everything, for a snapshot on disk; expired claims are left out. */
  copyState(): MemoryState {
    const now = Date.now();
    const claims = new Map<string, number>();
    for (const [key, expiresAt] of this.claims) if (expiresAt > now) claims.set(key, expiresAt);
    return { sequence: this.sequence, docs: new Map(this.docs), claims };
  }

  async snapshot(): Promise<Snapshot> {
    const entries = [...this.docs.entries()];
    const position = `0-${this.sequence}`;
    await this.journal?.durable();
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
    const state = new FollowerState(
      this.stream,
      from,
      handlers,
      () => this.published + 1,
      () => this.followers.delete(state),
    );
    this.followers.add(state);
    state.deliverSoon();
    return state;
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    this.assertJournalHealthy();
    const now = Date.now();
    const expires = this.claims.get(key);
    if (expires !== undefined && expires > now) return false;
    this.claims.set(key, now + ttlSeconds * 1000);
    // Not awaited: the claim reaches disk with the next fsync, which any write
    // the signed request goes on to make waits for (docs/design/persistence.md).
    this.journal?.appendClaim(key, now + ttlSeconds * 1000);
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
    return this.journal?.failure === undefined ? 'ok' : 'unavailable';
  }

  async close(): Promise<void> {
    for (const follower of [...this.followers]) follower.stop();
    await this.journal?.close();
  }
}

class FollowerState implements ChangeFollower {
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly stream: readonly ChangeBatch[],
    private position: string,
    private readonly handlers: FollowHandlers,
    /** Sequence the next published batch will have: where an empty stream starts. */
    private readonly nextSequence: () => number,
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
    // Memory positions are "0-<seq>" with consecutive seqs, so the next batch's
    // index is a subtraction, not a scan. The stream starts empty after a load
    // from disk: a follower from before the loaded state has a gap.
    const wanted = sequenceOf(this.position) + 1;
    const firstSeq = first === undefined ? this.nextSequence() : sequenceOf(first.position);
    if (wanted < firstSeq) return this.reportGap('position-lost');
    for (let i = wanted - firstSeq; i < this.stream.length; i++) {
      if (this.stopped) return;
      const batch = this.stream[i]!;
      // The position moves past a batch only once it is applied (as with Redis).
      try {
        this.handlers.onBatch(batch);
      } catch (err) {
        return this.reportGap('apply', err);
      }
      this.position = batch.position;
    }
    if (!this.stopped) this.handlers.onCaughtUp?.();
  }

  private reportGap(reason: GapReason, cause?: unknown): void {
    this.stop();
    this.handlers.onGap(reason, cause);
  }

  stop(): void {
    this.stopped = true;
    this.detach();
  }
}

function sequenceOf(position: string): number {
  return Number(position.slice(position.indexOf('-') + 1));
}
