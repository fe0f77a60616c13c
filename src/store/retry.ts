import { TrackedTransaction } from './tracked-transaction.js';
import { TransactionConflictError, type Kind, type Transaction, type TransactOptions, type TransactResult } from './types.js';

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
  options: TransactOptions = {},
): Promise<TransactResult<T>> {
  let guess = options.guess;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let guessed = false;
    const tx = new TrackedTransaction((kind, id) => {
      const raw = guess?.(kind, id);
      if (raw === undefined) return backend.readRaw(kind, id);
      guessed = true;
      return Promise.resolve(raw);
    });
    let value: T;
    try {
      value = await work(tx);
    } catch (err) {
      // The work refused on a guess (a stale copy, perhaps): only a refusal on reads stands.
      if (!guessed) throw err;
      guess = undefined;
      attempt--;
      continue;
    }
    // A commit that writes nothing checks no read, so an answer made on guesses alone must be
    // checked here: the documents it read are read back, and a guess that no longer holds makes
    // the work run again on reads (it would otherwise answer, or skip a change, on a stale copy).
    if (guessed && tx.effectiveWrites().length === 0 && !(await guessesHold(backend, tx))) {
      guess = undefined;
      continue;
    }
    const outcome = await backend.commit(tx);
    if (outcome !== 'conflict') return { value, position: outcome.position };
    // A guess that no longer held: read, at once (nobody else need be waited for).
    if (guessed) {
      guess = undefined;
      continue;
    }
    await sleep(Math.random() * Math.min(100, 2 ** attempt));
  }
  throw new TransactionConflictError();
}

async function guessesHold(backend: TransactionBackend, tx: TrackedTransaction): Promise<boolean> {
  const reads = tx.readSet();
  const current = await Promise.all(reads.map((read) => backend.readRaw(read.kind, read.id)));
  return reads.every((read, i) => current[i] === read.raw);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
