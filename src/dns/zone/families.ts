import { writeAddressRun, type RunRecord } from '../lookup/rrsets.js';
import { RRType, type AddressRun } from '../lookup/types.js';
import type { NameData } from './name-data.js';

/**
 * An address family: one leaf name L and its "member" names `L-<suffix>`
 * (siblings of L under the same parent), each owning only A and/or AAAA
 * data, kept as ONE string under L in the parent's children map. This is the
 * shape of a PrivateLink endpoint's names — the region-wide
 * `<endpointId>.<service domain>` and one zonal
 * `<endpointId>-<zoneId>.<service domain>` per zone (docs/dns.md) — and a million
 * endpoints hold four million of them. As separate entries each name cost a
 * map slot, its own label string and its own data string (~210 B, bench:scale);
 * as a family the endpoint costs one slot, one label and one string (~230 B for
 * all four names).
 *
 * Layout, each field preceded by its length in one character (0–255):
 *   \0 <A of L> <AAAA of L> ( <suffix> <A> <AAAA> )*
 * where each RRset is its wire-form run (lookup/rrsets.ts AddressRun), empty
 * when absent. A run starts with its TYPE (1 or 28), never \0, so a family
 * is told from a name's own data by its first character.
 * The tree (tree.ts) resolves member names through the family and turns a
 * family back into plain entries before any other change touches its names,
 * so to everything above the tree a family is just its names.
 */
export type Family = string & { readonly __family: unique symbol };

const FAMILY = '\u0000';

export interface FamilyName {
  /** Packed A RRset, or '' for none. */
  a: string;
  /** Packed AAAA RRset, or '' for none. */
  aaaa: string;
}

export interface FamilyMember extends FamilyName {
  suffix: string;
}

export function isFamily(value: unknown): value is Family {
  return typeof value === 'string' && value.charCodeAt(0) === 0;
}

/** Whether `text` can be a suffix or RRset inside a family (its length fits the one-character prefix). */
export function fitsFamily(text: string): boolean {
  return text.length <= 255;
}

function field(text: string): string {
  return String.fromCharCode(text.length) + text;
}

/** The family string, built in one join so V8 keeps it flat. Callers check fitsFamily first. */
export function encodeFamily(own: FamilyName, members: readonly FamilyMember[]): Family {
  const parts: string[] = [FAMILY, field(own.a), field(own.aaaa)];
  for (const member of members) parts.push(field(member.suffix), field(member.a), field(member.aaaa));
  return parts.join('') as Family;
}

/**
 * Builds a family string in one buffer — the same string as encodeFamily of the packed runs —
 * packing each RRset in place (writeAddressRun) instead of as a string of its own that a join
 * then copies: a first load builds a million families, and each run made apart was a native
 * call and a string of garbage. Each step returns false when the family cannot be made so (a
 * field longer than 255, text that is not one byte per character, a run that does not pack);
 * the caller then builds it the general way, which finds the same answer or the error.
 */
export class FamilyWriter {
  private buffer = Buffer.allocUnsafe(4096);
  private end = 0;

  /** Starts a family; its own name's two runs come next. */
  start(): void {
    this.buffer[0] = 0;
    this.end = 1;
  }

  /** One RRset field: the run of `records` at their lowest TTL, empty for none. */
  run(type: number, records: readonly (RunRecord & { readonly ttl: number })[]): boolean {
    this.reserve(1 + RUN_ROOM);
    const at = this.end;
    if (records.length === 0) {
      this.buffer[at] = 0;
      this.end = at + 1;
      return true;
    }
    let ttl = (records[0] as { ttl: number }).ttl;
    for (const record of records) if (record.ttl < ttl) ttl = record.ttl;
    const stop = writeAddressRun(this.buffer, at + 1, type, ttl, records);
    if (stop < 0 || stop - at - 1 > MAX_FIELD) return false;
    this.buffer[at] = stop - at - 1;
    this.end = stop;
    return true;
  }

  /** A member's suffix field (its two runs come next). */
  suffix(text: string): boolean {
    if (text.length > MAX_FIELD) return false;
    this.reserve(1 + text.length);
    const at = this.end;
    this.buffer[at] = text.length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff) return false;
      this.buffer[at + 1 + i] = code;
    }
    this.end = at + 1 + text.length;
    return true;
  }

  /** The family written since start(). */
  finish(): Family {
    return this.buffer.toString('latin1', 0, this.end) as Family;
  }

  private reserve(bytes: number): void {
    if (this.end + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.end + bytes));
    this.buffer.copy(larger, 0, 0, this.end);
    this.buffer = larger;
  }
}

