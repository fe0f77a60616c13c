/**
 * Leases of the embedded store: the same semantics as the Redis lease commands
 * (SET NX PX, compare-and-extend, compare-and-delete) for one process, so the
 * lease code in src/control/lease.ts runs unchanged on `--store memory`.
 */
export class MemoryLeases {
  private readonly held = new Map<string, { holder: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  acquire(name: string, holder: string, ttlMs: number): boolean {
    const current = this.live(name);
    if (current !== undefined) return false;
    this.held.set(name, { holder, expiresAt: this.now() + ttlMs });
    return true;
  }

  renew(name: string, holder: string, ttlMs: number): boolean {
    const current = this.live(name);
    if (current?.holder !== holder) return false;
    current.expiresAt = this.now() + ttlMs;
    return true;
  }

  release(name: string, holder: string): void {
    if (this.live(name)?.holder === holder) this.held.delete(name);
  }

  private live(name: string): { holder: string; expiresAt: number } | undefined {
    const current = this.held.get(name);
    if (current !== undefined && current.expiresAt <= this.now()) {
      this.held.delete(name);
      return undefined;
    }
    return current;
  }
}
