import { RRType, type SectionRRset } from '../lookup/types.js';
import { labelsBelow } from './names.js';
import { rrsetOf, rrsetsOf, type NameData } from './name-data.js';
import { GeneralRRset, storedRData, storedType, type StoredRRset } from './rrset-store.js';
import { dataOf, type NameTree } from './tree.js';

/** What a lookup reads: the apex name and the tree of names below it. */
export interface ZoneContent {
  readonly origin: string;
  readonly tree: NameTree;
}

/**
 * The SOA for the authority section of a negative answer, its TTL lowered to
 * min(SOA TTL, SOA MINIMUM): RFC 2308 §3 ("the TTL of this record is set
 * from the minimum of the MINIMUM field of the SOA record and the TTL of the
 * SOA itself") and §5.
 */
export function negativeSoa(zone: ZoneContent): readonly SectionRRset[] {
  const soa = rrsetOf(zone.tree.root.data, RRType.SOA);
  if (soa === undefined || typeof soa === 'string') return NO_SECTION;
  // Made once per SOA RRset (stored RRsets are never changed in place, only replaced), not per NXDOMAIN or NODATA.
  const held = negativeSoas.get(soa);
  if (held !== undefined && held[0]?.owner === zone.origin) return held;
  const data = soa.rdata[0];
  const ttl = data?.kind === 'SOA' ? Math.min(soa.ttl, data.minimum) : soa.ttl;
  const section = Object.freeze([
    Object.freeze({ owner: zone.origin, rrset: ttl === soa.ttl ? soa : new GeneralRRset(soa.type, ttl, soa.rdata, soa.zones) }),
  ]);
  negativeSoas.set(soa, section);
  return section;
}

/** An empty section, shared read-only by every answer that has nothing in it. */
export const NO_SECTION: readonly SectionRRset[] = Object.freeze([]);

/** The negative-answer authority section per SOA RRset (negativeSoa). */
const negativeSoas = new WeakMap<GeneralRRset, readonly SectionRRset[]>();

/**
 * In-zone A and AAAA RRsets of `targets`: glue for a referral (RFC 1034
 * §4.3.2 step 3b) and additional data for NS, MX and SRV answers (RFC 1035
 * §3.3.9, RFC 2782). Glue lives below the zone cut, so the exact name is read
 * even where a lookup would stop at the cut; wildcards are never expanded.
 */
export function addressesOf(zone: ZoneContent, targets: readonly string[]): SectionRRset[] {
  const out: SectionRRset[] = [];
  for (const target of new Set(targets)) {
    const labels = labelsBelow(target, zone.origin);
    if (labels === undefined) continue;
    const entry = zone.tree.find(labels);
    if (entry === undefined) continue;
    for (const type of [RRType.A, RRType.AAAA]) {
      const rrset = rrsetOf(dataOf(entry), type);
      if (rrset !== undefined) out.push({ owner: target, rrset });
    }
  }
  return out;
}

const NO_TARGETS: readonly string[] = Object.freeze([]);

/** Names in the RDATA of an answer RRset that call for additional A/AAAA records. */
export function additionalTargets(rrset: StoredRRset): readonly string[] {
  if (typeof rrset === 'string') return NO_TARGETS;
  const targets: string[] = [];
  for (const data of rrset.rdata) {
    if (data.kind === 'NS' || data.kind === 'SRV') targets.push(data.target);
    else if (data.kind === 'MX') targets.push(data.exchange);
  }
  return targets;
}

export function nsTargets(rrset: StoredRRset): string[] {
  return storedRData(rrset).flatMap((data) => (data.kind === 'NS' ? [data.target] : []));
}

/** Preference for the one RRset an ANY query gets: CNAME, A, AAAA, SOA, then by type code. */
const ANY_PREFERENCE = [RRType.CNAME, RRType.A, RRType.AAAA, RRType.SOA];

/**
 * QTYPE=ANY is answered with one RRset of the name (RFC 8482 §4.1, "Answer
 * with a Subset of Available RRsets"): real data, deterministic so the
 * encoded reply can be cached, and small enough for UDP.
 */
export function rrsetForAny(data: NameData): StoredRRset {
  const rrsets = rrsetsOf(data);
  for (const type of ANY_PREFERENCE) {
    const preferred = rrsets.find((rrset) => storedType(rrset) === type);
    if (preferred !== undefined) return preferred;
  }
  return [...rrsets].sort((a, b) => storedType(a) - storedType(b))[0] as StoredRRset;
}
