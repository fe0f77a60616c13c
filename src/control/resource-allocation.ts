import { CloudError } from '../errors/catalogue.js';
import type { EndpointService } from '../model/types.js';
import { isAutoAllocated } from './bindings.js';
import type { Plane } from './plane.js';
import { ownServiceInTx, requireActiveService } from './services.js';

/**
 * UpdateVpcEndpointServiceResourceAttribute
 * (https://api.aliyun.com/api/Privatelink/2020-04-15/UpdateVpcEndpointServiceResourceAttribute):
 * whether zone allocation may pick a resource. Zones already bound to it stay
 * (the cloud's way to drain a resource: stop auto-allocation, then migrate
 * zones by hand with UpdateVpcEndpointZoneConnectionResourceAttribute). Every
 * zone that has resources keeps at least one auto-allocated
 * (ResourceAutoAllocateViolation). Applies at once.
 */
export interface AutoAllocationInput {
  uid: string;
  regionId: string;
  serviceId: string;
  resourceId: string;
  zoneId: string | undefined;
  autoAllocatedEnabled: boolean;
}

/** A financially locked service changes nothing (EndpointServiceLocked, as these actions name it). */
export function requireServiceUnlocked(service: EndpointService): void {
  if (service.serviceBusinessStatus === 'FinancialLocked') throw new CloudError('EndpointServiceLocked');
}

function allocationChange(service: EndpointService, input: AutoAllocationInput): EndpointService {
  requireServiceUnlocked(service);
  requireActiveService(service);
  const resource = service.resources.find((r) => r.resourceId === input.resourceId);
  if (resource === undefined || (input.zoneId !== undefined && resource.zoneId !== input.zoneId))
    throw new CloudError('EndpointServiceResourceNotFound');
  const resources = service.resources.map((r) =>
    r.resourceId === resource.resourceId ? { ...r, autoAllocatedEnabled: input.autoAllocatedEnabled } : r,
  );
  if (!resources.some((r) => r.zoneId === resource.zoneId && isAutoAllocated(r))) throw new CloudError('ResourceAutoAllocateViolation');
  return { ...service, resources };
}

export async function setAutoAllocation(plane: Plane, input: AutoAllocationInput): Promise<void> {
  await plane.write(async (tx) => {
    const next = allocationChange(await ownServiceInTx(tx, input.uid, input.regionId, input.serviceId), input);
    tx.put('service', next.serviceId, next);
  });
}
