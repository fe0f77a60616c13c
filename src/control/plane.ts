import { CloudError } from '../errors/catalogue.js';
import type { Replica } from '../replica/replica.js';
import type { Kind, Store, Transaction, TransactResult } from '../store/types.js';
import type { ServedRegion } from '../model/regions.js';
import type { ClientTokenScope } from './client-token.js';

const DEFAULT_REPLICA_WAIT_MS = 5_000;

export interface PlaneSettings {
  regions: readonly ServedRegion[];
  domainSuffix: string;
  transitionDelayMs: number;
  /** How long a committed write waits for this process's replica to apply it (default 5 s). */
  replicaWaitMs?: number;
}

/**
 * What every control-plane operation works with: the store for writes (CAS
 * transactions), the local replica for reads and validation, the settings and
 * a clock. Operations live in the files beside this one.
 */
export class Plane {
  constructor(
    readonly store: Store,
    readonly replica: Replica,
    readonly settings: PlaneSettings,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * Commits and waits until this process's replica has applied the commit, so
   * the caller's next read (here) sees its own write (docs/reliability.md,
   * "Writes while the replica catches up"):
   *  - while the replica reloads a snapshot after a gap, a new write is refused
   *    with ServiceUnavailable before anything is committed: it could not be
   *    read back here until the load ends (minutes for a large fleet), and the
   *    client's retry is safe;
   *  - a committed write is answered as the success it is, even when the replica
   *    has not applied it within the bound (the wait is for read-your-writes,
   *    not for the commit): never an error for something that was done.
   */
  async write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.replica.catchingUp()) throw new CloudError('ServiceUnavailable');
    const { value, position } = await this.transact(work);
    if (position !== null) {
      await this.replica.waitFor(position, this.settings.replicaWaitMs ?? DEFAULT_REPLICA_WAIT_MS).catch(() => undefined);
    }
    return value;
  }

  /**
   * A store transaction whose first attempt takes the replica's copy of each document it reads
   * (its JSON is the stored text: the replica gives documents back exactly) instead of a Redis
   * round trip; the commit's compare-and-set refuses a stale copy, and the work then runs again
   * on reads, as it does when it refuses on a copy (transactWithRetries). A write is its commit's
   * round trip and little else (docs/design/performance.md "API edits").
   */
  transact<T>(work: (tx: Transaction) => Promise<T>): Promise<TransactResult<T>> {
    return this.store.transact(work, { guess: this.guessRaw });
  }

  private readonly guessRaw = (kind: Kind, id: string): string | null | undefined => {
    const { replica } = this;
    if (!replica.holds(kind) || replica.catchingUp()) return undefined;
    const doc = replica.get(kind, id);
    return doc === undefined ? null : JSON.stringify(doc);
  };

  region(regionId: string): ServedRegion | undefined {
    return this.settings.regions.find((r) => r.regionId === regionId);
  }

  /** When a transition started now is due (docs/control-plane.md: `--transition-delay`). */
  dueAt(): number {
    return this.now() + this.settings.transitionDelayMs;
  }

  timestamp(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /**
   * The ClientToken of the create running on this plane, which createOnce maps to the resource it
   * makes: set by the operation runner (change-runner.ts, CreateTokenPlane); none on a plain plane.
   */
  createToken(): (ClientTokenScope & { clientToken: string }) | undefined {
    return undefined;
  }

  /**
   * Said by an operation whose checks are all made when what follows only reads what its writes
   * need and writes: a dry run (change-runner.ts, DryRunPlane) answers here, without those reads
   * (an account-wide SetBusinessStatus would read every endpoint of the account). Nothing happens
   * on any other plane.
   */
  checksDone(): void {
    // Not a dry run: the operation goes on.
  }
}