/** Longest field (suffix or run): its length is one character. */
const MAX_FIELD = 255;
/** Room a run may need while it is written (writeAddressRun stops at 4 KiB). */
const RUN_ROOM = 4096;

/** NameData of one name from its two runs, A first as Zone.setAddresses stores them. */
export function nameData(a: string, aaaa: string): NameData | undefined {
  if (a === '') return aaaa === '' ? undefined : (aaaa as AddressRun);
  return aaaa === '' ? (a as AddressRun) : Object.freeze([a as AddressRun, aaaa as AddressRun]);
}

/** The two runs of the name whose A field starts at `at`. */
function pairAt(family: Family, at: number): FamilyName {
  const aEnd = at + 1 + family.charCodeAt(at);
  return { a: family.slice(at + 1, aEnd), aaaa: family.slice(aEnd + 1, aEnd + 1 + family.charCodeAt(aEnd)) };
}

/**
 * NameData of the name whose A field starts at `at`, read for a lookup: a
 * fresh value nobody stores, so a pair is not frozen (freezing each lookup's
 * array was a visible share of the full path). `only` (A or AAAA) asks for
 * that run alone when the name has both: a query for one type then slices
 * neither the other run nor a pair (a DualStack name's lookup did both).
 */
function dataAt(family: Family, at: number, only = 0): NameData | undefined {
  const aLength = family.charCodeAt(at);
  const aEnd = at + 1 + aLength;
  const aaaaLength = family.charCodeAt(aEnd);
  if (aaaaLength === 0) return aLength === 0 ? undefined : (family.slice(at + 1, aEnd) as AddressRun);
  if (only === RRType.A && aLength !== 0) return family.slice(at + 1, aEnd) as AddressRun;
  const aaaa = family.slice(aEnd + 1, aEnd + 1 + aaaaLength) as AddressRun;
  return aLength === 0 || only === RRType.AAAA ? aaaa : [family.slice(at + 1, aEnd) as AddressRun, aaaa];
}

/** Where the field after the one starting at `at` starts. */
function next(family: Family, at: number): number {
  return at + 1 + family.charCodeAt(at);
}

/** The packed RRsets of L itself. */
export function ownOf(family: Family): FamilyName {
  return pairAt(family, 1);
}

/** The data of L itself (`only`: as dataAt). */
export function ownData(family: Family, only = 0): NameData | undefined {
  return dataAt(family, 1, only);
}

/** Where the first member starts. */
function firstMember(family: Family): number {
  return next(family, next(family, 1));
}

function sameChars(a: string, aAt: number, b: string, bAt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a.charCodeAt(aAt + i) !== b.charCodeAt(bAt + i)) return false;
  return true;
}

/**
 * The data of the member whose suffix is label[start, label.length), or
 * undefined when the family has no such member. Compares in place: no
 * string is built to find it. `only`: as dataAt.
 */
export function memberDataOf(family: Family, label: string, start: number, only = 0): NameData | undefined {
  const length = label.length - start;
  for (let at = firstMember(family); at < family.length;) {
    const aAt = at + 1 + family.charCodeAt(at);
    if (family.charCodeAt(at) === length && sameChars(family, at + 1, label, start, length)) {
      return dataAt(family, aAt, only);
    }
    at = next(family, next(family, aAt));
  }
  return undefined;
}

/** Every member's suffix and packed RRsets, in the order they were given. */
export function membersOf(family: Family): FamilyMember[] {
  const out: FamilyMember[] = [];
  for (let at = firstMember(family); at < family.length;) {
    const aAt = next(family, at);
    out.push({ suffix: family.slice(at + 1, aAt), ...pairAt(family, aAt) });
    at = next(family, next(family, aAt));
  }
  return out;
}

/** Names the family holds: L and its members. */
export function familyNameCount(family: Family): number {
  let count = 1;
  for (let at = firstMember(family); at < family.length; at = next(family, next(family, next(family, at)))) count++;
  return count;
}
