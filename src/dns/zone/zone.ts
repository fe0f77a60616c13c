import { RRType, type LookupResult, type ResourceRecord } from '../lookup/types.js';
import { ZoneDataError } from './errors.js';
import { lookupInZone } from './lookup.js';
import { labelsBelow, MAX_LABEL_OCTETS, MAX_NAME_OCTETS, nameProblem, normalizeName } from './names.js';
import { rrsetOf, rrsetsOf, sameData, withRRset, withoutType, type NameData } from './name-data.js';
import { ChangeScope } from './change-scope.js';
import { MAX_TTL, recordProblem, typeProblem, type RecordInput } from './rdata.js';
import { storeRRset, storedType } from './rrset-store.js';
import { storedRecords } from '../lookup/rrsets.js';
import { Branch, childOf, dataOf, type Entry, NameTree } from './tree.js';
import {
  encodeFamily,
  fitsFamily,
  FamilyWriter,
  isFamily,
  memberDataOf,
  membersOf,
  nameData,
  ownData,
  type Family,
  type FamilyMember,
} from './families.js';
import type { ZoneContent } from './sections.js';

export type AbsentNameStatus = Extract<LookupResult['status'], 'nameError' | 'notAuthoritative'>;

/**
 * Told after every change that alters an answer: the names whose answers may
 * differ (change-scope.ts), or undefined when any name of the zone may.
 */
export type ZoneChangeListener = (names: readonly string[] | undefined) => void;

/** A name and its address records, as setAddressFamily takes its members. */
export interface AddressName {
  readonly name: string;
  readonly a: readonly RecordInput[];
  readonly aaaa: readonly RecordInput[];
}

/**
 * One authoritative zone: the apex (origin) with its SOA, and every name
 * below it. Mutations validate, then touch only the path to one name
 * (O(labels)); lookups are synchronous, so a query never sees half a change.
 */
export class Zone implements ZoneContent {
  readonly origin: string;
  readonly tree = new NameTree();
  private changeListener: ZoneChangeListener | undefined;
  private absentNames: AbsentNameStatus = 'nameError';
  private readonly scope = new ChangeScope();
  /**
   * Whether the listener needs the names a change touches (change-scope.ts);
   * when not — no reply cached yet, as during a first load — every change is
   * reported as zone-wide and the per-name work is skipped.
   */
  private wantsNames: () => boolean = NEVER;

  /** `origin` in any case, with or without the trailing dot; `soa` is the apex SOA. */
  constructor(origin: string, soa: RecordInput) {
    this.origin = normalizeName(origin);
    const problem = nameProblem(this.origin);
    if (problem !== undefined) throw new ZoneDataError(`zone origin: ${problem}`);
    this.setRRset(this.origin, RRType.SOA, [soa]);
  }

  /** Names that own at least one RRset (empty non-terminals are not counted). */
  get nameCount(): number {
    return this.tree.nameCount;
  }

  get soa(): ResourceRecord {
    return this.rrset(this.origin, RRType.SOA)[0] as ResourceRecord;
  }

  /**
   * What a query for a name the zone does not hold gets: NXDOMAIN (`nameError`, RFC 1034
   * §4.3.2), or — for a zone that answers only the names it holds and hands the others on,
   * PrivateZone's ProxyPattern RECORD — `notAuthoritative` (REFUSED). Applied by the registry.
   */
  get absentNameStatus(): AbsentNameStatus {
    return this.absentNames;
  }

  setAbsentNameStatus(status: AbsentNameStatus): void {
    if (status === this.absentNames) return;
    this.absentNames = status;
    this.changed(undefined);
  }

  /** RFC 1034 §4.3.2 inside this zone; see lookupInZone. `name` may be in any case. */
  lookup(name: string, type: number): LookupResult {
    return lookupInZone(this, normalizeName(name), type);
  }

