import { encodeFamily, familyNameCount, isFamily, memberDataOf, membersOf, nameData, ownData, ownOf, type Family } from './families.js';
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
   * endpoint service's domain, which answers NODATA (docs/dns.md) even before
   * any endpoint name exists below it.
   */
  pins = 0;
  /** Children that are address families (families.ts); 0 spares lookups the search for one. */
  families = 0;
  /**
   * Bit n set: a family whose label is n characters long has been a child
   * here (labels are at most 63, RFC 1035 §2.3.4; bits are never cleared, so
   * this may say too much, never too little). The search for the family of
   * `<L>-<suffix>` then builds a candidate L only at a '-' where one can be:
   * an endpoint's zonal label has four or so, and its L is one length.
   */
  familyLengthsLow = 0;
  familyLengthsHigh = 0;
}

function noteFamilyLength(branch: Branch, length: number): void {
  if (length < 32) branch.familyLengthsLow |= 1 << length;
  else branch.familyLengthsHigh |= 1 << (length - 32);
}

/** Whether a family label `length` characters long may be a child of `branch`. */
function mayHoldFamilyOf(branch: Branch, length: number): boolean {
  return length < 32 ? (branch.familyLengthsLow & (1 << length)) !== 0 : (branch.familyLengthsHigh & (1 << (length - 32))) !== 0;
}

/**
 * What a parent keeps for a child label: a Branch, or — for a name with no
 * children, like each of the millions of endpoint names — only its NameData,
 * which saves one object per name (see docs/design/dns-data.md), or an
 * address Family standing for that name and its `<label>-<suffix>` siblings.
 * childOf never hands out a Family: it resolves the name's own data.
 */
export type Entry = Branch | NameData | Family;

export function dataOf(entry: Entry): NameData | undefined {
  if (entry instanceof Branch) return entry.data;
  return isFamily(entry) ? ownData(entry) : entry;
}

/**
 * `only` (A or AAAA, else 0): a lookup that will read only that type's RRset
 * at this name; a name of a family then gets that run alone when it has both
 * (families.ts dataAt). Any other lookup of the name gets all its data.
 */
export function childOf(entry: Entry, label: string, only = 0): Entry | undefined {
  if (!(entry instanceof Branch)) return undefined;
  const child = entry.children.get(label);
  if (child !== undefined) return isFamily(child) ? ownData(child, only) : child;
  return entry.families === 0 ? undefined : memberData(entry, label, only);
}

/** familyOf's data alone, for lookups: no object per zonal name found. */
function memberData(branch: Branch, label: string, only: number): NameData | undefined {
  for (let dash = label.indexOf('-'); dash > 0; dash = label.indexOf('-', dash + 1)) {
    if (!mayHoldFamilyOf(branch, dash)) continue;
    const candidate = branch.children.get(label.slice(0, dash));
    if (!isFamily(candidate)) continue;
    const data = memberDataOf(candidate, label, dash + 1, only);
    if (data !== undefined) return data;
  }
  return undefined;
}

/**
 * The family under `branch` that holds `label` as a member (`<L>-<suffix>`),
 * tried at each '-' of the label: a label has only a few. The tree keeps at
 * most one family claiming any name, and none claiming a name that is a
 * child of its own.
 */
