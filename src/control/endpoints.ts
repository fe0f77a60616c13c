import { ApiError } from '../api/rpc/errors.js';
import { newId } from '../model/ids.js';
import { endpointDomainOf } from '../model/names.js';
import type { AddressIpVersion, Endpoint, EndpointType, EndpointZone, Tag } from '../model/types.js';
import { DEFAULT_ENDPOINT_POLICY } from './default-policy.js';
import { ownEndpointInTx, requireActiveEndpoint, requireServiceAlive, requireSettledConnection, requireSettledZones, requireUnlocked } from './endpoint-guards.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';
import { checkPrivateDomain, checkServiceOpen, checkTypePairing, endpointIpVersion, findService } from './endpoint-checks.js';
import { requireGoodStanding } from './services.js';
import { move } from './status.js';
import { combine } from './suspension.js';
import { allocateZone, checkZone, zoneQuota, type ZoneRequest } from './zones.js';

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
  /** Undefined: the service's, when every zone's vSwitch has IPv6 (see endpointIpVersion). */
  addressIpVersion: AddressIpVersion | undefined;
  zoneAffinityEnabled: boolean;
  privateServiceDomainEnabled: boolean;
  policyDocument: string | undefined;
  resourceGroupId: string | undefined;
  tags: Tag[];
  dryRun: boolean;
}

/**
 * CreateVpcEndpoint: validates against the replica, then re-checks the service
 * and allocates the ENI addresses in one transaction. The endpoint starts
 * Creating/Disconnected; the reconciler activates it and, with auto-accept,
 * connects it.
 */
export async function createEndpoint(plane: Plane, input: CreateEndpointInput): Promise<Endpoint> {
  requireGoodStanding(plane, input.uid);
  const vpc = plane.replica.get('vpc', input.vpcId);
  if (vpc === undefined || vpc.uid !== input.uid || vpc.regionId !== input.regionId) throw new ApiError('VpcNotFound');
  const found = findService(plane, input);
  checkServiceOpen(found, input.uid);
  checkTypePairing(input.endpointType, found);
  checkPrivateDomain(input.privateServiceDomainEnabled, found);
  if (input.securityGroupIds.length === 0) throw new ApiError('EndpointMustContainSecurityGroup');
  const quota = zoneQuota(input.endpointType);
  if (input.endpointType === 'GatewayLoadBalancer' && input.zones.length === 0) throw new ApiError('MissingParam', { param: 'Zone.1.ZoneId' });
  if (input.zones.length > quota) throw new ApiError('QuotaExceeded.epZonePerEndpoint', { detail: `${input.zones.length}/${quota}` });
  const addressIpVersion = endpointIpVersion(plane, input, found);
  const seen = new Set<string>();
  for (const zone of input.zones) {
    if (seen.has(zone.zoneId)) throw new ApiError('EndpointZoneDuplicated');
    seen.add(zone.zoneId);
    checkZone(plane.replica.get('vSwitch', zone.vSwitchId), input.uid, input.vpcId, found, zone, addressIpVersion);
  }

  const endpointId = newId('ep');
  const now = plane.timestamp();
  return plane.write(async (tx) => {
    const service = await tx.get('service', found.serviceId);
    checkServiceOpen(service, input.uid);
    const account = await tx.get('account', input.uid);
    if (account?.businessStatus === 'FinancialLocked') throw new ApiError('InvalidAccountStatus.NotEnoughBalance');
    const zones: EndpointZone[] = [];
    const identity = { endpointId, serviceId: service.serviceId, addressIpVersion };
    for (const zone of input.zones) zones.push(await allocateZone(plane, tx, identity, zone));
    if (input.dryRun) throw new ApiError('DryRunOperation');
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
      endpointDomain: endpointDomainOf(endpointId, service.serviceId, input.regionId, plane.settings.domainSuffix),
      addressIpVersion,
      policyDocument: input.policyDocument ?? DEFAULT_ENDPOINT_POLICY,
      privateServiceDomainEnabled: input.privateServiceDomainEnabled,
      tags: input.tags,
      endpointStatus: 'Creating',
      connectionStatus: 'Disconnected',
      endpointBusinessStatus: combine('Normal', account?.businessStatus),
      ownBusinessStatus: 'Normal',
      suspendedConnection: null,
      bandwidth: service.connectBandwidth,
      trafficControlMode: service.serviceResourceType === 'slb' ? 'BandwidthLimit' : 'Scalability',
      zoneAffinityEnabled: input.zoneAffinityEnabled,
      resourceGroupId: input.resourceGroupId ?? '',
      connectionModifiedAt: now,
      transitionDueAt: plane.dueAt(),
      createdAt: now,
    };
    tx.put('endpoint', endpointId, created);
    return created;
  });
}

