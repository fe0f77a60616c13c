import type { WriteRecord } from '../tracked-transaction.js';

/**
 * The memory store's contents, as loaded from disk and as captured for a
 * snapshot (src/store/durable/). Documents are raw JSON under docKey().
 */
export interface MemoryState {
  /** Number of the last committed batch; positions are "0-<sequence>". */
  sequence: number;
  docs: Map<string, string>;
  /** Signature nonce claims: key → expiry (ms since the epoch). */
  claims: Map<string, number>;
}

/**
 * Where a persistent memory store writes what it commits before acknowledging
 * it (src/store/durable/journal.ts). Appends are queued in commit order; one
 * fsync makes every entry queued before it durable.
 */
export interface MemoryJournal {
  appendBatch(sequence: number, writes: readonly WriteRecord[]): void;
  appendClaim(key: string, expiresAt: number): void;
  /** Resolves once every entry appended so far is on disk; rejects (StoreUnavailableError) once the journal failed. */
  durable(): Promise<void>;
  /** Set once a write or fsync failed: nothing more is acknowledged until a restart. */
  readonly failure: Error | undefined;
  close(): Promise<void>;
}
