import { flatCopy } from './names.js';
import type { NameData } from './name-data.js';

/**
 * A name that has children. It may own RRsets (`data`) or be an empty
 * non-terminal: a name that exists only because names below it do (RFC 4592
 * §2.2.2), such as `<serviceId>.<region>.<suffix>` above the endpoint names.
 */
export class Branch {
  readonly children = new Map<string, Entry>();
  data: NameData | undefined = undefined;
  /**
   * Reasons to keep this name existing without data or children — e.g. an
   * endpoint service's domain, which answers NODATA (SPEC §4) even before
   * any endpoint name exists below it.
   */
  pins = 0;
}

/**
 * What a parent keeps for a child label: a Branch, or — for a name with no
 * children, like each of the millions of endpoint names — only its NameData,
 * which saves one object per name (see docs/design/dns-data.md).
 */
export type Entry = Branch | NameData;

export function dataOf(entry: Entry): NameData | undefined {
  return entry instanceof Branch ? entry.data : entry;
}

export function childOf(entry: Entry, label: string): Entry | undefined {
  return entry instanceof Branch ? entry.children.get(label) : undefined;
}

/**
 * The names of one zone as a tree of labels below the apex (the root Branch).
 * Every mutation touches only the path to one name — O(labels), never a
 * rebuild. A name exists while it owns RRsets or has a child; the children
 * map is the reference count that keeps empty non-terminals alive, and
 * removing the last name below one removes it too.
 */
export class NameTree {
  readonly root = new Branch();
  /** Names that own at least one RRset. */
  private names = 0;

  get nameCount(): number {
    return this.names;
  }

  /** The entry at `labels` (nearest the apex first), or undefined. */
  find(labels: readonly string[]): Entry | undefined {
    let entry: Entry | undefined = this.root;
    for (const label of labels) {
      entry = childOf(entry, label);
      if (entry === undefined) return undefined;
    }
    return entry;
  }

  /** Sets (or with undefined, removes) the RRsets of the name at `labels`. */
  set(labels: readonly string[], data: NameData | undefined): void {
    if (labels.length === 0) {
      this.count(this.root.data, data);
      this.root.data = data;
      return;
    }
    if (data === undefined) {
      this.remove(labels);
      return;
    }
    let parent = this.root;
    for (let depth = 0; depth < labels.length - 1; depth++) {
      parent = this.branchAt(parent, labels[depth] as string);
    }
    const last = labels[labels.length - 1] as string;
    const existing = parent.children.get(last);
    if (existing instanceof Branch) {
      this.count(existing.data, data);
      existing.data = data;
    } else {
      this.count(existing, data);
      parent.children.set(existing === undefined ? flatCopy(last) : last, data);
    }
  }

  /** Keeps the name at `labels` existing (as an empty non-terminal if it owns nothing). */
  pin(labels: readonly string[]): void {
    let branch = this.root;
    for (const label of labels) branch = this.branchAt(branch, label);
    branch.pins += 1;
  }

  /** Undoes one pin; the name goes once nothing else keeps it. */
  unpin(labels: readonly string[]): void {
    const path: Branch[] = [this.root];
    for (const label of labels) {
      const next = (path[path.length - 1] as Branch).children.get(label);
      if (!(next instanceof Branch)) return;
      path.push(next);
    }
    const branch = path[path.length - 1] as Branch;
    if (branch.pins === 0) return;
    branch.pins -= 1;
    this.prune(path, labels);
  }

  /** The child Branch at `label`, creating it or promoting a leaf entry. */
  private branchAt(parent: Branch, label: string): Branch {
    const existing = parent.children.get(label);
    if (existing instanceof Branch) return existing;
    const branch = new Branch();
    if (existing !== undefined) branch.data = existing;
    parent.children.set(existing === undefined ? flatCopy(label) : label, branch);
    return branch;
  }

  private remove(labels: readonly string[]): void {
    const path: Branch[] = [this.root];
    for (let depth = 0; depth < labels.length - 1; depth++) {
      const next = (path[depth] as Branch).children.get(labels[depth] as string);
      if (!(next instanceof Branch)) return;
      path.push(next);
    }
    const last = labels.length - 1;
    const parent = path[last] as Branch;
    const existing = parent.children.get(labels[last] as string);
    if (existing === undefined) return;
    if (existing instanceof Branch) {
      this.count(existing.data, undefined);
      existing.data = undefined;
      path.push(existing);
    } else {
      this.count(existing, undefined);
      parent.children.delete(labels[last] as string);
    }
    this.prune(path, labels);
  }

  /**
   * Walks back up `path` (root first; path[d] is the branch at depth d):
   * a branch left without children is deleted when it owns nothing (an empty
   * non-terminal whose last descendant went) or turned back into a leaf entry.
   */
  private prune(path: readonly Branch[], labels: readonly string[]): void {
    for (let depth = path.length - 1; depth >= 1; depth--) {
      const branch = path[depth] as Branch;
      if (branch.children.size > 0 || branch.pins > 0) return;
      const parent = path[depth - 1] as Branch;
      const label = labels[depth - 1] as string;
      if (branch.data === undefined) parent.children.delete(label);
      else parent.children.set(label, branch.data);
    }
  }

  private count(before: NameData | undefined, after: NameData | undefined): void {
    this.names += (after === undefined ? 0 : 1) - (before === undefined ? 0 : 1);
  }
}
