/** A reply encoded once, replayed for every query with the same cache key. */
export interface CachedReply {
  wire: Buffer;
  rcode: number;
  view: string;
}

/**
 * A bounded cache with two generations: lookups hit `hot`, then `cold` (and a
 * cold hit moves up). When `hot` reaches half the budget (entries or bytes), it
 * becomes `cold` and the old `cold` is dropped whole. That approximates LRU
 * without per-hit bookkeeping, and bounds memory to the budget (plus one entry).
 */
export class ReplyCache {
  private hot = new Map<string, CachedReply>();
  private cold = new Map<string, CachedReply>();
  private hotBytes = 0;
  private coldBytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): CachedReply | undefined {
    const found = this.hot.get(key);
    if (found !== undefined) return found;
    const old = this.cold.get(key);
    if (old !== undefined) {
      this.cold.delete(key);
      this.coldBytes -= old.wire.length;
      this.set(key, old);
    }
    return old;
  }

  set(key: string, value: CachedReply): void {
    if (this.maxEntries <= 0 || value.wire.length > this.maxBytes / 2) return;
    const previous = this.hot.get(key);
    if (previous !== undefined) this.hotBytes -= previous.wire.length;
    this.hot.set(key, value);
    this.hotBytes += value.wire.length;
    if (this.hot.size >= Math.max(1, this.maxEntries / 2) || this.hotBytes >= this.maxBytes / 2) {
      this.cold = this.hot;
      this.coldBytes = this.hotBytes;
      this.hot = new Map();
      this.hotBytes = 0;
    }
  }

  clear(): void {
    this.hot = new Map();
    this.cold = new Map();
    this.hotBytes = 0;
    this.coldBytes = 0;
  }

  get size(): number {
    return this.hot.size + this.cold.size;
  }

  get bytes(): number {
    return this.hotBytes + this.coldBytes;
  }
}
