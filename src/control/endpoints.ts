import { ApiError } from '../api/rpc/errors.js';
import { newId } from '../model/ids.js';
import { allocateAddress, emptyAllocation, type AllocationResult } from '../model/ipam.js';
import { endpointDomainOf, zoneDomainOf } from '../model/names.js';
import type { AddressIpVersion, Endpoint, EndpointService, EndpointType, EndpointZone, IpAllocation } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import { DEFAULT_ENDPOINT_POLICY } from './default-policy.js';
import type { Plane } from './plane.js';
import { isWhitelisted } from './services.js';

export interface ZoneRequest {
  zoneId: string;
  vSwitchId: string;
  ip: string | undefined;
}

export interface CreateEndpointInput {
  uid: string;
  regionId: string;
  vpcId: string;
  serviceId: string | undefined;
  serviceName: string | undefined;
  securityGroupIds: string[];
  zones: ZoneRequest[];
  endpointName: string | undefined;
  endpointDescription: string | undefined;
  endpointType: EndpointType;
  policyDocument: string | undefined;
  dryRun: boolean;
}

/** Which endpoint types connect to which services (SPEC §2, the seed's endpoint types). */
function checkTypePairing(type: EndpointType, service: EndpointService): void {
  const gwlb = service.serviceResourceType === 'gwlb';
  if (type === 'GatewayLoadBalancer' && !gwlb) throw new ApiError('IllegalParamFormat', { param: 'EndpointType', reason: 'GatewayLoadBalancer needs a gwlb service' });
  if (type === 'Interface' && gwlb) throw new ApiError('IllegalParamFormat', { param: 'EndpointType', reason: 'Interface needs an slb, alb or nlb service' });
  if (type === 'Reverse' && !service.cloudProvided) throw new ApiError('IllegalParamFormat', { param: 'EndpointType', reason: 'Reverse endpoints connect only to cloud-provided services' });
}

function findService(plane: Plane, input: CreateEndpointInput): EndpointService {
  let service: EndpointService | undefined;
  if (input.serviceId !== undefined) service = plane.replica.get('service', input.serviceId);
  else if (input.serviceName !== undefined) {
    for (const candidate of plane.replica.values('service')) if (candidate.serviceName === input.serviceName) service = candidate;
  } else throw new ApiError('MissingParam', { param: 'ServiceId' });
  if (service === undefined || service.regionId !== input.regionId) throw new ApiError('EndpointServiceNotFound');
  if (!isWhitelisted(service, input.uid)) throw new ApiError('EndpointServiceNotAuthorized');
  return service;
}

/**
 * CreateVpcEndpoint: validates everything against the replica, then allocates
 * the ENI addresses and writes the endpoint in one transaction. The endpoint
 * starts Creating/Disconnected; the reconciler activates and connects it.
 */
