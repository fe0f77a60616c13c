import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Replicas smaller than this skip the compaction: their load leaves a few
 * MiB of garbage at most, and the run-time flag changes are best left out of
 * ordinary processes (bench:policy measured /v1/authorize ~10 % slower in a
 * process that had compacted; noisy, but not worth the doubt).
 */
export const COMPACT_HEAP_FROM_ENDPOINTS = 50_000;

/**
 * One full, compacting garbage collection, for right after a replica has
 * loaded its snapshot. The load leaves the old generation full of holes (each
 * batch's parsed documents die after being packed), and V8 compacts only a
 * few pages per full GC by its own heuristics: at a million endpoints the heap
 * kept ~2.3 GiB of pages for ~1.2 GiB of live data, and the process's RSS
 * stayed there (bench:scale, docs/design/performance.md asks < 2 GiB). Compacting every page
 * once gives those pages back.
 *
 * V8 exposes `gc` only with --expose-gc; setting that flag at run time makes
 * it available in contexts created afterwards (not in the main one), which
 * is where it is taken from. The compaction flag is on only for this one
 * collection: compacting on every full GC would slow the later ones down.
 */
export function compactHeap(): void {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
