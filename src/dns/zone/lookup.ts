import { recordsResult } from '../lookup/rrsets.js';
import { RRType, type LookupResult, type RRsetLookupResult, type SectionRRset } from '../lookup/types.js';
import { isAtOrBelow } from './names.js';
import { rrsetOf, type NameData } from './name-data.js';
import { storedRData, type StoredRRset } from './rrset-store.js';
import { additionalTargets, addressesOf, negativeSoa, NO_SECTION, nsTargets, rrsetForAny, type ZoneContent } from './sections.js';
import { childOf, dataOf, type Entry } from './tree.js';

/** CNAME hops followed inside one zone (CoreDNS's plugin/file follows 8). */
export const MAX_CNAME_HOPS = 8;

/** A zone cut on the way to a name: the referral's owner and NS RRset. */
class Cut {
  constructor(
    readonly cut: string,
    readonly ns: StoredRRset,
  ) {}
}

/** The name does not exist and no wildcard covers it. */
const NXDOMAIN: unique symbol = Symbol('nxdomain');

/**
 * Where a name leads inside the zone, before the query type is considered:
 * the data of the name (or of the wildcard covering it; undefined for an
 * empty non-terminal), a zone cut, or NXDOMAIN. No object per lookup for the
 * common outcomes: this runs on every reply-cache miss.
 */
type Resolution = NameData | undefined | Cut | typeof NXDOMAIN;

const DS = 43;

/**
 * RFC 1034 §4.3.2 step 3 for one name, as CoreDNS's plugin/file/lookup.go
 * does it: walk down from the apex label by label; an NS RRset below the apex
 * is a zone cut (a referral — except DS at the cut itself, which is parent-side
 * data, RFC 4035 §3.1.4.1). If the walk stops early, the last name reached is
 * the closest encloser and only `*.<closest encloser>` may synthesize the
 * answer (RFC 4592 §3.3.1); an empty non-terminal is a name like any other,
 * so it stops the search and blocks wildcards above it (§2.2.2). A wildcard
 * that is itself an empty non-terminal synthesizes NODATA (§4.9).
 */
function resolve(zone: ZoneContent, name: string, qtype: number): Resolution {
  let entry: Entry = zone.tree.root;
  if (name.length === zone.origin.length) return dataOf(entry);
  // The labels below the apex, nearest it first, sliced one at a time from the end of the name.
  let end = zone.origin === '' ? name.length : name.length - zone.origin.length - 1;
  for (;;) {
    const dot = end === 0 ? -1 : name.lastIndexOf('.', end - 1);
    // At the name itself, an A or AAAA query reads only that RRset: its family need not slice the other.
    const child = childOf(entry, name.slice(dot + 1, end), dot < 0 && (qtype === RRType.A || qtype === RRType.AAAA) ? qtype : 0);
    if (child === undefined) {
      const wildcard = childOf(entry, '*');
      return wildcard === undefined ? NXDOMAIN : dataOf(wildcard);
    }
    entry = child;
    const ns = rrsetOf(dataOf(entry), RRType.NS);
    if (ns !== undefined && !(dot < 0 && qtype === DS)) return new Cut(name.slice(dot + 1), ns);
    if (dot < 0) return dataOf(entry);
    end = dot;
  }
}

function result(
  status: RRsetLookupResult['status'],
  answer: readonly SectionRRset[],
  authority: readonly SectionRRset[] = NO_SECTION,
  additional: readonly SectionRRset[] = NO_SECTION,
): RRsetLookupResult {
  return { status, answer, authority, additional };
}

/**
 * Answers `qtype` at `qname` (normalized) from one zone, with sections of
 * stored RRsets (lookup/rrsets.ts) that the encoder copies as they are. A
 * CNAME is answered and its chain followed while it stays in the zone, at
 * most MAX_CNAME_HOPS hops and never twice through a name; the status is that
 * of the chain's last name (RFC 6604 §3), so a chain into a missing name is
 * nameError with the CNAMEs in the answer. A chain that leaves the zone or
 * enters a delegation ends there with success: the resolver follows the rest.
 * Wildcard answers carry the query name as owner (RFC 4592 §3.3.1). Positive
 * answers carry no NS in authority (minimal responses keep replies under the
 * UDP limit).
 */
export function lookupRRsetsInZone(zone: ZoneContent, qname: string, qtype: number): RRsetLookupResult {
  // Made on the first answer RRset: most answers have exactly one, as a one-item literal.
  let answer: SectionRRset[] | undefined;
  let visited: string[] | undefined;
  let name = qname;
  for (let hop = 0; ; hop++) {
    if (!isAtOrBelow(name, zone.origin)) {
      return hop === 0 ? result('notAuthoritative', NO_SECTION) : result('success', answer ?? NO_SECTION);
    }
    const found = resolve(zone, name, qtype);
    if (found instanceof Cut) {
      if (hop > 0) return result('success', answer ?? NO_SECTION);
      return result('delegation', NO_SECTION, [{ owner: found.cut, rrset: found.ns }], addressesOf(zone, nsTargets(found.ns)));
    }
    if (found === NXDOMAIN) return result('nameError', answer ?? NO_SECTION, negativeSoa(zone));
    const data = found;
    if (data === undefined) return result('noData', answer ?? NO_SECTION, negativeSoa(zone));
    if (qtype === RRType.ANY) return result('success', withItem(answer, { owner: name, rrset: rrsetForAny(data) }));
    const cname = qtype === RRType.CNAME ? undefined : rrsetOf(data, RRType.CNAME);
    if (cname !== undefined) {
      answer = withItem(answer, { owner: name, rrset: cname });
      const first = storedRData(cname)[0];
      const target = first?.kind === 'CNAME' ? first.target : undefined;
      visited ??= [qname];
      if (target === undefined || visited.includes(target) || hop + 1 > MAX_CNAME_HOPS) {
        return result('success', answer);
      }
      visited.push(target);
      name = target;
      continue;
    }
    const rrset = rrsetOf(data, qtype);
    if (rrset === undefined) return result('noData', answer ?? NO_SECTION, negativeSoa(zone));
    const targets = additionalTargets(rrset);
    return result(
      'success',
      withItem(answer, { owner: name, rrset }),
      NO_SECTION,
      targets.length === 0 ? NO_SECTION : addressesOf(zone, targets),
    );
  }
}

function withItem(answer: SectionRRset[] | undefined, item: SectionRRset): SectionRRset[] {
  if (answer === undefined) return [item];
  answer.push(item);
  return answer;
}

/** lookupRRsetsInZone with record objects (the explainer, the console, tests). */
export function lookupInZone(zone: ZoneContent, qname: string, qtype: number): LookupResult {
  return recordsResult(lookupRRsetsInZone(zone, qname, qtype));
}
