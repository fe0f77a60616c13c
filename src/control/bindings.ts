import type { Endpoint, EndpointService, ServiceResource } from '../model/types.js';

/**
 * Which service resource a connected endpoint zone is bound to (docs/control-plane.md: "each
 * connected zone is bound to one service resource"). The cloud allocates
 * resources automatically (ListVpcEndpointServiceResources AutoAllocatedEnabled);
 * plinkd picks the auto-allocated resource of the zone with the fewest bound
 * zones, ties by ResourceId, so load spreads and the choice is reproducible. A
 * resource whose AutoAllocatedEnabled is off is bound only by hand
 * (UpdateVpcEndpointZoneConnectionResourceAttribute, control/endpoint-zone-resources.ts).
 */

/** resourceId → number of endpoint zones bound to it. */
export function boundCounts(endpoints: Iterable<Endpoint>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const endpoint of endpoints) {
    for (const zone of endpoint.zones) {
      if (zone.resourceId !== null) counts.set(zone.resourceId, (counts.get(zone.resourceId) ?? 0) + 1);
    }
  }
  return counts;
}

/** Whether zone allocation may pick the resource (absent: the cloud's default, true). */
export function isAutoAllocated(resource: ServiceResource): boolean {
  return resource.autoAllocatedEnabled !== false;
}

/** The least-loaded auto-allocated resource of `zoneId`, skipping `excluded`; null when the zone has none. */
export function pickResource(
  service: EndpointService,
  zoneId: string,
  counts: ReadonlyMap<string, number>,
  excluded?: string,
): string | null {
  let best: { resourceId: string; load: number } | null = null;
  for (const resource of service.resources) {
    if (resource.zoneId !== zoneId || resource.resourceId === excluded || !isAutoAllocated(resource)) continue;
    const load = counts.get(resource.resourceId) ?? 0;
    if (best === null || load < best.load || (load === best.load && resource.resourceId < best.resourceId))
      best = { resourceId: resource.resourceId, load };
  }
  return best?.resourceId ?? null;
}

/** Whether the service has at least one resource in `zoneId` (EndpointServiceNotSupportedZone otherwise). */
export function serviceSupportsZone(service: EndpointService, zoneId: string): boolean {
  return service.resources.some((r) => r.zoneId === zoneId);
}
