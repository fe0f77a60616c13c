import type { Replica } from '../replica/replica.js';
import type { Store, Transaction } from '../store/types.js';
import type { ServedRegion } from '../model/regions.js';

export interface PlaneSettings {
  regions: readonly ServedRegion[];
  domainSuffix: string;
  transitionDelayMs: number;
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
   * the caller's next read (here) sees its own write.
   */
  async write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const { value, position } = await this.store.transact(work);
    if (position !== null) await this.replica.waitFor(position);
    return value;
  }

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
}
