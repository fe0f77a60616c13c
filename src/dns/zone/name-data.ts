import type { RData } from '../lookup/types.js';
import { rdataKey } from './rdata.js';
import { storedType, type StoredRRset } from './rrset-store.js';

/**
 * The RRsets one name owns: a single RRset by itself (the common case — an
 * endpoint name has one A set), or an array of two or more, one per type.
 * Never empty: a name without RRsets has no NameData at all.
 */
export type NameData = StoredRRset | readonly StoredRRset[];

export function rrsetsOf(data: NameData | undefined): readonly StoredRRset[] {
  if (data === undefined) return [];
  return Array.isArray(data) ? (data as readonly StoredRRset[]) : [data as StoredRRset];
}

export function rrsetOf(data: NameData | undefined, type: number): StoredRRset | undefined {
  if (data === undefined) return undefined;
  if (!Array.isArray(data)) return storedType(data as StoredRRset) === type ? (data as StoredRRset) : undefined;
  // An indexed loop, not find() or for-of: a closure or iterator results on every lookup of the full path.
  const rrsets = data as readonly StoredRRset[];
  for (let i = 0; i < rrsets.length; i++) if (storedType(rrsets[i] as StoredRRset) === type) return rrsets[i];
  return undefined;
}

/** `data` with `rrset` added, replacing any RRset of the same type. */
export function withRRset(data: NameData | undefined, rrset: StoredRRset): NameData {
  const type = storedType(rrset);
  const others = rrsetsOf(data).filter((existing) => storedType(existing) !== type);
  return others.length === 0 ? rrset : Object.freeze([...others, rrset]);
}

/** `data` without its RRset of `type`; undefined when nothing is left. */
export function withoutType(data: NameData | undefined, type: number): NameData | undefined {
  const rest = rrsetsOf(data).filter((existing) => storedType(existing) !== type);
  if (rest.length === 0) return undefined;
  return rest.length === 1 ? (rest[0] as StoredRRset) : Object.freeze(rest);
}

/** Whether two stored RRsets hold the same records (the same RRset text, or equal fields). */
export function sameRRset(a: StoredRRset | undefined, b: StoredRRset | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || typeof a === 'string' || typeof b === 'string') return false;
  if (a.type !== b.type || a.ttl !== b.ttl || a.rdata.length !== b.rdata.length) return false;
  for (let i = 0; i < a.rdata.length; i++) {
    if (rdataKey(a.rdata[i] as RData) !== rdataKey(b.rdata[i] as RData) || a.zones?.[i] !== b.zones?.[i]) return false;
  }
  return true;
}

/** Whether a change from `a` to `b` leaves every answer at the name as it was. */
export function sameData(a: NameData | undefined, b: NameData | undefined): boolean {
  if (a === b) return true;
  const left = rrsetsOf(a);
  const right = rrsetsOf(b);
  return left.length === right.length && left.every((rrset, i) => sameRRset(rrset, right[i]));
}
