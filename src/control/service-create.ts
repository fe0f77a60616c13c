import { CloudError } from '../errors/catalogue.js';
import { newId } from '../model/ids.js';
import { serviceDomainOf, serviceNameOf } from '../model/names.js';
import type { AddressIpVersion, EndpointService, ServiceResource, ServiceResourceType, Tag } from '../model/types.js';
import { requirePrivateLinkOpen } from './activation.js';
import { createOnce } from './idempotency.js';
import type { Plane } from './plane.js';
import { DEFAULT_CONNECT_BANDWIDTH, requireGoodStanding, supportsIpv6 } from './services.js';

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
  resourceGroupId: string | undefined;
  /** Custom name answered in VPCs whose endpoint enables it; cloud-provided services only. */
  privateServiceDomain: string | undefined;
  tags: Tag[];
}

interface PreparedService {
  resourceType: ServiceResourceType;
  resources: ServiceResource[];
  privateServiceDomain: string | null;
}

/**
 * CreateVpcEndpointService: returns at once with ServiceStatus Creating; the
 * reconciler makes it Active. Idempotent by ClientToken (control/idempotency.ts).
 */
export async function createService(plane: Plane, input: CreateServiceInput): Promise<EndpointService> {
  return createOnce(plane, {
    kind: 'service',
    idOf: (service) => service.serviceId,
    validate: () => validateService(plane, input),
    create: async (tx, prepared) => {
      // Re-checked in the transaction: a lock may have come through another API process.
      const account = await tx.get('account', input.uid);
      requirePrivateLinkOpen(account);
      if (account?.businessStatus === 'FinancialLocked') throw new CloudError('InvalidAccountStatus.NotEnoughBalance');
      const service = newService(plane, input, prepared);
      tx.put('service', service.serviceId, service);
      return service;
    },
  });
}

function validateService(plane: Plane, input: CreateServiceInput): PreparedService {
  requirePrivateLinkOpen(plane.replica.get('account', input.uid));
  requireGoodStanding(plane, input.uid);
  const region = plane.region(input.regionId)!;
  const resourceType = input.serviceResourceType ?? input.resources[0]?.resourceType ?? 'slb';
  const resources: ServiceResource[] = [];
  for (const resource of input.resources) {
    if (resource.resourceType !== resourceType)
      throw new CloudError('Mismatch.ResourceType', {
        detail: `${resource.resourceId} (${resource.resourceType}) and the service (${resourceType})`,
      });
    if (!region.zoneIds.includes(resource.zoneId)) throw new CloudError('EndpointServiceNotSupportedZone');
    if (resources.some((r) => r.resourceId === resource.resourceId)) throw new CloudError('EndpointServiceResourceExist');
    resources.push({ ...resource, regionId: input.regionId });
  }
  if (input.addressIpVersion === 'DualStack' && !supportsIpv6(resourceType)) throw new CloudError('EndpointServiceNotSupportIpv6');
  const privateServiceDomain = input.privateServiceDomain?.toLowerCase().replace(/\.$/, '') ?? null;
  if (privateServiceDomain !== null) checkPrivateServiceDomain(plane, input.operator, privateServiceDomain);
  return { resourceType, resources, privateServiceDomain };
}

/**
 * docs/api.md: only cloud-provided (operator-created) services carry a
 * PrivateServiceDomain, and two services cannot answer the same name.
 */
function checkPrivateServiceDomain(plane: Plane, operator: boolean, domain: string): void {
  if (!operator) throw new CloudError('OperationDenied.PrivateDomainNotSupport');
  for (const other of plane.replica.values('service')) {
    if (other.privateServiceDomain === domain) throw new CloudError('Conflict.ServiceName', { detail: domain });
  }
}

function newService(plane: Plane, input: CreateServiceInput, prepared: PreparedService): EndpointService {
  const serviceId = newId('epsrv');
  return {
    serviceId,
    uid: input.uid,
    regionId: input.regionId,
    serviceName: serviceNameOf(input.regionId, serviceId),
    serviceDomain: serviceDomainOf(serviceId, input.regionId, plane.settings.domainSuffix),
    serviceDescription: input.serviceDescription ?? '',
    serviceResourceType: prepared.resourceType,
    resources: prepared.resources,
    autoAcceptEnabled: input.autoAcceptEnabled,
    zoneAffinityEnabled: input.zoneAffinityEnabled,
    addressIpVersion: input.addressIpVersion,
    // docs/control-plane.md: the owner's account is on the whitelist from creation.
    users: [input.uid],
    privateServiceDomain: prepared.privateServiceDomain,
    cloudProvided: input.operator,
    payer: input.payer,
    tags: input.tags,
    serviceStatus: 'Creating',
    serviceBusinessStatus: 'Normal',
    ownBusinessStatus: 'Normal',
    connectBandwidth: DEFAULT_CONNECT_BANDWIDTH,
    resourceGroupId: input.resourceGroupId ?? '',
    transitionDueAt: plane.dueAt(),
    createdAt: plane.timestamp(),
  };
}