  /**
   * Replaces the RRset of `type` at `name` (created with any missing empty
   * non-terminals above it). An empty `records` deletes the RRset. Throws
   * ZoneDataError for data outside the zone, invalid RDATA, a CNAME beside
   * other data (RFC 2181 §10.1), or an SOA anywhere but alone at the apex.
   */
  setRRset(name: string, type: number, records: readonly RecordInput[]): void {
    if (records.length === 0) {
      this.deleteRRset(name, type);
      return;
    }
    const { owner, labels } = this.locate(name);
    const typeError = typeProblem(type);
    if (typeError !== undefined) throw new ZoneDataError(`${owner}: ${typeError}`);
    for (const record of records) {
      const problem = recordProblem(type, record);
      if (problem !== undefined) throw new ZoneDataError(`${owner} type ${type}: ${problem}`);
    }
    if (type === RRType.SOA && (labels.length > 0 || records.length !== 1)) {
      throw new ZoneDataError(`${owner}: a zone has exactly one SOA, at its apex ${this.origin || '.'}`);
    }
    const current = this.dataAt(labels);
    const otherTypes = rrsetsOf(current)
      .map(storedType)
      .filter((t) => t !== type);
    if (type === RRType.CNAME && (otherTypes.length > 0 || records.length > 1)) {
      throw new ZoneDataError(`${owner}: a CNAME must be the only data at its name (RFC 2181 §10.1)`);
    }
    if (type !== RRType.CNAME && otherTypes.includes(RRType.CNAME)) {
      throw new ZoneDataError(`${owner}: the name owns a CNAME, which allows no other data (RFC 2181 §10.1)`);
    }
    const stored = storeRRset(type, records);
    this.write(owner, labels, stored === undefined ? withoutType(current, type) : withRRset(current, stored));
  }

  /**
   * Replaces the A and the AAAA RRset of `name` together (an empty list
   * deletes that RRset): one validation and one walk of the tree instead of
   * two, which is what the endpoint projection does for each of its millions
   * of names. Same rules as setRRset; nothing changes when it throws.
   */
  setAddresses(name: string, a: readonly RecordInput[], aaaa: readonly RecordInput[]): void {
    const { owner, labels } = this.locate(name);
    checkAddresses(owner, a, aaaa);
    const current = this.dataAt(labels);
    if ((a.length > 0 || aaaa.length > 0) && rrsetOf(current, RRType.CNAME) !== undefined) {
      throw new ZoneDataError(`${owner}: the name owns a CNAME, which allows no other data (RFC 2181 §10.1)`);
    }
    const storedA = storeRRset(RRType.A, a);
    const storedAAAA = storeRRset(RRType.AAAA, aaaa);
    let next = storedA === undefined ? withoutType(current, RRType.A) : withRRset(current, storedA);
    next = storedAAAA === undefined ? withoutType(next, RRType.AAAA) : withRRset(next, storedAAAA);
    this.write(owner, labels, next);
  }

  /**
   * Replaces the A and AAAA RRsets of `name` and of its member names — each
   * `<first label of name>-<suffix>.<rest of name>`, as `members` lists them —
   * as one unit (an endpoint's region-wide and zonal names, docs/dns.md), kept as
   * one compact entry (families.ts). The zone is then exactly as after
   * setAddresses for each name (other member names set before stay). Returns false, changing nothing, when the
   * names do not fit that form (a member not named so, a name held by other
   * data, an RRset that is not a plain address set): the caller then sets
   * the names one by one. Throws ZoneDataError as setAddresses does.
   */
  setAddressFamily(name: string, a: readonly RecordInput[], aaaa: readonly RecordInput[], members: readonly AddressName[]): boolean {
    const { owner, labels } = this.locate(name);
    if (labels.length === 0 || (a.length === 0 && aaaa.length === 0)) return false;
    const first = labels[labels.length - 1] as string;
    const rest = owner.slice(first.length);
    const suffixes: string[] = [];
    const family =
      this.writtenFamily(owner, first, rest, a, aaaa, members, suffixes) ??
      this.packedFamily(owner, first, rest, a, aaaa, members, suffixes);
    if (family === undefined) return false;
    // What each name holds now, found from their parent once (a first load finds no parent or no name).
    const parentLabels = labels.slice(0, -1);
    const parent = this.tree.find(parentLabels);
    const ownBefore = parent === undefined ? undefined : childOf(parent, first);
    // A family's own name always has data, and so has each member: a name found before is compared, a new one is a change.
    let changes = ownBefore === undefined || !sameData(dataOf(ownBefore), ownData(family)) ? 1 : 0;
    let vacant = ownBefore === undefined;
    const membersBefore: (Entry | undefined)[] = [];
    for (const suffix of suffixes) {
      const label = `${first}-${suffix}`;
      const before = parent === undefined ? undefined : childOf(parent, label);
      membersBefore.push(before);
      if (before === undefined) changes += 1;
      else {
        vacant = false;
        if (!sameData(dataOf(before), memberDataOf(family, label, first.length + 1))) changes += 1;
      }
    }
    if (changes === 0) return true;
    // Only added names can change an ancestor's existence here (a family removes none).
    // The parent found above is the deepest proper ancestor when it exists.
    const stable = !this.wantsNames() ? 0 : parent !== undefined ? labels.length - 1 : this.existingAncestorDepth(labels);
    if (!this.tree.setFamilyUnder(parent, labels, family, vacant)) return false;
    if (!this.wantsNames()) {
      // Nobody holds replies to drop by name: one zone-wide report instead of each name's.
      this.scope.remember(labels, undefined);
      this.changed(undefined);
      return true;
    }
    this.reportIfChanged(owner, labels, ownBefore, ownData(family), stable);
    suffixes.forEach((suffix, i) => {
      const label = `${first}-${suffix}`;
      this.reportIfChanged(
        `${label}${rest}`,
        [...parentLabels, label],
        membersBefore[i],
        memberDataOf(family, label, first.length + 1),
        stable,
      );
    });
    return true;
  }

