/**
 * How many labels the origins of the registered zones have, deepest first: a
 * query name is tried only at those depths (suffixOfDepth: one slice and one
 * or two map reads each) instead of at every suffix — a region zone is 4 labels deep and
 * an endpoint name 6, so this skips the slicing and hashing of the suffixes
 * no zone can have.
 */
export class OriginDepths {
  private readonly counts = new Map<number, number>();
  private sorted: number[] = [];

  add(origin: string): void {
    const depth = labelCount(origin);
    this.counts.set(depth, (this.counts.get(depth) ?? 0) + 1);
    this.sorted = [...this.counts.keys()].sort((a, b) => b - a);
  }

  remove(origin: string): void {
    const depth = labelCount(origin);
    const count = (this.counts.get(depth) ?? 0) - 1;
    if (count > 0) this.counts.set(depth, count);
    else this.counts.delete(depth);
    this.sorted = [...this.counts.keys()].sort((a, b) => b - a);
  }

  /** The label counts origins have, deepest first. */
  get deepestFirst(): readonly number[] {
    return this.sorted;
  }
}

/**
 * The suffix of `name` (normalized) that is `depth` labels long, undefined
 * when the name has fewer labels: found by looking for dots from the end, so
 * that no other suffix is sliced and the whole name is not scanned.
 */
export function suffixOfDepth(name: string, depth: number): string | undefined {
  if (depth === 0) return '';
  if (name === '') return undefined;
  let at = name.length;
  for (let seen = 0; seen < depth; seen++) {
    if (at < 0) return undefined;
    at = name.lastIndexOf('.', at - 1);
  }
  return at < 0 ? name : name.slice(at + 1);
}

function labelCount(origin: string): number {
  if (origin === '') return 0;
  let count = 1;
  for (let i = 0; i < origin.length; i++) if (origin.charCodeAt(i) === 0x2e) count++;
  return count;
}
