import { ApiError } from '../api/rpc/errors.js';
import { newId } from '../model/ids.js';
import { serviceDomainOf, serviceNameOf } from '../model/names.js';
import type { AddressIpVersion, EndpointService, ServiceResource, ServiceResourceType } from '../model/types.js';
import type { Plane } from './plane.js';

export interface CreateServiceInput {
  uid: string;
  operator: boolean;
  regionId: string;
  serviceResourceType: ServiceResourceType | undefined;
  resources: Array<{ resourceId: string; resourceType: ServiceResourceType; zoneId: string }>;
  autoAcceptEnabled: boolean;
  zoneAffinityEnabled: boolean;
  serviceDescription: string | undefined;
  addressIpVersion: AddressIpVersion;
  payer: 'Endpoint' | 'EndpointService';
  dryRun: boolean;
}

/** CreateVpcEndpointService: returns at once with ServiceStatus Creating; the reconciler makes it Active. */
export async function createService(plane: Plane, input: CreateServiceInput): Promise<EndpointService> {
  const region = plane.region(input.regionId)!;
  const resourceType = input.serviceResourceType ?? input.resources[0]?.resourceType ?? 'slb';
  const resources: ServiceResource[] = [];
  for (const [index, resource] of input.resources.entries()) {
    if (resource.resourceType !== resourceType) {
      throw new ApiError('IllegalParamFormat', { param: `Resource.${index + 1}.ResourceType`, reason: `must match ServiceResourceType ${resourceType}` });
    }
    if (!region.zoneIds.includes(resource.zoneId)) throw new ApiError('EndpointServiceNotSupportedZone');
    if (resources.some((r) => r.resourceId === resource.resourceId)) {
      throw new ApiError('IllegalParamFormat', { param: `Resource.${index + 1}.ResourceId`, reason: 'is listed twice' });
    }
    resources.push({ ...resource, regionId: input.regionId });
  }
  // DualStack services need load balancers with IPv6 frontends: NLB and GWLB only.
  if (input.addressIpVersion === 'DualStack' && resourceType !== 'nlb' && resourceType !== 'gwlb') {
    throw new ApiError('IllegalParamFormat', { param: 'AddressIpVersion', reason: 'DualStack needs ServiceResourceType nlb or gwlb' });
  }
  if (input.dryRun) throw new ApiError('DryRunOperation');
  const serviceId = newId('epsrv');
  const account = plane.replica.get('account', input.uid);
  const service: EndpointService = {
    serviceId,
    uid: input.uid,
    regionId: input.regionId,
    serviceName: serviceNameOf(input.regionId, serviceId),
    serviceDomain: serviceDomainOf(serviceId, input.regionId, plane.settings.domainSuffix),
    serviceDescription: input.serviceDescription ?? '',
    serviceResourceType: resourceType,
    resources,
    autoAcceptEnabled: input.autoAcceptEnabled,
    zoneAffinityEnabled: input.zoneAffinityEnabled,
    addressIpVersion: input.addressIpVersion,
    // SPEC §2: the owner's account is on the whitelist from creation.
    users: [input.uid],
    privateServiceDomain: null,
    cloudProvided: input.operator,
    payer: input.payer,
    tags: [],
    serviceStatus: 'Creating',
    serviceBusinessStatus: account?.businessStatus ?? 'Normal',
    transitionDueAt: plane.dueAt(),
    createdAt: plane.timestamp(),
  };
  await plane.write(async (tx) => tx.put('service', serviceId, service));
  return service;
}

/** The caller's own service (provider view), or EndpointServiceNotFound. */
export function ownService(plane: Plane, uid: string, regionId: string, serviceId: string): EndpointService {
  const service = plane.replica.get('service', serviceId);
  if (service === undefined || service.uid !== uid || service.regionId !== regionId) throw new ApiError('EndpointServiceNotFound');
  return service;
}

/**
 * Whether `uid` may see and connect to the service: the whitelist holds account
 * uids and RAM ARNs `acs:ram:*:<uid>:*` / `acs:ram::<uid>:…` (SPEC §2).
 */
export function isWhitelisted(service: EndpointService, uid: string): boolean {
  return service.users.some((entry) => entry === uid || entry === '*' || arnAccount(entry) === uid || arnAccount(entry) === '*');
}

function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 5 && parts[0] === 'acs' && parts[1] === 'ram' ? parts[3] : undefined;
}

/** A mutating call on a service mid-transition is refused (SPEC §2). */
export function requireActiveService(service: EndpointService): void {
  if (service.serviceStatus !== 'Active') throw new ApiError('EndpointServiceOperationDenied');
}

/**
 * AddUserToVpcEndpointService: a 16-digit account uid or a RAM ARN
 * (`acs:ram:*:<uid>:*`) joins the whitelist; adding one already there is a no-op.
 */
export async function addServiceUser(plane: Plane, uid: string, regionId: string, serviceId: string, user: string, dryRun: boolean): Promise<void> {
  requireActiveService(ownService(plane, uid, regionId, serviceId));
  if (dryRun) throw new ApiError('DryRunOperation');
  await plane.write(async (tx) => {
    const current = await tx.get('service', serviceId);
    if (current === undefined) throw new ApiError('EndpointServiceNotFound');
    requireActiveService(current);
    if (!current.users.includes(user)) tx.put('service', serviceId, { ...current, users: [...current.users, user] });
  });
}
