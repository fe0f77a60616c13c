import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './paths.js';

/**
 * What the CPU profiles (cpu-profile.ts) and the heap profiles (heap-profile.ts) are read by
 * alike: their files, the area of the code a frame belongs to, and the frames that weigh most.
 */

/** A V8 profile's call frame, as both kinds of profile give it. */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** An area of the code: a pattern on the frame's URL, or on its function name for V8's own entries ("(garbage collector)"). */
export interface Area {
  name: string;
  pattern: RegExp;
}

/** The parsed profiles of `dir` whose file names end in `extension` (".cpuprofile", ".heapprofile"). */
export function readProfiles<T>(dir: string, extension: string): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as T);
}

/** The first area the frame itself is in, if any (the callers look up the stack for the rest). */
export function ownArea(frame: CallFrame, areas: readonly Area[]): string | undefined {
  return areas.find((a) => a.pattern.test(frame.url) || (frame.url === '' && a.pattern.test(frame.functionName)))?.name;
}

export interface FrameShare {
  /** Share of the whole weight, in percent. */
  percent: number;
  fn: string;
  /** The file relative to the repository, and the line (1-based); empty for V8's own entries. */
  where: string;
}

/**
 * Weights (samples, bytes) summed per function and place, the `limit` heaviest first, each as a
 * share of all weight added.
 */
export class FrameTally {
  private readonly totals = new Map<string, { weight: number; fn: string; where: string }>();
  private all = 0;

  add(frame: CallFrame, weight: number): void {
    this.all += weight;
    if (weight === 0) return;
    const fn = frame.functionName === '' ? '(anonymous)' : frame.functionName;
    const url = frame.url;
    const path = url.startsWith('file://')
      ? relative(REPO_ROOT, new URL(url).pathname)
      : url.startsWith('/')
        ? relative(REPO_ROOT, url)
        : url;
    const where = path === '' ? '' : `${path}:${frame.lineNumber + 1}`;
    const key = `${fn}@${where}`;
    const entry = this.totals.get(key) ?? { weight: 0, fn, where };
    entry.weight += weight;
    this.totals.set(key, entry);
  }

  top(limit: number): FrameShare[] {
    return [...this.totals.values()]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, limit)
      .map((e) => ({ percent: (100 * e.weight) / Math.max(1, this.all), fn: e.fn, where: e.where }));
  }
}
