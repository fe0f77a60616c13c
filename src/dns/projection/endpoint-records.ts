import { isPublished } from '../../model/endpoint-publication.js';
import type { Endpoint, EndpointService } from '../../model/types.js';
import type { RecordInput } from '../zone/index.js';

/** TTL of endpoint address records: short, so a resolver's cache follows state changes. */
export const ENDPOINT_TTL = 60;

export interface PublishedName {
  /** Lowercase, no trailing dot. */
  name: string;
  a: RecordInput[];
  aaaa: RecordInput[];
}

/**
 * The names an endpoint publishes while isPublished holds: the region-wide
 * name carries every Connected zone's address, each zonal name its own zone's.
 */
export function endpointNames(endpoint: Endpoint, service: Pick<EndpointService, 'zoneAffinityEnabled'> | undefined): PublishedName[] {
  if (!isPublished(endpoint)) return [];
  // ZoneAffinityEnabled may be set on the service (provider) or on the endpoint (consumer).
  const affinity = service?.zoneAffinityEnabled === true || endpoint.zoneAffinityEnabled === true;
  const regionWide: PublishedName = { name: endpoint.endpointDomain, a: [], aaaa: [] };
  const names: PublishedName[] = [regionWide];
  // Records are read-only to the zone, so a zonal name and the region-wide one share theirs when untagged.
  for (const zone of endpoint.zones) {
    if (zone.zoneStatus !== 'Connected') continue;
    const a: RecordInput = { ttl: ENDPOINT_TTL, data: { kind: 'A', address: zone.eniIp } };
    regionWide.a.push(affinity ? { ttl: ENDPOINT_TTL, data: a.data, affinityZone: zone.zoneId } : a);
    const zonal: PublishedName = { name: zone.zoneDomain, a: [a], aaaa: [] };
    if (zone.zoneIpv6Address !== null) {
      const aaaa: RecordInput = { ttl: ENDPOINT_TTL, data: { kind: 'AAAA', address: zone.zoneIpv6Address } };
      regionWide.aaaa.push(affinity ? { ttl: ENDPOINT_TTL, data: aaaa.data, affinityZone: zone.zoneId } : aaaa);
      zonal.aaaa.push(aaaa);
    }
    names.push(zonal);
  }
  // Every zonal name has its A record; the region-wide name has records when any zone is Connected.
  return names.length === 1 ? [] : names;
}

function sameRecords(a: readonly RecordInput[], b: readonly RecordInput[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const o = b[i] as RecordInput;
      const address = (d: RecordInput['data']): string | undefined => (d.kind === 'A' || d.kind === 'AAAA' ? d.address : undefined);
      return r.ttl === o.ttl && r.affinityZone === o.affinityZone && address(r.data) === address(o.data) && r.data.kind === o.data.kind;
    })
  );
}

/**
 * Whether two publications are the same names with the same records: an edit
 * that changes neither (a description, a tag, a timestamp) touches no zone,
 * and so no cached reply.
 */
export function sameNames(a: readonly PublishedName[], b: readonly PublishedName[]): boolean {
  return a.length === b.length && a.every((n, i) => n.name === b[i]?.name && sameRecords(n.a, b[i].a) && sameRecords(n.aaaa, b[i].aaaa));
}