  /**
   * The family of setAddressFamily written in one buffer (FamilyWriter), with each member's
   * suffix in `suffixes`, when every name is in the form it is stored in (lowercase ASCII, no
   * trailing dot), every record a plain address and every field fits; otherwise undefined and
   * packedFamily decides, with the same answer or error as for any other input.
   */
  private writtenFamily(
    owner: string,
    first: string,
    rest: string,
    a: readonly RecordInput[],
    aaaa: readonly RecordInput[],
    members: readonly AddressName[],
    suffixes: string[],
  ): Family | undefined {
    if (!packableAddresses(RRType.A, a) || !packableAddresses(RRType.AAAA, aaaa)) return undefined;
    const writer = FAMILY_WRITER;
    writer.start();
    if (!writer.run(RRType.A, a) || !writer.run(RRType.AAAA, aaaa)) return undefined;
    // A member `<first>-<suffix><rest>` is as valid as the owner when its label and name stay within RFC 1035's lengths.
    const ownerOctets = asciiLength(owner);
    if (ownerOctets < 0 || first.length > MAX_LABEL_OCTETS) return undefined;
    for (const member of members) {
      const name = member.name;
      if (name.length <= first.length + 1 + rest.length || !name.startsWith(first) || name.charCodeAt(first.length) !== DASH)
        return undefined;
      if (!name.endsWith(rest)) return undefined;
      const suffixLength = name.length - rest.length - first.length - 1;
      if (first.length + 1 + suffixLength > MAX_LABEL_OCTETS || ownerOctets + 3 + suffixLength > MAX_NAME_OCTETS) return undefined;
      for (let i = first.length + 1; i < first.length + 1 + suffixLength; i++) {
        const code = name.charCodeAt(i);
        if (code === DOT || code > 0x7f || (code >= UPPER_A && code <= UPPER_Z)) return undefined;
      }
      const suffix = name.slice(first.length + 1, first.length + 1 + suffixLength);
      if (suffixes.includes(suffix) || (member.a.length === 0 && member.aaaa.length === 0)) return undefined;
      if (!packableAddresses(RRType.A, member.a) || !packableAddresses(RRType.AAAA, member.aaaa)) return undefined;
      if (!writer.suffix(suffix) || !writer.run(RRType.A, member.a) || !writer.run(RRType.AAAA, member.aaaa)) return undefined;
      suffixes.push(suffix);
    }
    return writer.finish();
  }

  /**
   * The family of setAddressFamily from each name's packed RRsets, checking every name and
   * record in full (ZoneDataError for bad data); undefined when the names do not fit a family.
   */
  private packedFamily(
    owner: string,
    first: string,
    rest: string,
    a: readonly RecordInput[],
    aaaa: readonly RecordInput[],
    members: readonly AddressName[],
    suffixes: string[],
  ): Family | undefined {
    suffixes.length = 0;
    const own = this.packedAddresses(owner, a, aaaa);
    if (own === undefined) return undefined;
    const packed: FamilyMember[] = [];
    for (const member of members) {
      const memberOwner = validOwner(member.name);
      if (!memberOwner.startsWith(first) || memberOwner.charCodeAt(first.length) !== DASH || !memberOwner.endsWith(rest)) return undefined;
      const suffix = memberOwner.slice(first.length + 1, memberOwner.length - rest.length);
      if (suffix === '' || suffix.includes('.') || !fitsFamily(suffix) || suffixes.includes(suffix)) return undefined;
      const addresses = this.packedAddresses(memberOwner, member.a, member.aaaa);
      if (addresses === undefined || (addresses.a === '' && addresses.aaaa === '')) return undefined;
      packed.push({ suffix, a: addresses.a, aaaa: addresses.aaaa });
      suffixes.push(suffix);
    }
    return encodeFamily(own, packed);
  }

  private reportIfChanged(
    owner: string,
    labels: readonly string[],
    entry: Entry | undefined,
    next: NameData | undefined,
    stable: number,
  ): void {
    const before = entry === undefined ? undefined : dataOf(entry);
    if (!sameData(before, next)) this.report(owner, labels, before, next, entry === undefined, stable);
  }

