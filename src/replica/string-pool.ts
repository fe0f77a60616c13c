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
  /** Reference texts by index, made once (index.toString(36) was a visible share of packing). */
  private readonly refs: string[] = [];

  /**
   * The last string acquired at each slot (see acquireAt), with its index:
   * the entry still holds that very string while it is in use, which is
   * checked before the memo is trusted.
   */
  private readonly recent: Array<{ value: string; index: number } | undefined> = [];

  /** The reference for `value`, counting one more user. */
  acquire(value: string): string {
    return this.refOf(this.indexFor(value));
  }

  /**
   * acquire, for callers that acquire similar sequences (the fields of packed
   * documents, in order): when `value` equals the last value acquired at
   * `slot`, the map lookup — hashing a freshly parsed string and probing a
   * map of a few hundred thousand entries, a tenth of the load time at a
   * million endpoints (bench:scale profile) — becomes one string comparison.
   */
  acquireAt(slot: number, value: string): string {
    const last = this.recent[slot];
    if (last !== undefined && this.values[last.index] === last.value && last.value === value) {
      this.users[last.index]! += 1;
      return this.refOf(last.index);
    }
    const index = this.indexFor(value);
    this.recent[slot] = { value: this.values[index] as string, index };
    return this.refOf(index);
  }

  private indexFor(value: string): number {
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

  private refOf(index: number): string {
    return this.refs[index] ?? (this.refs[index] = index.toString(36));
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
