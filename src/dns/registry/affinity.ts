import type { ResourceRecord } from '../lookup/types.js';

/**
 * How zone affinity (docs/dns.md "ZoneAffinityEnabled") orders an address set
 * whose records are tagged with their availability zone:
 * - first: the asker's zone's records first, the others after them;
 * - only: the asker's zone's records alone, when that zone has any.
 */
export type AffinityMode = 'first' | 'only';

/**
 * Reorders each RRset (a run of records with one owner and type) of `answer`
 * for a query from `zoneId`. Records without a tag keep their place among the
 * others; an RRset without a record of `zoneId` is left as it is.
 */
export function orderByAffinity(answer: readonly ResourceRecord[], zoneId: string, mode: AffinityMode): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  let start = 0;
  while (start < answer.length) {
    const head = answer[start] as ResourceRecord;
    let end = start + 1;
    while (end < answer.length && answer[end]?.type === head.type && answer[end]?.name === head.name) end++;
    const rrset = answer.slice(start, end);
    const near = rrset.filter((rr) => rr.affinityZone === zoneId);
    if (near.length === 0) out.push(...rrset);
    else if (mode === 'only') out.push(...rrset.filter((rr) => rr.affinityZone === undefined || rr.affinityZone === zoneId));
    else out.push(...near, ...rrset.filter((rr) => rr.affinityZone !== zoneId));
    start = end;
  }
  return out;
}