  /**
   * The number of labels of the deepest proper ancestor of `labels` that exists (0: the apex,
   * which always does): taken before a name is added or after one is removed, the names below
   * it and above the owner are the ones whose existence the change toggles (change-scope.ts).
   */
  private existingAncestorDepth(labels: readonly string[]): number {
    // A name exists only under existing ancestors, so one walk down from the apex finds the deepest.
    let entry: Entry | undefined = this.tree.root;
    let depth = 0;
    while (depth < labels.length - 1 && (entry = childOf(entry, labels[depth] as string)) !== undefined) depth++;
    return depth;
  }

  /** Validated packed A and AAAA RRsets ('' for none), or undefined when one is not a plain address set. */
  private packedAddresses(owner: string, a: readonly RecordInput[], aaaa: readonly RecordInput[]): { a: string; aaaa: string } | undefined {
    // Packing a run parses every address (packAddressRun), so records that pass the other checks
    // and pack are valid without parsing them twice; anything else is checked in full first.
    const plain = plainAddressRecords(RRType.A, a) && plainAddressRecords(RRType.AAAA, aaaa);
    if (!plain) checkAddresses(owner, a, aaaa);
    const storedA = storeRRset(RRType.A, a) ?? '';
    const storedAAAA = storeRRset(RRType.AAAA, aaaa) ?? '';
    if (plain && (typeof storedA !== 'string' || typeof storedAAAA !== 'string')) checkAddresses(owner, a, aaaa);
    if (typeof storedA !== 'string' || typeof storedAAAA !== 'string') return undefined;
    if (!fitsFamily(storedA) || !fitsFamily(storedAAAA)) return undefined;
    return { a: storedA, aaaa: storedAAAA };
  }

  /**
   * Makes `name` exist even with no data below it (NOERROR/NODATA instead of
   * NXDOMAIN); pins count, so each pin needs its own unpin.
   */
  pinName(name: string): void {
    const { owner, labels } = this.locate(name);
    const existed = this.tree.find(labels) !== undefined;
    const stable = existed ? 0 : this.existingAncestorDepth(labels);
    this.tree.pin(labels);
    if (!existed) this.report(owner, labels, undefined, undefined, true, stable);
  }

  unpinName(name: string): void {
    const { owner, labels } = this.locate(name);
    const existed = this.tree.find(labels) !== undefined;
    this.tree.unpin(labels);
    if (existed && this.tree.find(labels) === undefined)
      this.report(owner, labels, undefined, undefined, true, this.existingAncestorDepth(labels));
  }

  /** Removes the RRset of `type` at `name`; false when there was none. */
  deleteRRset(name: string, type: number): boolean {
    const { owner, labels } = this.locate(name);
    if (type === RRType.SOA && labels.length === 0) throw new ZoneDataError(`${owner}: the apex SOA cannot be deleted`);
    const current = this.dataAt(labels);
    if (rrsetOf(current, type) === undefined) return false;
    this.write(owner, labels, withoutType(current, type));
    return true;
  }

  /** Removes every RRset `name` owns (names below it stay); false when it owned none. */
  deleteName(name: string): boolean {
    const { owner, labels } = this.locate(name);
    if (labels.length === 0) throw new ZoneDataError(`${owner}: the apex keeps its SOA; remove the zone instead`);
    if (this.dataAt(labels) === undefined) return false;
    this.write(owner, labels, undefined);
    return true;
  }

  /** The records of one RRset ([] when absent), exactly as stored. */
  rrset(name: string, type: number): ResourceRecord[] {
    const { owner, labels } = this.locate(name);
    const rrset = rrsetOf(this.dataAt(labels), type);
    return rrset === undefined ? [] : storedRecords(rrset, owner);
  }

