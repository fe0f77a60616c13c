/**
 * Strings many documents repeat (account uids, VPC and service ids, service
 * names, policy texts, statuses), kept once and referred to by a small
 * number. Counted: a string goes when its last user does, so churn does not
 * leak. References are written in base 36 inside packed documents.
 */
export class StringPool {
  private readonly indexOf = new Map<string, number>();
  private readonly values: Array<string | undefined> = [];
  private readonly users: number[] = [];
  private readonly free: number[] = [];

  /** The reference for `value`, counting one more user. */
  acquire(value: string): string {
    return this.ref(this.acquireIndex(value));
  }

  /** The index of `value`, counting one more user: a map lookup (PackMemo spares most of them). */
  acquireIndex(value: string): number {
    let index = this.indexOf.get(value);
    if (index === undefined) {
      index = this.free.pop() ?? this.values.length;
      this.values[index] = value;
      this.users[index] = 0;
      this.indexOf.set(value, index);
    }
    this.users[index]! += 1;
    return index;
  }

  /**
   * One more user for the entry at `index` if it holds `value` (a string
   * comparison instead of hashing `value` and probing the map); false, and
   * nothing counted, if it does not — the entry may have been released and
   * reused since the caller remembered it.
   */
  reacquire(index: number, value: string): boolean {
    if (this.values[index] !== value) return false;
    this.users[index]! += 1;
    return true;
  }

  /** The reference text of an index (the packer caches its tokens, endpoint-codec.ts). */
  ref(index: number): string {
    return index.toString(36);
  }

  /** The string behind a reference written by `acquire`. */
  get(ref: string): string {
    const value = this.values[parseInt(ref, 36)];
    if (value === undefined) throw new Error(`string pool: no entry ${ref}`);
    return value;
  }

  /** One user fewer for the string behind `ref`; the entry is dropped with its last user. */
  release(ref: string): void {
    const index = parseInt(ref, 36);
    const users = this.users[index];
    if (users === undefined || this.values[index] === undefined) throw new Error(`string pool: no entry ${ref}`);
    if (users > 1) {
      this.users[index] = users - 1;
      return;
    }
    this.indexOf.delete(this.values[index] as string);
    this.values[index] = undefined;
    this.users[index] = 0;
    this.free.push(index);
  }

  /** Distinct strings held. */
  get size(): number {
    return this.indexOf.size;
  }
}
