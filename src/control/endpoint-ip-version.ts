import { CloudError } from '../errors/catalogue.js';
import { allocateAddress, currentAllocation } from '../model/ipam.js';
import type { AddressIpVersion, Endpoint, EndpointService, EndpointZone } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import { requireSettledZones } from './endpoint-guards.js';

/**
 * UpdateVpcEndpointAttribute AddressIpVersion
 * (https://api.aliyun.com/api/Privatelink/2020-04-15/UpdateVpcEndpointAttribute).
 * IPv4 → DualStack gives every zone an IPv6 address from its vSwitch, inside
 * the update's transaction; the names get AAAA records as soon as it commits
 * (docs/dns.md: AAAA for DualStack endpoints). It needs a DualStack service and IPv6 on every
 * zone's vSwitch. DualStack → IPv4 is refused: the endpoint's IPv6 addresses
 * may be in use, as a service's downgrade is refused while endpoints hold them
 * (EndpointServiceDowngradeNotAllowed).
 */
export async function zonesForVersion(
  tx: Transaction,
  endpoint: Endpoint,
  service: EndpointService | undefined,
  wanted: AddressIpVersion | undefined,
): Promise<EndpointZone[]> {
  if (wanted === undefined || wanted === endpoint.addressIpVersion) return endpoint.zones;
  if (wanted === 'IPv4')
    throw new CloudError('IllegalParam', { param: 'AddressIpVersion', reason: 'cannot go back from DualStack to IPv4' });
  if (service?.addressIpVersion !== 'DualStack')
    throw new CloudError('IllegalParam', { param: 'AddressIpVersion', reason: 'needs a DualStack endpoint service' });
  // A zone being created, connected or removed would race its own address changes.
  requireSettledZones(endpoint);
  const zones: EndpointZone[] = [];
  for (const zone of endpoint.zones) {
    const vSwitch = await tx.get('vSwitch', zone.vSwitchId);
    if (vSwitch === undefined) throw new CloudError('VSwitchNotFound');
    if (vSwitch.ipv6CidrBlock === null)
      throw new CloudError('IllegalParam', { param: 'AddressIpVersion', reason: `needs an IPv6 CIDR block on ${vSwitch.vSwitchId}` });
    if (zone.zoneIpv6Address !== null) {
      zones.push(zone);
      continue;
    }
    const allocation = currentAllocation(await tx.get('ipAllocation', zone.vSwitchId), zone.vSwitchId);
    const { result, allocation: next } = allocateAddress(vSwitch, allocation, 6);
    if (!result.ok) throw new CloudError('ResourceNotEnough.VSwitchIp');
    tx.put('ipAllocation', zone.vSwitchId, next);
    zones.push({ ...zone, zoneIpv6Address: result.address });
  }
  return zones;
}
