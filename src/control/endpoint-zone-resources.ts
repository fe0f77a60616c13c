import { CloudError } from '../errors/catalogue.js';
import { TRANSITIONAL_ZONE } from '../model/transitions.js';
import type { Endpoint, EndpointService, EndpointZone, ServiceResourceType } from '../model/types.js';
import { isAutoAllocated } from './bindings.js';
import { requireUnlocked } from './endpoint-guards.js';
import type { Plane } from './plane.js';
import { requireServiceUnlocked } from './resource-allocation.js';
import { ownServiceInTx, pending, requireActiveService } from './services.js';

/**
 * UpdateVpcEndpointZoneConnectionResourceAttribute
 * (https://api.aliyun.com/api/Privatelink/2020-04-15/UpdateVpcEndpointZoneConnectionResourceAttribute),
 * the provider choosing which resource serves one endpoint zone:
 *  - a zone that is not connected (Wait or Disconnected) gets an allocation
 *    mode: Manual binds it to ResourceId when it connects, Auto lets zone
 *    allocation pick again;
 *  - a Connected zone migrates (ResourceReplaceMode) to ResourceId, which also
 *    becomes its manual resource. Its current resource must not be
 *    auto-allocated (OperationDenied.CurrentResourceAutoAllocated: the cloud
 *    has you stop auto-allocation first). Graceful shows the old resource as
 *    ReplacedResourceId until the reconciler finishes; Force replaces it at
 *    once. The zone keeps its ENI and address, so DNS does not change.
 * The service shows Pending while the change is applied, as the cloud documents.
 */
export interface ZoneResourceInput {
  uid: string;
  regionId: string;
  serviceId: string;
  endpointId: string;
  zoneId: string;
  allocateMode: string | undefined;
  replaceMode: string | undefined;
  resourceType: ServiceResourceType | undefined;
  resourceId: string | undefined;
}

const ALLOCATE_MODES = ['Auto', 'Manual'];
const REPLACE_MODES = ['Graceful', 'Force'];

/** Checks the parameters among themselves (before anything is read). */
export function checkZoneResourceParams(input: ZoneResourceInput): void {
  if (input.allocateMode === undefined && input.replaceMode === undefined)
    throw new CloudError('MissingParam', { param: 'ResourceAllocateMode' });
  if (input.allocateMode !== undefined && !ALLOCATE_MODES.includes(input.allocateMode))
    throw new CloudError('IllegalParam', { param: 'ResourceAllocateMode', reason: 'must be Auto or Manual' });
  if (input.replaceMode !== undefined && !REPLACE_MODES.includes(input.replaceMode))
    throw new CloudError('IllegalParam', { param: 'ResourceReplaceMode', reason: 'must be Graceful or Force' });
  if (input.allocateMode !== undefined && input.replaceMode !== undefined)
    throw new CloudError('IllegalParam', { param: 'ResourceReplaceMode', reason: 'cannot be combined with ResourceAllocateMode' });
  const named = input.allocateMode === 'Manual' || input.replaceMode !== undefined;
  if (named && input.resourceId === undefined) throw new CloudError('MissingParam', { param: 'ResourceId' });
  if (named && input.resourceType === undefined) throw new CloudError('MissingParam', { param: 'ResourceType' });
}

/** The resource named for the zone: of the service's type, the service's, in the zone. */
function namedResource(service: EndpointService, zone: EndpointZone, input: ZoneResourceInput): string {
  if (input.resourceType !== service.serviceResourceType) throw new CloudError('EndpointServiceResourceTypeNotSupport');
  const resource = service.resources.find((r) => r.resourceId === input.resourceId);
  if (resource === undefined) throw new CloudError('EndpointServiceResourceNotFound');
  if (resource.zoneId !== zone.zoneId) throw new CloudError('Mismatch.ZoneId', { detail: `${resource.resourceId} and ${zone.zoneId}` });
  return resource.resourceId;
}

function changedZone(plane: Plane, service: EndpointService, zone: EndpointZone, input: ZoneResourceInput): EndpointZone {
  const status = zone.zoneStatus;
  if (TRANSITIONAL_ZONE.has(status)) throw new CloudError('EndpointConnectionOperationDenied');
  if (input.allocateMode !== undefined) {
    // "Only while the endpoint connection is disconnected."
    if (status === 'Connected') throw new CloudError('ZoneOperationDenied');
    return { ...zone, manualResourceId: input.allocateMode === 'Manual' ? namedResource(service, zone, input) : null };
  }
  if (status !== 'Connected') throw new CloudError('ZoneOperationDenied');
  const target = namedResource(service, zone, input);
  const current = service.resources.find((r) => r.resourceId === zone.resourceId);
  if (current !== undefined && isAutoAllocated(current)) throw new CloudError('OperationDenied.CurrentResourceAutoAllocated');
  if (target === zone.resourceId) return { ...zone, manualResourceId: target };
  const graceful = input.replaceMode === 'Graceful';
  return {
    ...zone,
    resourceId: target,
    manualResourceId: target,
    replacedResourceId: graceful ? zone.resourceId : null,
    transitionDueAt: graceful ? plane.dueAt() : zone.transitionDueAt,
  };
}

export async function updateZoneResource(plane: Plane, input: ZoneResourceInput): Promise<void> {
  checkZoneResourceParams(input);
  await plane.write(async (tx) => {
    const service = await ownServiceInTx(tx, input.uid, input.regionId, input.serviceId);
    requireServiceUnlocked(service);
    const endpoint: Endpoint | undefined = await tx.get('endpoint', input.endpointId);
    if (endpoint === undefined) throw new CloudError('EndpointNotFound');
    if (endpoint.serviceId !== service.serviceId) throw new CloudError('EndpointConnectionNotFound');
    requireUnlocked(endpoint);
    const zone = endpoint.zones.find((z) => z.zoneId === input.zoneId);
    if (zone === undefined) throw new CloudError('EndpointZoneNotFound');
    const next = changedZone(plane, service, zone, input);
    requireActiveService(service);
    tx.put('endpoint', endpoint.endpointId, { ...endpoint, zones: endpoint.zones.map((z) => (z.zoneId === zone.zoneId ? next : z)) });
    tx.put('service', service.serviceId, pending(plane, service));
  });
}
