import { hasZones, reorderedRRset, storedZones } from '../lookup/rrsets.js';
import type { SectionRRset } from '../lookup/types.js';

/**
 * How zone affinity (docs/dns.md "ZoneAffinityEnabled") orders an address set
 * whose records are tagged with their availability zone:
 * - first: the asker's zone's records first, the others after them;
 * - only: the asker's zone's records alone, when that zone has any.
 */
export type AffinityMode = 'first' | 'only';

/**
 * The order (indexes into `zones`, the tag of each record) affinity gives an
 * RRset for a query from `zoneId`, or undefined when it stays as it is: no
 * record of `zoneId`. Records without a tag keep their place among the others.
 */
export function affinityOrder(zones: readonly (string | undefined)[], zoneId: string, mode: AffinityMode): number[] | undefined {
  if (!zones.includes(zoneId)) return undefined;
  const indexes = zones.map((_, i) => i);
  if (mode === 'only') return indexes.filter((i) => zones[i] === zoneId || zones[i] === undefined);
  return [...indexes.filter((i) => zones[i] === zoneId), ...indexes.filter((i) => zones[i] !== zoneId)];
}

/** Each RRset of `answer` ordered for a query from `zoneId` (the stored data is never reordered). */
export function orderByAffinity(answer: readonly SectionRRset[], zoneId: string, mode: AffinityMode): SectionRRset[] {
  return answer.map((item) => {
    if (!hasZones(item.rrset)) return item;
    const order = affinityOrder(storedZones(item.rrset), zoneId, mode);
    return order === undefined ? item : { owner: item.owner, rrset: reorderedRRset(item.rrset, order) };
  });
}