export async function createEndpoint(plane: Plane, input: CreateEndpointInput): Promise<Endpoint> {
  const vpc = plane.replica.get('vpc', input.vpcId);
  if (vpc === undefined || vpc.uid !== input.uid || vpc.regionId !== input.regionId) throw new ApiError('VpcNotFound');
  const service = findService(plane, input);
  if (service.serviceStatus !== 'Active') throw new ApiError('IncorrectStatus.VpcEndpointService', { detail: service.serviceId });
  checkTypePairing(input.endpointType, service);
  if (input.securityGroupIds.length === 0) throw new ApiError('EndpointMustContainSecurityGroup');
  if (input.endpointType === 'GatewayLoadBalancer' && input.zones.length > 1) {
    throw new ApiError('IllegalParamFormat', { param: 'Zone', reason: 'takes exactly one zone for a GatewayLoadBalancer endpoint' });
  }
  const seenZones = new Set<string>();
  for (const zone of input.zones) {
    if (seenZones.has(zone.zoneId)) throw new ApiError('EndpointZoneDuplicated');
    seenZones.add(zone.zoneId);
    checkZone(plane, input.uid, input.vpcId, service, zone);
  }
  if (input.dryRun) throw new ApiError('DryRunOperation');

  const endpointId = newId('ep');
  const suffix = plane.settings.domainSuffix;
  const addressIpVersion: AddressIpVersion = service.addressIpVersion;
  const endpoint = await plane.write(async (tx) => {
    const current = await tx.get('service', service.serviceId);
    if (current === undefined || current.serviceStatus !== 'Active') throw new ApiError('IncorrectStatus.VpcEndpointService', { detail: service.serviceId });
    const zones: EndpointZone[] = [];
    for (const zone of input.zones) zones.push(await allocateZone(plane, tx, endpointId, service, addressIpVersion, zone));
    const created: Endpoint = {
      endpointId,
      uid: input.uid,
      regionId: input.regionId,
      endpointName: input.endpointName ?? '',
      endpointDescription: input.endpointDescription ?? '',
      endpointType: input.endpointType,
      vpcId: input.vpcId,
      serviceId: service.serviceId,
      serviceName: service.serviceName,
      serviceUid: service.uid,
      securityGroupIds: [...new Set(input.securityGroupIds)],
      zones,
      endpointDomain: endpointDomainOf(endpointId, service.serviceId, input.regionId, suffix),
      addressIpVersion,
      policyDocument: input.policyDocument ?? DEFAULT_ENDPOINT_POLICY,
      privateServiceDomainEnabled: false,
      tags: [],
      endpointStatus: 'Creating',
      connectionStatus: 'Disconnected',
      endpointBusinessStatus: plane.replica.get('account', input.uid)?.businessStatus ?? 'Normal',
      transitionDueAt: plane.dueAt(),
      createdAt: plane.timestamp(),
    };
    tx.put('endpoint', endpointId, created);
    return created;
  });
  return endpoint;
}

/** The zone must be one the service has a resource in, with a vSwitch of the caller's VPC in it. */
export function checkZone(plane: Plane, uid: string, vpcId: string, service: EndpointService, zone: ZoneRequest): void {
  const vSwitch = plane.replica.get('vSwitch', zone.vSwitchId);
  if (vSwitch === undefined || vSwitch.uid !== uid || vSwitch.vpcId !== vpcId) throw new ApiError('VSwitchNotFound');
  if (vSwitch.zoneId !== zone.zoneId) throw new ApiError('IllegalParamFormat', { param: 'ZoneId', reason: `does not match the zone of ${zone.vSwitchId}` });
  if (!service.resources.some((r) => r.zoneId === zone.zoneId)) throw new ApiError('EndpointServiceNotSupportedZone');
}

/** Allocates the zone's ENI address(es) from its vSwitch inside the transaction. */
export async function allocateZone(
  plane: Plane,
  tx: Transaction,
  endpointId: string,
  service: EndpointService,
  addressIpVersion: AddressIpVersion,
  zone: ZoneRequest,
): Promise<EndpointZone> {
  const vSwitch = await tx.get('vSwitch', zone.vSwitchId);
  if (vSwitch === undefined) throw new ApiError('VSwitchNotFound');
  let allocation: IpAllocation = (await tx.get('ipAllocation', zone.vSwitchId)) ?? emptyAllocation(zone.vSwitchId);
  const eniId = newId('eni');
  const v4 = allocateAddress(vSwitch, allocation, 4, eniId, zone.ip);
  allocation = v4.allocation;
  const eniIp = addressOrThrow(v4.result, zone.ip !== undefined);
  let zoneIpv6Address: string | null = null;
  if (addressIpVersion === 'DualStack' && vSwitch.ipv6CidrBlock !== null) {
    const v6 = allocateAddress(vSwitch, allocation, 6, eniId);
    allocation = v6.allocation;
    zoneIpv6Address = addressOrThrow(v6.result, false);
  }
  tx.put('ipAllocation', zone.vSwitchId, allocation);
  return {
    zoneId: zone.zoneId,
    regionId: vSwitch.regionId,
    vSwitchId: zone.vSwitchId,
    eniId,
    eniIp,
    zoneIpv6Address,
    zoneDomain: zoneDomainOf(endpointId, zone.zoneId, service.serviceId, vSwitch.regionId, plane.settings.domainSuffix),
    zoneStatus: 'Creating',
    resourceId: null,
    transitionDueAt: plane.dueAt(),
  };
}

