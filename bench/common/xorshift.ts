/** xorshift32: a tiny seeded generator, so the same bench input always gives the same ids and queries. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** Fisher–Yates over `list` in place, drawing from `next` (xorshift32): the same seed, the same order. */
export function shuffleInPlace<T>(list: { length: number; [i: number]: T }, next: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    const swap = list[i] as T;
    list[i] = list[j] as T;
    list[j] = swap;
  }
}
