import type { EndpointZone } from './types.js';

/**
 * The addresses an endpoint zone's ENI holds: its IPv4 address, and its IPv6 address once the
 * endpoint is DualStack. What the zone gives back to its vSwitch when it goes (control/advance.ts)
 * and what its names answer (api/topology/nodes.ts).
 */
export function zoneAddresses(zone: Pick<EndpointZone, 'eniIp' | 'zoneIpv6Address'>): string[] {
  return zone.zoneIpv6Address === null ? [zone.eniIp] : [zone.eniIp, zone.zoneIpv6Address];
}
