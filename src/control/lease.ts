import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/types.js';

/**
 * A lease in the store, so that of several api processes exactly one runs the
 * reconciler at a time (docs/architecture.md: "any number of each on one store").
 *
 * Protocol (Redis; the memory store mimics it for one process):
 *   acquire  SET <ns>:lease:<name> <holder> NX PX <ttl>        — only if nobody holds it
 *   renew    Lua: if GET == holder then PEXPIRE ttl              — compare-and-extend
 *   release  Lua: if GET == holder then DEL                      — on a clean shutdown
 * A holder renews every ttl/3. It counts its lease as valid until
 * (time it *sent* the last successful acquire/renew) + 0.9 × ttl — earlier than
 * Redis can expire the key, since Redis starts the ttl when it *runs* the
 * command — and calls onLost the moment that passes without a renewal (Redis
 * unreachable) or as soon as a renewal finds the key gone or someone else's
 * (onLost stops the reconciler). A process that does not hold the lease tries to
 * acquire it every ttl/3, so after a holder dies (kill -9) another takes over
 * within ttl + ttl/3.
 *
 * What the lease does not promise: a holder frozen longer than its ttl (SIGSTOP,
 * a long GC pause) may act once more after another has taken over. That is
 * harmless here — every reconciler step is a compare-and-set transaction on the
 * documents it changes, so two reconcilers racing on one endpoint cannot corrupt
 * it (reconciler.ts); the lease only keeps them from doing the work twice.
 */
export interface LeaseOptions {
  store: Pick<Store, 'acquireLease' | 'renewLease' | 'releaseLease'>;
  name: string;
  ttlMs: number;
  onAcquired(): void;
  onLost(reason: 'taken' | 'expired'): void;
  log: Logger;
  /** Defaults to `<hostname>:<pid>:<random>`, unique per process. */
  holder?: string;
  now?: () => number;
}

/** Fraction of the ttl during which a holder trusts its last successful renewal. */
const TRUST = 0.9;

export class Lease {
  readonly holder: string;
  private held = false;
  private stopped = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: LeaseOptions) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
    this.now = options.now ?? Date.now;
  }

  get isHeld(): boolean {
    return this.held;
  }

  start(): void {
    void this.tick();
  }

  /** Stops trying and gives the lease up (best effort), without calling onLost. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.tickTimer);
    clearTimeout(this.expiryTimer);
    if (!this.held) return;
    this.held = false;
    try {
      await this.options.store.releaseLease(this.options.name, this.holder);
    } catch {
      // Unreachable store: the key expires by itself within the ttl.
    }
  }

  private async tick(): Promise<void> {
    const sentAt = this.now();
    const { store, name, ttlMs } = this.options;
    try {
      if (!this.held) {
        // The key may still be ours after we stopped trusting it (Redis was
        // unreachable for a while): then renewing takes it back at once.
        const acquired = (await store.acquireLease(name, this.holder, ttlMs)) || (await store.renewLease(name, this.holder, ttlMs));
        if (this.stopped) {
          if (acquired) await store.releaseLease(name, this.holder);
          return;
        }
        if (acquired) {
          this.held = true;
          this.trustUntil(sentAt + TRUST * ttlMs);
          this.options.log.info('lease acquired', { lease: name, holder: this.holder, ttlMs });
          this.options.onAcquired();
        }
      } else {
        const renewed = await store.renewLease(name, this.holder, ttlMs);
        if (this.stopped) return;
        if (renewed) this.trustUntil(sentAt + TRUST * ttlMs);
        else this.lose('taken');
      }
    } catch (err) {
      // The store is unreachable: keep the lease only while it is still trusted.
      this.options.log.warn('lease request failed', { lease: name, held: this.held, err });
    }
    if (!this.stopped) this.tickTimer = setTimeout(() => void this.tick(), Math.max(50, ttlMs / 3));
  }

  private trustUntil(deadline: number): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(() => this.lose('expired'), Math.max(0, deadline - this.now()));
  }

  private lose(reason: 'taken' | 'expired'): void {
    if (!this.held || this.stopped) return;
    this.held = false;
    clearTimeout(this.expiryTimer);
    this.options.log.warn('lease lost', { lease: this.options.name, holder: this.holder, reason });
    this.options.onLost(reason);
  }
}