export interface UpdateEndpointInput {
  uid: string;
  regionId: string;
  endpointId: string;
  endpointName: string | undefined;
  endpointDescription: string | undefined;
  /** Stored as given: the policy engine validates documents separately. */
  policyDocument: string | undefined;
  resetPolicy: boolean;
  zoneAffinityEnabled: boolean | undefined;
  privateServiceDomainEnabled: boolean | undefined;
  dryRun: boolean;
}

/**
 * UpdateVpcEndpointAttribute applies at once: the cloud documents no Pending
 * status for it, and names keep resolving while it runs.
 */
export async function updateEndpoint(plane: Plane, input: UpdateEndpointInput): Promise<void> {
  if (input.resetPolicy && input.policyDocument !== undefined) throw new ApiError('IllegalParam', { param: 'ResetPolicy', reason: 'cannot be combined with PolicyDocument' });
  await plane.write(async (tx) => {
    const endpoint = await ownEndpointInTx(tx, input.uid, input.regionId, input.endpointId);
    requireActiveEndpoint(endpoint);
    requireSettledConnection(endpoint);
    requireUnlocked(endpoint);
    requireServiceAlive(endpoint);
    checkPrivateDomain(input.privateServiceDomainEnabled, await tx.get('service', endpoint.serviceId));
    if (input.dryRun) throw new ApiError('DryRunOperation');
    const next: Endpoint = { ...endpoint };
    if (input.endpointName !== undefined) next.endpointName = input.endpointName;
    if (input.endpointDescription !== undefined) next.endpointDescription = input.endpointDescription;
    if (input.policyDocument !== undefined) next.policyDocument = input.policyDocument;
    if (input.resetPolicy) next.policyDocument = DEFAULT_ENDPOINT_POLICY;
    if (input.zoneAffinityEnabled !== undefined) next.zoneAffinityEnabled = input.zoneAffinityEnabled;
    if (input.privateServiceDomainEnabled !== undefined) next.privateServiceDomainEnabled = input.privateServiceDomainEnabled;
    tx.put('endpoint', endpoint.endpointId, next);
  });
}

/**
 * DeleteVpcEndpoint removes the endpoint's zones itself (documented choice: the
 * console and Terraform delete endpoints with zones in one step). Its names stop
 * resolving at once; the reconciler releases the addresses and drops it.
 */
export async function deleteEndpoint(plane: Plane, uid: string, regionId: string, endpointId: string, dryRun: boolean): Promise<void> {
  await plane.write(async (tx) => {
    const endpoint = await ownEndpointInTx(tx, uid, regionId, endpointId);
    requireActiveEndpoint(endpoint);
    requireSettledZones(endpoint);
    const connection = endpoint.connectionStatus;
    if (connection === 'Connecting' || connection === 'Disconnecting' || connection === 'Pending') throw new ApiError('EndpointOperationDenied');
    if (dryRun) throw new ApiError('DryRunOperation');
    const due = plane.dueAt();
    tx.put('endpoint', endpointId, {
      ...endpoint,
      endpointStatus: move('endpoint', endpoint.endpointStatus, 'Deleting', endpointId),
      connectionStatus: move('connection', endpoint.connectionStatus, 'Deleting', endpointId),
      connectionModifiedAt: plane.timestamp(),
      suspendedConnection: null,
      zones: endpoint.zones.map((z) => ({ ...z, zoneStatus: move('zone', z.zoneStatus, 'Deleting', `${endpointId}/${z.zoneId}`), transitionDueAt: due })),
      transitionDueAt: due,
    });
  });
}

// The endpoint guards moved to endpoint-guards.ts; security-groups.ts still takes them from here.
export { ownEndpoint } from './endpoint-guards.js';

/** Security-group changes need an Active endpoint whose connection is not changing. */
export function requireSettled(endpoint: Endpoint): void {
  requireActiveEndpoint(endpoint);
  requireSettledConnection(endpoint);
}

/** Re-reads the endpoint inside a transaction and checks it is settled (see requireSettled). */
export async function settledInTx(tx: Transaction, endpointId: string): Promise<Endpoint> {
  const endpoint = await tx.get('endpoint', endpointId);
  if (endpoint === undefined) throw new ApiError('EndpointNotFound');
  requireSettled(endpoint);
  return endpoint;
}
