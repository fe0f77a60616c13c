import { describe, expect, it } from 'vitest';
import { compactHeap } from '../../src/replica/heap-compaction.js';

describe('compactHeap', () => {
  it('runs a full collection without --expose-gc: garbage left by a load is gone afterwards', () => {
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    // Like a snapshot load: many objects, of which a tenth stay alive.
    let garbage: Array<{ text: string }> | undefined = Array.from({ length: 400_000 }, (_, i) => ({ text: `document ${i} `.repeat(4) }));
    const kept = garbage.filter((_, i) => i % 10 === 0);
    garbage = undefined; // eslint-disable-line no-useless-assignment -- dropping the last reference is the point
    const before = process.memoryUsage().heapUsed;
    compactHeap();
    const after = process.memoryUsage().heapUsed;
    expect(before - after).toBeGreaterThan(20 * 2 ** 20);
    expect(kept).toHaveLength(40_000);
    // And again: the flags it sets for one collection do not stop a second.
    compactHeap();
  });
});
