import { CloudError } from '../errors/catalogue.js';
import { newId } from '../model/ids.js';
import { allocateAddress, currentAllocation, type AllocationResult } from '../model/ipam.js';
import { zoneDomainOf } from '../model/names.js';
import type { AddressIpVersion, Endpoint, EndpointService, EndpointZone, VSwitch } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import { serviceSupportsZone } from './bindings.js';
import {
  ownEndpointInTx,
  requireActiveEndpoint,
  requireServiceAlive,
  requireSettledConnection,
  requireSettledZones,
  requireUnlocked,
} from './endpoint-guards.js';
import type { Plane } from './plane.js';
import { move } from './status.js';

/**
 * An endpoint's zones: the availability zones (`cn-hangzhou-h`) where it has an ENI in one of its
 * VPC's vSwitches (CreateVpcEndpoint's Zone.N, AddZoneToVpcEndpoint, RemoveZoneFromVpcEndpoint).
 * Not DNS zones (src/dns/zone/) and not PrivateZone zones (private-zones/zones.ts).
 */

export interface ZoneRequest {
  zoneId: string;
  vSwitchId: string;
  /** Zone.N.ip / ip: the IPv4 address the ENI should get. */
  ip: string | undefined;
  ipv6Address: string | undefined;
}

/** The cloud's quota of zones per endpoint; a GatewayLoadBalancer endpoint has exactly one. */
export const MAX_ZONES_PER_ENDPOINT = 10;

export function zoneQuota(endpointType: Endpoint['endpointType']): number {
  return endpointType === 'GatewayLoadBalancer' ? 1 : MAX_ZONES_PER_ENDPOINT;
}

/**
 * The zone must be one the service has a resource in, with a vSwitch of the
 * endpoint's VPC in that zone; a DualStack endpoint needs an IPv6 vSwitch.
 */
export function checkZone(
  vSwitch: VSwitch | undefined,
  uid: string,
  vpcId: string,
  service: EndpointService,
  zone: ZoneRequest,
  version: AddressIpVersion,
): VSwitch {
  if (vSwitch === undefined || vSwitch.uid !== uid || vSwitch.vpcId !== vpcId) throw new CloudError('VSwitchNotFound');
  if (vSwitch.zoneId !== zone.zoneId)
    throw new CloudError('IllegalParam', { param: 'ZoneId', reason: `does not match the zone of ${zone.vSwitchId}` });
  if (!serviceSupportsZone(service, zone.zoneId)) throw new CloudError('EndpointServiceNotSupportedZone');
  if (version === 'DualStack' && vSwitch.ipv6CidrBlock === null)
    throw new CloudError('IllegalParam', { param: 'VSwitchId', reason: 'needs an IPv6 CIDR block for a DualStack endpoint' });
  if (version === 'IPv4' && zone.ipv6Address !== undefined)
    throw new CloudError('IllegalParam', { param: 'Ipv6Address', reason: 'needs a DualStack endpoint' });
  return vSwitch;
}

/** Allocates the zone's ENI address(es) from its vSwitch inside the transaction (never twice: the allocation doc is CAS-checked). */
export async function allocateZone(
  plane: Plane,
  tx: Transaction,
  endpoint: Pick<Endpoint, 'endpointId' | 'serviceId' | 'addressIpVersion'>,
  zone: ZoneRequest,
): Promise<EndpointZone> {
  const vSwitch = await tx.get('vSwitch', zone.vSwitchId);
  if (vSwitch === undefined) throw new CloudError('VSwitchNotFound');
  let allocation = currentAllocation(await tx.get('ipAllocation', zone.vSwitchId), zone.vSwitchId);
  const eniId = newId('eni');
  const v4 = allocateAddress(vSwitch, allocation, 4, zone.ip);
  allocation = v4.allocation;
  const eniIp = addressOrThrow(v4.result);
  let zoneIpv6Address: string | null = null;
  if (endpoint.addressIpVersion === 'DualStack' && vSwitch.ipv6CidrBlock !== null) {
    const v6 = allocateAddress(vSwitch, allocation, 6, zone.ipv6Address);
    allocation = v6.allocation;
    zoneIpv6Address = addressOrThrow(v6.result);
  }
  tx.put('ipAllocation', zone.vSwitchId, allocation);
  return {
    zoneId: zone.zoneId,
    regionId: vSwitch.regionId,
    vSwitchId: zone.vSwitchId,
    eniId,
    eniIp,
    zoneIpv6Address,
    zoneDomain: zoneDomainOf(endpoint.endpointId, zone.zoneId, endpoint.serviceId, vSwitch.regionId, plane.settings.domainSuffix),
    zoneStatus: 'Creating',
    resourceId: null,
    transitionDueAt: plane.dueAt(),
  };
}

