import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackMemo } from '../../src/replica/pack-memo.js';
import { poolRef, StringPool } from '../../src/replica/string-pool.js';

describe('PackMemo: pool acquisitions remembered by token position and anchor', () => {
  it('gives the same references and counts as the pool alone, whatever is released and reused in between', () => {
    const value = fc.constantFrom('a', 'b', 'c', 'ab');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('at' as const), slot: fc.integer({ min: 0, max: 3 }), value }),
      // A slot past those remembered: the pool's map alone.
      fc.record({ kind: fc.constant('at' as const), slot: fc.constant(500), value }),
      fc.record({ kind: fc.constant('anchor' as const), slot: fc.integer({ min: 0, max: 3 }), value }),
      fc.record({ kind: fc.constant('plain' as const), value }),
      fc.record({ kind: fc.constant('begin' as const) }),
      fc.record({ kind: fc.constant('anchored' as const), on: fc.boolean() }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const pool = new StringPool();
        const memo = new PackMemo(pool);
        const held: Array<{ ref: string; value: string }> = [];
        for (const step of ops) {
          if (step.kind === 'release') {
            if (held.length === 0) continue;
            const [gone] = held.splice(step.pick % held.length, 1);
            pool.release(gone!.ref);
            continue;
          }
          if (step.kind === 'begin') memo.begin();
          else if (step.kind === 'anchored') memo.anchored(step.on);
          else {
            // A fresh copy, as a parsed document would hand over: equal text, another string.
            const value = [...step.value].join('');
            const index = step.kind === 'plain' ? pool.acquireIndex(value) : memo.acquire(step.slot, value);
            if (step.kind === 'anchor') memo.anchor(value);
            held.push({ ref: poolRef(index), value });
          }
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

describe('StringPool.reacquireJoined: a remembered group entry checked part by part', () => {
  it('counts a user exactly when the parts joined are the entry', () => {
    const part = fc.string({ unit: fc.constantFrom('a', 'b', '\u001e'), maxLength: 3 });
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), fc.array(part, { maxLength: 4 }), fc.nat(4), (stored, parts, extra) => {
        const pool = new StringPool();
        const index = pool.acquireIndex(stored.join('\u001e'));
        // Scratch arrays are longer than the parts they hold: only the first `count` count.
        const scratch = [...parts, ...Array.from({ length: extra }, () => 'zz')];
        const same = parts.join('\u001e') === stored.join('\u001e');
        expect(pool.reacquireJoined(index, scratch, parts.length, '\u001e')).toBe(same);
        pool.release(poolRef(index));
        if (same) pool.release(poolRef(index));
        expect(pool.size).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
