import { FrameTally, ownArea, readProfiles, type Area, type CallFrame, type FrameShare } from './profile-frames.js';

/** The parts of a V8 sampling heap profile (HeapProfiler.stopSampling) read here. */
export interface HeapNode {
  callFrame: CallFrame;
  /** Bytes of the samples allocated in this very frame. */
  selfSize: number;
  children: HeapNode[];
}

/** Every node of the profiles in `dir` (all .heapprofile files), with its area (its own, or the nearest above it). */
function* walk(dir: string, areas: readonly Area[]): Generator<{ node: HeapNode; area: string | undefined }> {
  for (const { head } of readProfiles<{ head: HeapNode }>(dir, '.heapprofile')) {
    const stack: Array<{ node: HeapNode; area: string | undefined }> = [{ node: head, area: undefined }];
    while (stack.length > 0) {
      const { node, area: above } = stack.pop()!;
      const area = ownArea(node.callFrame, areas) ?? above;
      yield { node, area };
      for (const child of node.children) stack.push({ node: child, area });
    }
  }
}

/**
 * Bytes allocated per area of the code (the innermost area on the allocating
 * stack, as shareByArea does for CPU), from sampling heap profiles recorded
 * with the objects collected since kept: what the load allocated, garbage
 * included — the young-generation collections it causes are its GC time.
 */
export function allocationByArea(dir: string, areas: readonly Area[]): { total: number; byArea: Array<{ name: string; bytes: number }> } {
  const bytes = new Map<string, number>(areas.map((a) => [a.name, 0]));
  let total = 0;
  for (const { node, area } of walk(dir, areas)) {
    total += node.selfSize;
    if (area !== undefined) bytes.set(area, bytes.get(area)! + node.selfSize);
  }
  return { total, byArea: areas.map((a) => ({ name: a.name, bytes: bytes.get(a.name)! })) };
}

/** Bytes of every sample under `head` (a whole profile's head: all it sampled). */
export function totalBytes(head: HeapNode): number {
  let total = 0;
  const stack = [head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    total += node.selfSize;
    for (const child of node.children) stack.push(child);
  }
  return total;
}

/** The functions that allocated most (self bytes), with their share of all bytes sampled. */
export function topAllocators(dir: string, limit = 15): FrameShare[] {
  const tally = new FrameTally();
  for (const { node } of walk(dir, [])) tally.add(node.callFrame, node.selfSize);
  return tally.top(limit);
}
