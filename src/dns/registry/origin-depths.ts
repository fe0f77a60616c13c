/**
 * How many labels the origins of the registered zones have, deepest first: a
 * query name is tried only at those depths (one slice and one or two map
 * reads each) instead of at every suffix — a region zone is 4 labels deep and
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

  /** Each suffix of `name` (normalized) as deep as some origin, longest first. */
  *suffixes(name: string): Generator<string> {
    const dots: number[] = [];
    for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 0x2e) dots.push(i);
    const labels = name === '' ? 0 : dots.length + 1;
    for (const depth of this.sorted) {
      if (depth > labels) continue;
      if (depth === labels) yield name;
      else if (depth === 0) yield '';
      else yield name.slice((dots[labels - depth - 1] as number) + 1);
    }
  }
}

function labelCount(origin: string): number {
  if (origin === '') return 0;
  let count = 1;
  for (let i = 0; i < origin.length; i++) if (origin.charCodeAt(i) === 0x2e) count++;
  return count;
}
