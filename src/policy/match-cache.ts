/**
 * A bounded memo from a request string to one flag per statement ("does statement i's
 * Action / Principal element match this value?").
 *
 * Actions and principals come from small vocabularies — a service's API names, its callers —
 * so after warm-up an evaluation answers both with two Map lookups instead of matching every
 * pattern of every statement (resources, which are per object, are matched directly). The
 * memo is cleared when full, so a caller sending endless distinct strings only costs
 * recomputation, never unbounded memory.
 */
export class MatchCache {
  private readonly memo = new Map<string, Uint8Array>();

  constructor(
    private readonly compute: (value: string) => Uint8Array,
    private readonly limit = 4096,
  ) {}

  get(value: string): Uint8Array {
    let flags = this.memo.get(value);
    if (flags === undefined) {
      if (this.memo.size >= this.limit) this.memo.clear();
      flags = this.compute(value);
      this.memo.set(value, flags);
    }
    return flags;
  }
}
