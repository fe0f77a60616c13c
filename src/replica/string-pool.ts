/**
 * Strings many documents repeat (account uids, VPC and service ids, service
 * names, policy texts, statuses), kept once and referred to by a small
 * number. Counted: a string goes when its last user does, so churn does not
 * leak. References are written in base 36 inside packed documents.
 */
/** The reference text of a pool index, as packed documents hold it (the packer caches its tokens, endpoint-codec.ts). */
export function poolRef(index: number): string {
  return index.toString(36);
}

export class StringPool {
  private readonly indexOf = new Map<string, number>();
  /**
   * Entry i's string at 2i and its count of users at 2i + 1: one array, so
   * that checking a remembered entry (reacquire) and counting it touch one
   * place in memory, not two — a load checks some forty per endpoint, most of
   * them long unread (bench:scale).
   */
  private readonly entries: Array<string | number | undefined> = [];
  private readonly free: number[] = [];

  /** The index of `value`, counting one more user: a map lookup (PackMemo spares most of them). */
  acquireIndex(value: string): number {
    let index = this.indexOf.get(value);
    if (index === undefined) {
      index = this.free.pop() ?? this.entries.length >> 1;
      this.entries[2 * index] = value;
      this.entries[2 * index + 1] = 0;
      this.indexOf.set(value, index);
    }
    (this.entries[2 * index + 1] as number) += 1;
    return index;
  }

  /**
   * One more user for the entry at `index` if it holds `value` (a string
   * comparison instead of hashing `value` and probing the map); false, and
   * nothing counted, if it does not — the entry may have been released and
   * reused since the caller remembered it.
   */
  reacquire(index: number, value: string): boolean {
    const at = 2 * index;
    if (this.entries[at] !== value) return false;
    (this.entries[at + 1] as number) += 1;
    return true;
  }

  /**
   * As reacquire, for the value that `count` of `parts` joined by `separator`
   * make, compared in place: the joined text is not made.
   */
  reacquireJoined(index: number, parts: readonly string[], count: number, separator: string): boolean {
    const at = 2 * index;
    const entry = this.entries[at];
    if (typeof entry !== 'string') return false;
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const part = parts[i]!;
      if (i > 0) {
        if (!entry.startsWith(separator, offset)) return false;
        offset += separator.length;
      }
      if (!entry.startsWith(part, offset)) return false;
      offset += part.length;
    }
    if (offset !== entry.length) return false;
    (this.entries[at + 1] as number) += 1;
    return true;
  }

  /** The string behind a reference (poolRef of its index). */
  get(ref: string): string {
    const value = this.entries[2 * parseInt(ref, 36)];
    if (typeof value !== 'string') throw new Error(`string pool: no entry ${ref}`);
    return value;
  }

  /** One user fewer for the string behind `ref`; the entry is dropped with its last user. */
  release(ref: string): void {
    this.releaseIndex(parseInt(ref, 36));
  }

  /** One user fewer for entry `index` (as acquireIndex returned it). */
  releaseIndex(index: number): void {
    const at = 2 * index;
    const value = this.entries[at];
    const users = this.entries[at + 1];
    if (typeof value !== 'string' || typeof users !== 'number') throw new Error(`string pool: no entry ${poolRef(index)}`);
    if (users > 1) {
      this.entries[at + 1] = users - 1;
      return;
    }
    this.indexOf.delete(value);
    this.entries[at] = undefined;
    this.entries[at + 1] = 0;
    this.free.push(at >> 1);
  }

  /** Distinct strings held. */
  get size(): number {
    return this.indexOf.size;
  }
}
