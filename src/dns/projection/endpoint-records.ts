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
export function endpointNames(endpoint: Endpoint, service: EndpointService | undefined): PublishedName[] {
  const connected = isPublished(endpoint) ? endpoint.zones.filter((z) => z.zoneStatus === 'Connected') : [];
  // ZoneAffinityEnabled may be set on the service (provider) or on the endpoint (consumer).
  const affinity = service?.zoneAffinityEnabled === true || endpoint.zoneAffinityEnabled === true;
  const regionWide: PublishedName = { name: endpoint.endpointDomain, a: [], aaaa: [] };
  const names: PublishedName[] = [regionWide];
  for (const zone of connected) {
    const tag = affinity ? { affinityZone: zone.zoneId } : {};
    regionWide.a.push({ ttl: ENDPOINT_TTL, data: { kind: 'A', address: zone.eniIp }, ...tag });
    const zonal: PublishedName = { name: zone.zoneDomain, a: [{ ttl: ENDPOINT_TTL, data: { kind: 'A', address: zone.eniIp } }], aaaa: [] };
    if (zone.zoneIpv6Address !== null) {
      regionWide.aaaa.push({ ttl: ENDPOINT_TTL, data: { kind: 'AAAA', address: zone.zoneIpv6Address }, ...tag });
      zonal.aaaa.push({ ttl: ENDPOINT_TTL, data: { kind: 'AAAA', address: zone.zoneIpv6Address } });
    }
    names.push(zonal);
  }
  return names.filter((n) => n.a.length > 0 || n.aaaa.length > 0);
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
