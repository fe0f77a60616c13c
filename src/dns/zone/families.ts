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
 * Layout (control characters never occur in packed address RRsets, whose
 * fields are addresses and printable zone ids, see rrset-store.ts):
 *   \0 <A of L> \1 <AAAA of L> ( \2 <suffix> \1 <A> \1 <AAAA> )*
 * where each RRset is its packed string form or empty when absent.
 * The tree (tree.ts) resolves member names through the family and turns a
 * family back into plain entries before any other change touches its names,
 * so to everything above the tree a family is just its names.
 */
export type Family = string & { readonly __family: unique symbol };

const FAMILY = '\u0000';
const FIELD = '\u0001';
const MEMBER = '\u0002';

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

/** Whether `text` can be a suffix or RRset inside a family (no layout characters). */
export function fitsFamily(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) <= 2) return false;
  return true;
}

/** The family string, built in one join so V8 keeps it flat. Callers check fitsFamily first. */
export function encodeFamily(own: FamilyName, members: readonly FamilyMember[]): Family {
  const parts: string[] = [FAMILY, own.a, FIELD, own.aaaa];
  for (const member of members) parts.push(MEMBER, member.suffix, FIELD, member.a, FIELD, member.aaaa);
  return parts.join('') as Family;
}

/** NameData of one name from its two packed RRsets, A first as Zone.setAddresses stores them. */
export function nameData(a: string, aaaa: string): NameData | undefined {
  if (a === '') return aaaa === '' ? undefined : aaaa;
  return aaaa === '' ? a : Object.freeze([a, aaaa]);
}

/** The packed RRsets of L itself. */
export function ownOf(family: Family): FamilyName {
  const end = family.indexOf(MEMBER);
  const field = family.indexOf(FIELD);
  return { a: family.slice(1, field), aaaa: family.slice(field + 1, end < 0 ? family.length : end) };
}

/** The data of L itself. */
export function ownData(family: Family): NameData | undefined {
  const end = family.indexOf(MEMBER);
  const field = family.indexOf(FIELD);
  return nameData(family.slice(1, field), family.slice(field + 1, end < 0 ? family.length : end));
}

/** The data of `L-<suffix>`, or undefined when the family has no such member. */
export function memberData(family: Family, suffix: string): NameData | undefined {
  const marker = `${MEMBER}${suffix}${FIELD}`;
  const at = family.indexOf(marker);
  if (at < 0) return undefined;
  const start = at + marker.length;
  const field = family.indexOf(FIELD, start);
  const end = family.indexOf(MEMBER, field);
  return nameData(family.slice(start, field), family.slice(field + 1, end < 0 ? family.length : end));
}

/** Every member's suffix and packed RRsets, in the order they were given. */
export function membersOf(family: Family): FamilyMember[] {
  const out: FamilyMember[] = [];
  const parts = family.split(MEMBER);
  for (let i = 1; i < parts.length; i++) {
    const [suffix = '', a = '', aaaa = ''] = (parts[i] as string).split(FIELD);
    out.push({ suffix, a, aaaa });
  }
  return out;
}

/** Names the family holds: L and its members. */
export function familyNameCount(family: Family): number {
  let count = 1;
  for (let at = family.indexOf(MEMBER); at >= 0; at = family.indexOf(MEMBER, at + 1)) count++;
  return count;
}