/**
 * The same allocation against the replica, committing nothing: lets
 * validation (and so a DryRun) answer EniIpUnavailable / ResourceNotEnough.
 * The transaction decides for real.
 */
export function precheckAddresses(plane: Plane, zones: readonly ZoneRequest[], version: AddressIpVersion): void {
  for (const zone of zones) {
    const vSwitch = plane.replica.get('vSwitch', zone.vSwitchId);
    if (vSwitch === undefined) continue;
    const allocation = currentAllocation(plane.replica.get('ipAllocation', zone.vSwitchId), zone.vSwitchId);
    const v4 = allocateAddress(vSwitch, allocation, 4, zone.ip);
    addressOrThrow(v4.result);
    if (version === 'DualStack' && vSwitch.ipv6CidrBlock !== null)
      addressOrThrow(allocateAddress(vSwitch, v4.allocation, 6, zone.ipv6Address).result);
  }
}

/** A requested address outside the vSwitch, reserved or taken is EniIpUnavailable; no address left is ResourceNotEnough.VSwitchIp. */
function addressOrThrow(result: AllocationResult): string {
  if (result.ok) return result.address;
  if (result.reason === 'exhausted') throw new CloudError('ResourceNotEnough.VSwitchIp');
  throw new CloudError('EniIpUnavailable');
}

export interface AddEndpointZoneInput extends ZoneRequest {
  uid: string;
  regionId: string;
  endpointId: string;
}

/** AddZoneToVpcEndpoint: the zone starts Creating; it connects if its endpoint's connection is accepted, else waits (Wait). */
export async function addEndpointZone(plane: Plane, input: AddEndpointZoneInput): Promise<void> {
  // The service's id as the replica knows it (it never changes): what the checks read, in one round trip.
  const serviceId = plane.replica.get('endpoint', input.endpointId)?.serviceId;
  await plane.write(async (tx) => {
    await tx.prefetch([
      ['endpoint', input.endpointId],
      ['service', serviceId],
      ['vSwitch', input.vSwitchId],
      ['ipAllocation', input.vSwitchId],
    ]);
    const endpoint = await ownEndpointInTx(tx, input.uid, input.regionId, input.endpointId);
    requireActiveEndpoint(endpoint);
    requireSettledConnection(endpoint);
    requireSettledZones(endpoint);
    requireUnlocked(endpoint);
    requireServiceAlive(endpoint);
    const service = await tx.get('service', endpoint.serviceId);
    if (service === undefined) throw new CloudError('EndpointServiceDeleted');
    if (endpoint.zones.some((z) => z.zoneId === input.zoneId)) throw new CloudError('EndpointZoneDuplicated');
    // AddZoneToVpcEndpoint's metadata documents QuotaMisMatched for this (CreateVpcEndpoint's: QuotaExceeded.epZonePerEndpoint).
    if (endpoint.zones.length >= zoneQuota(endpoint.endpointType)) throw new CloudError('QuotaMisMatched');
    checkZone(await tx.get('vSwitch', input.vSwitchId), input.uid, endpoint.vpcId, service, input, endpoint.addressIpVersion);
    const zone = await allocateZone(plane, tx, endpoint, input);
    tx.put('endpoint', endpoint.endpointId, { ...endpoint, zones: [...endpoint.zones, zone] });
  });
}

/** RemoveZoneFromVpcEndpoint: the zone goes Deleting (its names stop resolving); the reconciler releases its addresses. */
export async function removeEndpointZone(plane: Plane, uid: string, regionId: string, endpointId: string, zoneId: string): Promise<void> {
  await plane.write(async (tx) => {
    const endpoint = await ownEndpointInTx(tx, uid, regionId, endpointId);
    requireActiveEndpoint(endpoint);
    requireSettledConnection(endpoint);
    const zone = endpoint.zones.find((z) => z.zoneId === zoneId);
    if (zone === undefined) throw new CloudError('EndpointZoneNotFound');
    requireSettledZones(endpoint);
    requireUnlocked(endpoint);
    const due = plane.dueAt();
    const zones = endpoint.zones.map((z) =>
      z.zoneId === zoneId
        ? { ...z, zoneStatus: move('zone', z.zoneStatus, 'Deleting', `${endpointId}/${zoneId}`), transitionDueAt: due }
        : z,
    );
    tx.put('endpoint', endpointId, { ...endpoint, zones });
  });
}
