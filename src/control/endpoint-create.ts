import { CloudError } from '../errors/catalogue.js';
import { newId } from '../model/ids.js';
import { endpointDomainOf } from '../model/names.js';
import type { AddressIpVersion, Endpoint, EndpointService, EndpointType, EndpointZone, Tag } from '../model/types.js';
import { requirePrivateLinkOpen } from './activation.js';
import { DEFAULT_ENDPOINT_POLICY } from '../policy/default-endpoint-policy.js';
import {
  checkPrivateDomain,
  checkServiceOpen,
  checkTypePairing,
  endpointIpVersion,
  findService,
  type AddressChoice,
  type ServiceChoice,
} from './endpoint-checks.js';
import { createOnce } from './idempotency.js';
import type { Plane } from './plane.js';
import { requireGoodStanding } from './services.js';
import { combine } from './suspension.js';
import { allocateZone, checkZone, precheckAddresses, zoneQuota, type ZoneRequest } from './endpoint-zones.js';

export interface CreateEndpointInput extends ServiceChoice, AddressChoice {
  vpcId: string;
  securityGroupIds: string[];
  zones: ZoneRequest[];
  endpointName: string | undefined;
  endpointDescription: string | undefined;
  endpointType: EndpointType;
  zoneAffinityEnabled: boolean;
  privateServiceDomainEnabled: boolean;
  policyDocument: string | undefined;
  resourceGroupId: string | undefined;
  tags: Tag[];
}

interface PreparedEndpoint {
  serviceId: string;
  addressIpVersion: AddressIpVersion;
}

/**
 * CreateVpcEndpoint: validates against the replica (addresses included, so a
 * DryRun says whether they are free), then re-checks the service and allocates
 * the ENI addresses in one transaction. The endpoint starts Creating /
 * Disconnected; the reconciler activates it and, with auto-accept, connects it.
 * Idempotent by ClientToken (control/idempotency.ts).
 */
export async function createEndpoint(plane: Plane, input: CreateEndpointInput): Promise<Endpoint> {
  return createOnce(plane, {
    kind: 'endpoint',
    idOf: (endpoint) => endpoint.endpointId,
    validate: () => validateEndpoint(plane, input),
    create: async (tx, prepared) => {
      const service = await tx.get('service', prepared.serviceId);
      checkServiceOpen(service, input.uid);
      const account = await tx.get('account', input.uid);
      requirePrivateLinkOpen(account);
      if (account?.businessStatus === 'FinancialLocked') throw new CloudError('InvalidAccountStatus.NotEnoughBalance');
      const endpointId = newId('ep');
      const zones: EndpointZone[] = [];
      const identity = { endpointId, serviceId: service.serviceId, addressIpVersion: prepared.addressIpVersion };
      for (const zone of input.zones) zones.push(await allocateZone(plane, tx, identity, zone));
      const endpoint = newEndpoint(plane, input, service, endpointId, zones, prepared.addressIpVersion);
      endpoint.endpointBusinessStatus = combine('Normal', account?.businessStatus);
      tx.put('endpoint', endpointId, endpoint);
      return endpoint;
    },
  });
}

function validateEndpoint(plane: Plane, input: CreateEndpointInput): PreparedEndpoint {
  requirePrivateLinkOpen(plane.replica.get('account', input.uid));
  requireGoodStanding(plane, input.uid);
  const vpc = plane.replica.get('vpc', input.vpcId);
  if (vpc === undefined || vpc.uid !== input.uid || vpc.regionId !== input.regionId) throw new CloudError('VpcNotFound');
  const service = findService(plane, input);
  checkServiceOpen(service, input.uid);
  checkTypePairing(input.endpointType, service);
  checkPrivateDomain(input.privateServiceDomainEnabled, service);
  if (input.securityGroupIds.length === 0) throw new CloudError('EndpointMustContainSecurityGroup');
  const quota = zoneQuota(input.endpointType);
  if (input.endpointType === 'GatewayLoadBalancer' && input.zones.length === 0)
    throw new CloudError('MissingParam', { param: 'Zone.1.ZoneId' });
  if (input.zones.length > quota) throw new CloudError('QuotaExceeded.epZonePerEndpoint', { detail: `${input.zones.length}/${quota}` });
  const addressIpVersion = endpointIpVersion(plane, input, service);
  const seen = new Set<string>();
  for (const zone of input.zones) {
    if (seen.has(zone.zoneId)) throw new CloudError('EndpointZoneDuplicated');
    seen.add(zone.zoneId);
    checkZone(plane.replica.get('vSwitch', zone.vSwitchId), input.uid, input.vpcId, service, zone, addressIpVersion);
  }
  precheckAddresses(plane, input.zones, addressIpVersion);
  return { serviceId: service.serviceId, addressIpVersion };
}

function newEndpoint(
  plane: Plane,
  input: CreateEndpointInput,
  service: EndpointService,
  endpointId: string,
  zones: EndpointZone[],
  addressIpVersion: AddressIpVersion,
): Endpoint {
  const now = plane.timestamp();
  return {
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
    payer: service.payer,
    securityGroupIds: [...new Set(input.securityGroupIds)],
    zones,
    endpointDomain: endpointDomainOf(endpointId, service.serviceId, input.regionId, plane.settings.domainSuffix),
    addressIpVersion,
    policyDocument: input.policyDocument ?? DEFAULT_ENDPOINT_POLICY,
    privateServiceDomainEnabled: input.privateServiceDomainEnabled,
    tags: input.tags,
    endpointStatus: 'Creating',
    connectionStatus: 'Disconnected',
    endpointBusinessStatus: 'Normal',
    ownBusinessStatus: 'Normal',
    suspendedConnection: null,
    bandwidth: service.connectBandwidth,
    // CLB connections are bandwidth-limited; the others scale (EnableVpcEndpointConnection TrafficControlMode).
    trafficControlMode: service.serviceResourceType === 'slb' ? 'BandwidthLimit' : 'Scalability',
    zoneAffinityEnabled: input.zoneAffinityEnabled,
    resourceGroupId: input.resourceGroupId ?? '',
    connectionModifiedAt: now,
    transitionDueAt: plane.dueAt(),
    createdAt: now,
  };
}
