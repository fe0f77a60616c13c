import { TrackedTransaction } from './tracked-transaction.js';
import { TransactionConflictError, type Kind, type Transaction, type TransactResult } from './types.js';

/** Commit outcome: the batch position, null when nothing was written, or a conflict. */
export type CommitOutcome = { position: string | null } | 'conflict';

export interface TransactionBackend {
  readRaw(kind: Kind, id: string): Promise<string | null>;
  commit(tx: TrackedTransaction): Promise<CommitOutcome>;
}

/** Enough for dozens of writers on one document; each round lets exactly one of them win. */
const MAX_ATTEMPTS = 50;

/**
 * Optimistic concurrency: run the work, try to commit, and on a conflict run it
 * again on fresh reads. Backoff is short and jittered so two racing API
 * processes stop colliding quickly.
 */
export async function transactWithRetries<T>(
  backend: TransactionBackend,
  work: (tx: Transaction) => Promise<T>,
): Promise<TransactResult<T>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tx = new TrackedTransaction((kind, id) => backend.readRaw(kind, id));
    const value = await work(tx);
    const outcome = await backend.commit(tx);
    if (outcome !== 'conflict') return { value, position: outcome.position };
    await sleep(Math.random() * Math.min(100, 2 ** attempt));
  }
  throw new TransactionConflictError();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