function addressOrThrow(result: AllocationResult, requested: boolean): string {
  if (result.ok) return result.address;
  if (result.reason === 'exhausted') throw new ApiError('ResourceNotEnough.VSwitchIp');
  if (requested) throw new ApiError('EniIpUnavailable');
  throw new ApiError('ResourceNotEnough.VSwitchIp');
}

/** The caller's own endpoint (consumer view), or EndpointNotFound. */
export function ownEndpoint(plane: Plane, uid: string, regionId: string, endpointId: string): Endpoint {
  const endpoint = plane.replica.get('endpoint', endpointId);
  if (endpoint === undefined || endpoint.uid !== uid || endpoint.regionId !== regionId) throw new ApiError('EndpointNotFound');
  return endpoint;
}

/** A mutating call on an endpoint mid-transition is refused (SPEC §2). */
export function requireSettled(endpoint: Endpoint): void {
  if (endpoint.endpointStatus !== 'Active') throw new ApiError('EndpointOperationDenied');
  if (endpoint.connectionStatus === 'Connecting' || endpoint.connectionStatus === 'Disconnecting' || endpoint.connectionStatus === 'Pending') {
    throw new ApiError('EndpointOperationDenied');
  }
}

/** Re-reads the endpoint inside a transaction and checks it is still the caller's and settled. */
export async function settledInTx(tx: Transaction, endpointId: string): Promise<Endpoint> {
  const endpoint = await tx.get('endpoint', endpointId);
  if (endpoint === undefined) throw new ApiError('EndpointNotFound');
  requireSettled(endpoint);
  return endpoint;
}

export async function removeZone(plane: Plane, uid: string, regionId: string, endpointId: string, zoneId: string, dryRun: boolean): Promise<void> {
  const endpoint = ownEndpoint(plane, uid, regionId, endpointId);
  requireSettled(endpoint);
  const zone = endpoint.zones.find((z) => z.zoneId === zoneId);
  if (zone === undefined) throw new ApiError('EndpointZoneNotFound');
  if (zone.zoneStatus === 'Deleting' || zone.zoneStatus === 'Creating' || zone.zoneStatus === 'Connecting' || zone.zoneStatus === 'Disconnecting') {
    throw new ApiError('EndpointOperationDenied');
  }
  if (dryRun) throw new ApiError('DryRunOperation');
  await plane.write(async (tx) => {
    const current = await settledInTx(tx, endpointId);
    const zones = current.zones.map((z) => (z.zoneId === zoneId ? { ...z, zoneStatus: 'Deleting' as const, transitionDueAt: plane.dueAt() } : z));
    if (!current.zones.some((z) => z.zoneId === zoneId && z.zoneStatus !== 'Deleting')) throw new ApiError('EndpointZoneNotFound');
    tx.put('endpoint', endpointId, { ...current, zones });
  });
}

/**
 * DeleteVpcEndpoint removes the endpoint's zones itself (documented choice: the
 * console and Terraform delete endpoints with zones in one step). Its names stop
 * resolving at once; the reconciler releases the addresses and drops it.
 */
export async function deleteEndpoint(plane: Plane, uid: string, regionId: string, endpointId: string, dryRun: boolean): Promise<void> {
  const endpoint = ownEndpoint(plane, uid, regionId, endpointId);
  if (endpoint.endpointStatus === 'Deleting') throw new ApiError('EndpointOperationDenied');
  if (endpoint.endpointStatus !== 'Active') throw new ApiError('EndpointOperationDenied');
  if (dryRun) throw new ApiError('DryRunOperation');
  await plane.write(async (tx) => {
    const current = await tx.get('endpoint', endpointId);
    if (current === undefined) throw new ApiError('EndpointNotFound');
    if (current.endpointStatus !== 'Active') throw new ApiError('EndpointOperationDenied');
    const due = plane.dueAt();
    tx.put('endpoint', endpointId, {
      ...current,
      endpointStatus: 'Deleting',
      connectionStatus: 'Deleting',
      zones: current.zones.map((z) => ({ ...z, zoneStatus: 'Deleting', transitionDueAt: due })),
      transitionDueAt: due,
    });
  });
}