  /** Every record of the zone, the apex first, then depth-first. */
  *records(): Generator<ResourceRecord> {
    const stack: Array<{ name: string; entry: Entry }> = [{ name: this.origin, entry: this.tree.root }];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      for (const rrset of rrsetsOf(dataOf(item.entry))) yield* storedRecords(rrset, item.name);
      if (item.entry instanceof Branch) {
        for (const [label, child] of item.entry.children) {
          const nameOf = (childLabel: string): string => (item.name === '' ? childLabel : `${childLabel}.${item.name}`);
          if (isFamily(child)) {
            for (const { suffix, a, aaaa } of membersOf(child)) {
              const data = nameData(a, aaaa);
              if (data !== undefined) stack.push({ name: nameOf(`${label}-${suffix}`), entry: data });
            }
          }
          stack.push({ name: nameOf(label), entry: child });
        }
      }
    }
  }

  /**
   * Registers the one function told about every change (the zone registry
   * logs them for the reply caches). Throws if another is registered.
   */
  setChangeListener(listener: ZoneChangeListener | undefined, wantsNames: () => boolean = ALWAYS): void {
    if (listener !== undefined && this.changeListener !== undefined) {
      throw new ZoneDataError(`zone ${this.origin || '.'} is already registered`);
    }
    this.changeListener = listener;
    this.wantsNames = listener === undefined ? NEVER : wantsNames;
  }

  private changed(names: readonly string[] | undefined): void {
    this.changeListener?.(names);
  }

  /** Stores `next` at the name unless it holds the same already, and reports what that changes. */
  private write(owner: string, labels: readonly string[], next: NameData | undefined): void {
    const entry = this.tree.find(labels);
    const before = entry === undefined ? undefined : dataOf(entry);
    if (sameData(before, next)) return;
    // An added name's ancestors are measured before it is there; a removed one's, once it is gone.
    const stableIfAdded = entry === undefined && this.wantsNames() ? this.existingAncestorDepth(labels) : 0;
    this.tree.set(labels, next);
    const exists = this.tree.find(labels) !== undefined;
    const existence = (entry === undefined) === exists;
    let stable = 0;
    if (existence && this.wantsNames()) stable = exists ? stableIfAdded : this.existingAncestorDepth(labels);
    this.report(owner, labels, before, next, existence, stable);
  }

  private report(
    owner: string,
    labels: readonly string[],
    before: NameData | undefined,
    after: NameData | undefined,
    existence: boolean,
    stableDepth: number,
  ): void {
    this.scope.remember(labels, after);
    this.changed(this.wantsNames() ? this.scope.affected(owner, labels, before, after, existence, stableDepth) : undefined);
  }

  private dataAt(labels: readonly string[]): NameData | undefined {
    const entry = this.tree.find(labels);
    return entry === undefined ? undefined : dataOf(entry);
  }

  private locate(name: string): { owner: string; labels: string[] } {
    const owner = validOwner(name);
    const labels = labelsBelow(owner, this.origin);
    if (labels === undefined) throw new ZoneDataError(`${owner} is outside zone ${this.origin || '.'}`);
    return { owner, labels };
  }
}

const DASH = 0x2d;
const DOT = 0x2e;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
/** Affinity zone ids a run holds (rrset-store.ts stores any other record apart). */
const PACKABLE_ZONE = /^[\x21-\x7e]{1,255}$/;
/** One writer for every zone: a family is written and read out within one synchronous call. */
const FAMILY_WRITER = new FamilyWriter();

/** Octets of an ASCII name's text, or -1 when it holds any other character. */
function asciiLength(name: string): number {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 0x7f) return -1;
  return name.length;
}

/** Whether records pass plainAddressRecords and storeRRset would pack them into a run. */
function packableAddresses(type: number, records: readonly RecordInput[]): boolean {
  if (!plainAddressRecords(type, records)) return false;
  for (const { affinityZone } of records) if (affinityZone !== undefined && !PACKABLE_ZONE.test(affinityZone)) return false;
  return true;
}
const ALWAYS = (): boolean => true;
const NEVER = (): boolean => false;

/** `name` normalized; throws ZoneDataError when it is not a valid domain name. */
function validOwner(name: string): string {
  const owner = normalizeName(name);
  const problem = nameProblem(owner);
  if (problem !== undefined) throw new ZoneDataError(problem);
  return owner;
}

/** Throws ZoneDataError naming the first A or AAAA record that is not valid; nothing is changed. */
function checkAddresses(owner: string, a: readonly RecordInput[], aaaa: readonly RecordInput[]): void {
  for (const record of a) checkRecord(owner, RRType.A, record);
  for (const record of aaaa) checkRecord(owner, RRType.AAAA, record);
}

/**
 * Whether every record passes recordProblem's checks but the address's own (its TTL, its
 * affinity zone, its data's kind): what packedAddresses leaves to the run's parse.
 */
function plainAddressRecords(type: number, records: readonly RecordInput[]): boolean {
  const kind = type === RRType.A ? 'A' : 'AAAA';
  for (const { ttl, affinityZone, data } of records) {
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL || affinityZone === '' || data.kind !== kind) return false;
  }
  return true;
}

function checkRecord(owner: string, type: number, record: RecordInput): void {
  const problem = recordProblem(type, record);
  if (problem !== undefined) throw new ZoneDataError(`${owner} type ${type}: ${problem}`);
}