function familyOf(branch: Branch, label: string): { owner: string; family: Family; data: NameData } | undefined {
  for (let dash = label.indexOf('-'); dash > 0; dash = label.indexOf('-', dash + 1)) {
    if (!mayHoldFamilyOf(branch, dash)) continue;
    const owner = label.slice(0, dash);
    const candidate = branch.children.get(owner);
    if (!isFamily(candidate)) continue;
    const data = memberDataOf(candidate, label, dash + 1);
    if (data !== undefined) return { owner, family: candidate, data };
  }
  return undefined;
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
    this.materialize(parent, last);
    // Never a Family: materialize turned any family holding the name into plain entries.
    const existing = parent.children.get(last) as Branch | NameData | undefined;
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

  /**
   * Sets the names of an address family (families.ts): the name at `labels`
   * (its own data never empty) and its siblings `<last label>-<suffix>`, keeping
   * the members of a family already there that `family` does not hold — the
   * same names as setting each one by itself. Returns false, changing
   * nothing, when the names are held otherwise: the name is a Branch or plain
   * data, or a member name exists as its own entry or in another family. The
   * caller then sets the names one by one.
   *
   * `found` is the parent, found by the caller (`find` of every label but the last,
   * undefined when there is none yet): a first load sets a million families, and
   * each walk from the apex probes the apex's map of every service (bench:scale).
   * `vacant`: the caller found none of the names (childOf each one under `found`
   * gave nothing), so none can collide.
   */
  setFamilyUnder(found: Entry | undefined, labels: readonly string[], family: Family, vacant = false): boolean {
    if (labels.length === 0) return false;
    const last = labels[labels.length - 1] as string;
    // A parent that is not (yet) a Branch has no children to collide with.
    if (found instanceof Branch && !vacant) {
      const existing = found.children.get(last);
      if (existing !== undefined && !isFamily(existing)) return false;
      if (existing === undefined && found.families > 0 && familyOf(found, last) !== undefined) return false;
      for (const { suffix } of membersOf(family)) {
        const member = `${last}-${suffix}`;
        if (found.children.has(member)) return false;
        if (found.families > 0 && this.claimedByOther(found, member, last)) return false;
      }
    }
    // A parent that is a Branch was reached through Branches only, which branchAt would return as they are.
    let parent = this.root;
    if (found instanceof Branch) parent = found;
    else for (let depth = 0; depth < labels.length - 1; depth++) parent = this.branchAt(parent, labels[depth] as string);
    const existing = parent.children.get(last) as Family | undefined;
    if (existing !== undefined) {
      const members = membersOf(family);
      const listed = new Set(members.map((m) => m.suffix));
      const kept = membersOf(existing).filter((m) => !listed.has(m.suffix));
      if (kept.length > 0) family = encodeFamily(ownOf(family), [...members, ...kept]);
    }
    this.names += familyNameCount(family) - (existing === undefined ? 0 : familyNameCount(existing));
    if (existing === undefined) {
      parent.families += 1;
      noteFamilyLength(parent, last.length);
    }
    parent.children.set(existing === undefined ? flatCopy(last) : last, family);
    return true;
  }

  /** Whether a family other than the one at `owner` holds `label` as a member. */
  private claimedByOther(branch: Branch, label: string, owner: string): boolean {
    for (let dash = label.indexOf('-'); dash > 0; dash = label.indexOf('-', dash + 1)) {
      // `label` is `<owner>-<suffix>`: its prefix of owner's length is owner.
      if (dash === owner.length || !mayHoldFamilyOf(branch, dash)) continue;
      const prefix = label.slice(0, dash);
      const candidate = branch.children.get(prefix);
      if (isFamily(candidate) && memberDataOf(candidate, label, dash + 1) !== undefined) return true;
    }
    return false;
  }

  /**
   * Before a change touches `label` under `branch`: if a family holds that
   * name (as its own or as a member), its names become plain entries again,
   * so the change sees exactly the names it would have seen without families.
   */
  private materialize(branch: Branch, label: string): void {
    if (branch.families === 0) return;
    const held = branch.children.get(label);
    if (isFamily(held)) {
      this.explode(branch, label, held);
      return;
    }
    if (held !== undefined) return;
    const owner = familyOf(branch, label);
    if (owner !== undefined) this.explode(branch, owner.owner, owner.family);
  }

  /**
   * Removes a member name from the family holding it, keeping the family (an
   * endpoint that loses one zone keeps its compact entry). False when no
   * family holds `label` as a member. The parent keeps the family as a child,
   * so nothing above needs pruning.
   */
  private removeMember(branch: Branch, label: string): boolean {
    if (branch.families === 0 || branch.children.has(label)) return false;
    const held = familyOf(branch, label);
    if (held === undefined) return false;
    const suffix = label.slice(held.owner.length + 1);
    const members = membersOf(held.family).filter((member) => member.suffix !== suffix);
    branch.children.set(held.owner, encodeFamily(ownOf(held.family), members));
    this.names -= 1;
    return true;
  }

  private explode(branch: Branch, label: string, family: Family): void {
    branch.families -= 1;
    const { a: ownA, aaaa: ownAAAA } = ownOf(family);
    const own = nameData(ownA, ownAAAA);
    if (own === undefined) branch.children.delete(label);
    else branch.children.set(label, own);
    for (const { suffix, a, aaaa } of membersOf(family)) {
      const data = nameData(a, aaaa);
      if (data !== undefined) branch.children.set(flatCopy(`${label}-${suffix}`), data);
    }
    // Names are the same as before: the count does not change (own data is never empty in a stored family).
  }

  /** The child Branch at `label`, creating it or promoting a leaf entry. */
  private branchAt(parent: Branch, label: string): Branch {
    this.materialize(parent, label);
    const existing = parent.children.get(label) as Branch | NameData | undefined;
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
    if (this.removeMember(parent, labels[last] as string)) return;
    this.materialize(parent, labels[last] as string);
    const existing = parent.children.get(labels[last] as string) as Branch | NameData | undefined;
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
