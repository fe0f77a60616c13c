import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/replica/string-pool.js';

describe('StringPool.acquireAt: acquire with a per-slot memo', () => {
  it('gives the same references and counts as acquire, whatever is released and reused in between', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('at' as const), slot: fc.integer({ min: 0, max: 3 }), value: fc.constantFrom('a', 'b', 'c', 'ab') }),
      fc.record({ kind: fc.constant('plain' as const), value: fc.constantFrom('a', 'b', 'c', 'ab') }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const pool = new StringPool();
        const held: Array<{ ref: string; value: string }> = [];
        for (const step of ops) {
          if (step.kind === 'release') {
            if (held.length === 0) continue;
            const [gone] = held.splice(step.pick % held.length, 1);
            pool.release(gone!.ref);
            continue;
          }
          // A fresh copy, as a parsed document would hand over: equal text, another string.
          const value = [...step.value].join('');
          const ref = step.kind === 'at' ? pool.acquireAt(step.slot, value) : pool.acquire(value);
          held.push({ ref, value });
        }
        for (const { ref, value } of held) expect(pool.get(ref)).toBe(value);
        expect(pool.size).toBe(new Set(held.map((h) => h.value)).size);
        for (const { ref } of held) pool.release(ref);
        expect(pool.size).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
