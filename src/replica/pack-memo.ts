import type { StringPool } from './string-pool.js';

/**
 * Token positions remembered (packed endpoints of one shape hold the same
 * field at the same position); later ones are looked up in the pool's map.
 * An endpoint with three zones has ~65 tokens.
 */
const SLOTS = 80;
/** Groups of values pooled as one entry each (endpoint-codec.ts), remembered after the token positions. */
export const GROUPS = 3;
const STRIDE = SLOTS + GROUPS;

/**
 * Which pool entry was acquired at each token position, so that the next
 * document repeating a value there finds it with one string comparison
 * instead of hashing a freshly parsed string and probing a map of hundreds
 * of thousands of entries (StringPool.acquireIndex: the largest single share
 * of a first load, bench:scale profile).
 *
 * Two kinds of memory:
 *   - the previous document's positions, always: statuses, the region, the
 *     account, the policy text repeat from one endpoint to the next;
 *   - while a snapshot loads (`anchored`), one memo per service and per VPC
 *     (ANCHOR_KEYS): a snapshot comes in hash order, so consecutive endpoints
 *     rarely share a service or a VPC, yet the group of strings an endpoint
 *     takes from its service (service name, the service's part of each
 *     domain, resource ids) and from its VPC (vSwitch ids) is the same as in
 *     the last endpoint of that service or VPC. The memos go with the load:
 *     they cost ~350 bytes per service.
 *
 * A memo holds index + 1 (0: nothing yet); a remembered index is only a
 * guess, checked against the pool (StringPool.reacquire), so a stale one
 * costs a map lookup, never a wrong reference.
 */
export class PackMemo {
  /**
   * Every memo, STRIDE entries each (token positions, then groups), in one array: the previous document's at
   * 0, then one per anchor while a snapshot loads (an array per anchor was a
   * hundred thousand small allocations at 1M endpoints, each with its own
   * backing store).
   */
  private arena = new Int32Array(STRIDE);
  private memos = 1;
  /** Offset into the arena of each anchor's memo (by the anchor key's value), while a snapshot loads. */
  private byAnchor: Map<string, number> | undefined;
  /** The memos of the document being packed (arena offsets): the previous document's, then its anchors' as they are found. */
  private readonly current: number[] = [0];

  constructor(readonly pool: StringPool) {}

  /** Starts or ends a snapshot load: per-anchor memos are kept only while one runs. */
  anchored(on: boolean): void {
    this.byAnchor = on ? new Map() : undefined;
    if (!on && this.memos > 1) {
      this.arena = this.arena.slice(0, STRIDE);
      this.memos = 1;
    }
  }

  /** Starts a document. */
  begin(): void {
    this.current.length = 1;
  }

  /** The pool index of `value` at token position `slot`, counting one more user. */
  acquire(slot: number, value: string): number {
    return slot >= SLOTS ? this.pool.acquireIndex(value) : this.acquireAt(slot, value);
  }

  /**
   * The pool index of the first `count` of `parts` joined by `separator`, as
   * group `group` (0 ≤ group < GROUPS), counting one more user. A remembered
   * entry is checked part by part, so the joined text is made only when a new
   * entry may be needed.
   */
  acquireGroup(group: number, parts: string[], count: number, separator: string): number {
    const slot = SLOTS + group;
    const arena = this.arena;
    const memos = this.current;
    let index = -1;
    // The most specific memo first: the last anchor found (the service's, when it comes after the VPC).
    for (let m = memos.length - 1; m >= 0 && index < 0; m--) {
      const guess = arena[memos[m]! + slot]! - 1;
      if (guess >= 0 && this.pool.reacquireJoined(guess, parts, count, separator)) index = guess;
    }
    if (index < 0) {
      if (parts.length !== count) parts.length = count;
      index = this.pool.acquireIndex(parts.join(separator));
    }
    this.remember(slot, index);
    return index;
  }

  private acquireAt(slot: number, value: string): number {
    const arena = this.arena;
    const memos = this.current;
    let index = -1;
    for (let m = memos.length - 1; m >= 0 && index < 0; m--) {
      const guess = arena[memos[m]! + slot]! - 1;
      if (guess >= 0 && this.pool.reacquire(guess, value)) index = guess;
    }
    if (index < 0) index = this.pool.acquireIndex(value);
    this.remember(slot, index);
    return index;
  }

  private remember(slot: number, index: number): void {
    const arena = this.arena;
    const memos = this.current;
    for (let m = 0; m < memos.length; m++) arena[memos[m]! + slot] = index + 1;
  }

  /** `value` is the document's value of an anchor key: its memo joins the document's from here on. */
  anchor(value: string): void {
    if (this.byAnchor === undefined) return;
    let offset = this.byAnchor.get(value);
    if (offset === undefined) this.byAnchor.set(value, (offset = this.newMemo()));
    this.current.push(offset);
  }

  private newMemo(): number {
    const offset = this.memos * STRIDE;
    if (offset + STRIDE > this.arena.length) {
      const grown = new Int32Array(Math.max(2 * this.arena.length, offset + STRIDE));
      grown.set(this.arena);
      this.arena = grown;
    }
    this.memos += 1;
    return offset;
  }
}

/** Top-level keys whose value anchors a memo (see PackMemo). */
export const ANCHOR_KEYS: ReadonlySet<string> = new Set(['serviceId', 'vpcId']);
