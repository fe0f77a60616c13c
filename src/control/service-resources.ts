import { CloudError } from '../errors/catalogue.js';
import type { Endpoint, ServiceResourceType } from '../model/types.js';
import { boundCounts, pickResource, serviceSupportsZone } from './bindings.js';
import type { Plane } from './plane.js';
import { ownServiceInTx, pending, requireActiveService } from './services.js';

/** The cloud's quota of service resources per endpoint service. */
export const MAX_RESOURCES_PER_SERVICE = 20;

export interface ResourceInput {
  uid: string;
  regionId: string;
  serviceId: string;
  resourceId: string;
  resourceType: ServiceResourceType | undefined;
  zoneId: string | undefined;
}

/** AttachResourceToVpcEndpointService: the service shows Pending until the reconciler settles it. */
export async function attachResource(plane: Plane, input: ResourceInput): Promise<void> {
  const region = plane.region(input.regionId)!;
  if (input.resourceType === undefined) throw new CloudError('MissingParam', { param: 'ResourceType' });
  // plinkd models every resource in one zone, so ZoneId is needed for slb too (the cloud: alb/nlb/gwlb).
  if (input.zoneId === undefined) throw new CloudError('MissingParam', { param: 'ZoneId' });
  if (!region.zoneIds.includes(input.zoneId)) throw new CloudError('EndpointServiceNotSupportedZone');
  const zoneId = input.zoneId;
  const resourceType = input.resourceType;
  await plane.write(async (tx) => {
    const service = await ownServiceInTx(tx, input.uid, input.regionId, input.serviceId);
    requireActiveService(service);
    if (resourceType !== service.serviceResourceType) throw new CloudError('EndpointServiceResourceTypeNotEqual');
    if (service.resources.some((r) => r.resourceId === input.resourceId)) throw new CloudError('EndpointServiceResourceExist');
    if (service.resources.length >= MAX_RESOURCES_PER_SERVICE) throw new CloudError('QuotaMisMatched');
    const resources = [...service.resources, { resourceId: input.resourceId, resourceType, zoneId, regionId: input.regionId }];
    tx.put('service', service.serviceId, pending(plane, { ...service, resources }));
  });
}

/**
 * DetachResourceFromVpcEndpointService. Documented choice: endpoint zones bound
 * to the resource move to another resource of the same zone (the cloud
 * allocates service resources automatically); when it is the zone's last
 * resource and an endpoint zone there is connected or on its way, the detach
 * is refused with EndpointServiceConnectionDependence.
 */
export async function detachResource(plane: Plane, input: ResourceInput): Promise<void> {
  await plane.write(async (tx) => {
    const service = await ownServiceInTx(tx, input.uid, input.regionId, input.serviceId);
    requireActiveService(service);
    const resource = service.resources.find((r) => r.resourceId === input.resourceId);
    if (resource === undefined || (input.zoneId !== undefined && resource.zoneId !== input.zoneId))
      throw new CloudError('EndpointServiceResourceNotFound');
    // A ResourceType other than the resource's names no resource of the service (DetachResourceFromVpcEndpointService's codes).
    if (input.resourceType !== undefined && input.resourceType !== resource.resourceType)
      throw new CloudError('EndpointServiceResourceNotFound');
    const remaining = { ...service, resources: service.resources.filter((r) => r.resourceId !== resource.resourceId) };
    const endpoints: Endpoint[] = [];
    for (const endpointId of plane.replica.endpointIdsOfService(service.serviceId)) {
      const endpoint = await tx.get('endpoint', endpointId);
      if (endpoint !== undefined) endpoints.push(endpoint);
    }
    const counts = boundCounts(endpoints);
    const rebound: Endpoint[] = [];
    for (const endpoint of endpoints) {
      let changed = false;
      const zones = endpoint.zones.map((original) => {
        if (original.zoneId !== resource.zoneId) return original;
        // A zone assigned to this resource by hand goes back to automatic allocation; a migration off it is over.
        const pinned = (original.manualResourceId ?? null) === resource.resourceId;
        const leaving = (original.replacedResourceId ?? null) === resource.resourceId;
        if (pinned || leaving) changed = true;
        const zone = {
          ...original,
          ...(pinned ? { manualResourceId: null } : {}),
          ...(leaving ? { replacedResourceId: null } : {}),
        };
        const live = zone.zoneStatus === 'Connected' || zone.zoneStatus === 'Connecting' || zone.zoneStatus === 'Disconnecting';
        // A live zone needs a resource of its zone to remain, bound to it or not.
        if (live && !serviceSupportsZone(remaining, zone.zoneId)) throw new CloudError('EndpointServiceConnectionDependence');
        if (zone.resourceId !== resource.resourceId) return zone;
        const replacement = pickResource(remaining, zone.zoneId, counts);
        if (replacement === null) {
          // Only resources bound by hand remain in the zone: none takes over automatically.
          if (live) throw new CloudError('EndpointServiceConnectionDependence');
          return zone;
        }
        counts.set(replacement, (counts.get(replacement) ?? 0) + 1);
        changed = true;
        return { ...zone, resourceId: replacement };
      });
      if (changed) rebound.push({ ...endpoint, zones });
    }
    tx.put('service', service.serviceId, pending(plane, remaining));
    for (const endpoint of rebound) tx.put('endpoint', endpoint.endpointId, endpoint);
  });
}
