import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The parts of a V8 sampling heap profile (HeapProfiler.stopSampling) read here. */
interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  /** Bytes of the samples allocated in this very frame. */
  selfSize: number;
  children: HeapNode[];
}

/** Every node of the profiles in `dir` (all .heapprofile files), with its parent's area. */
function* walk(
  dir: string,
  areas: ReadonlyArray<{ name: string; pattern: RegExp }>,
): Generator<{ node: HeapNode; area: string | undefined }> {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.heapprofile'))) {
    const head = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { head: HeapNode }).head;
    const stack: Array<{ node: HeapNode; area: string | undefined }> = [{ node: head, area: undefined }];
    while (stack.length > 0) {
      const { node, area: above } = stack.pop()!;
      const { url, functionName } = node.callFrame;
      const area = areas.find((a) => a.pattern.test(url) || (url === '' && a.pattern.test(functionName)))?.name ?? above;
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
export function allocationByArea(
  dir: string,
  areas: ReadonlyArray<{ name: string; pattern: RegExp }>,
): { total: number; byArea: Array<{ name: string; bytes: number }> } {
  const bytes = new Map<string, number>(areas.map((a) => [a.name, 0]));
  let total = 0;
  for (const { node, area } of walk(dir, areas)) {
    total += node.selfSize;
    if (area !== undefined) bytes.set(area, bytes.get(area)! + node.selfSize);
  }
  return { total, byArea: areas.map((a) => ({ name: a.name, bytes: bytes.get(a.name)! })) };
}

/** The functions that allocated most (self bytes), with their share of all bytes sampled. */
export function topAllocators(dir: string, limit = 15): Array<{ percent: number; fn: string; where: string }> {
  const totals = new Map<string, { bytes: number; fn: string; where: string }>();
  let all = 0;
  for (const { node } of walk(dir, [])) {
    all += node.selfSize;
    const { functionName, url, lineNumber } = node.callFrame;
    const path = url.startsWith('file://')
      ? relative(REPO_ROOT, new URL(url).pathname)
      : url.startsWith('/')
        ? relative(REPO_ROOT, url)
        : url;
    const where = path === '' ? '' : `${path}:${lineNumber + 1}`;
    const key = `${functionName}|${where}`;
    const entry = totals.get(key) ?? { bytes: 0, fn: functionName || '(anonymous)', where };
    entry.bytes += node.selfSize;
    totals.set(key, entry);
  }
  return [...totals.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit)
    .map((t) => ({ percent: (100 * t.bytes) / Math.max(1, all), fn: t.fn, where: t.where }));
}
