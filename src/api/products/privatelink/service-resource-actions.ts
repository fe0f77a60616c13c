import { boundCounts } from '../../../control/bindings.js';
import { setAutoAllocation } from '../../../control/resource-allocation.js';
import { attachResource, detachResource } from '../../../control/service-resources.js';
import { ownService } from '../../../control/services.js';
import type { Endpoint } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ParamsOf } from '../../rpc/params.js';
import { ClientTokenParam, DryRunParam, NextTokenParam, RegionIdParam, ZoneIdParam, idParam, maxResultsParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { paginate } from '../paging.js';
import { ResourceIdParam, ResourceTypeParam } from './params.js';
import { renderResource } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';
import { SERVICE_CHANGE_CODES } from './codes.js';

const ResourceParams = {
  RegionId: RegionIdParam,
  ServiceId: idParam('epsrv'),
  ResourceId: { ...ResourceIdParam, required: true },
  ResourceType: ResourceTypeParam,
  ZoneId: ZoneIdParam,
  ClientToken: ClientTokenParam,
  DryRun: DryRunParam,
} as const;

/** What Attach… and Detach… ask of the control plane: the same fields. */
function resourceChange(uid: string, p: ParamsOf<typeof ResourceParams>): Parameters<typeof attachResource>[1] {
  return {
    uid,
    regionId: p.RegionId,
    serviceId: p.ServiceId,
    resourceId: p.ResourceId,
    resourceType: p.ResourceType,
    zoneId: p.ZoneId,
  };
}

/** The load balancers behind a service, one zone each (docs/control-plane.md). */
export const serviceResourceActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'AttachResourceToVpcEndpointService',
    kind: 'change',
    errorCodes: [
      ...SERVICE_CHANGE_CODES,
      'EndpointServiceNotSupportedZone',
      'EndpointServiceResourceTypeNotEqual',
      'EndpointServiceResourceExist',
      'QuotaMisMatched',
      'DryRunOperation',
    ],
    params: ResourceParams,
    async handle(ctx, p) {
      await attachResource(ctx.deps.plane, resourceChange(ctx.caller.account.uid, p));
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DetachResourceFromVpcEndpointService',
    kind: 'change',
    errorCodes: [...SERVICE_CHANGE_CODES, 'EndpointServiceResourceNotFound', 'EndpointServiceConnectionDependence', 'DryRunOperation'],
    params: ResourceParams,
    async handle(ctx, p) {
      await detachResource(ctx.deps.plane, resourceChange(ctx.caller.account.uid, p));
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'UpdateVpcEndpointServiceResourceAttribute',
    kind: 'change',
    errorCodes: [
      'EndpointServiceNotFound',
      'EndpointServiceLocked',
      'EndpointServiceOperationDenied',
      'EndpointServiceResourceNotFound',
      'ResourceAutoAllocateViolation',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      ServiceId: idParam('epsrv'),
      ResourceId: { ...ResourceIdParam, required: true },
      ZoneId: ZoneIdParam,
      AutoAllocatedEnabled: { type: 'boolean', required: true },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const uid = ctx.caller.account.uid;
      await setAutoAllocation(ctx.deps.plane, {
        uid,
        regionId: p.RegionId,
        serviceId: p.ServiceId,
        resourceId: p.ResourceId,
        zoneId: p.ZoneId,
        autoAllocatedEnabled: p.AutoAllocatedEnabled,
      });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointServiceResources',
    kind: 'read',
    errorCodes: ['EndpointServiceNotFound'],
    params: {
      RegionId: RegionIdParam,
      ServiceId: idParam('epsrv'),
      ZoneId: ZoneIdParam,
      MaxResults: maxResultsParam(50),
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const service = ownService(plane, ctx.caller.account.uid, p.RegionId, p.ServiceId);
      const endpoints = plane.replica
        .endpointIdsOfService(service.serviceId)
        .map((id) => plane.replica.get('endpoint', id))
        .filter((e): e is Endpoint => e !== undefined);
      const counts = boundCounts(endpoints);
      // Zones a Graceful migration is moving off a resource (RelatedDeprecatedEndpointCount).
      const leaving = new Map<string, number>();
      for (const zone of endpoints.flatMap((e) => e.zones))
        if ((zone.replacedResourceId ?? null) !== null)
          leaving.set(zone.replacedResourceId!, (leaving.get(zone.replacedResourceId!) ?? 0) + 1);
      const keyOf = (r: { zoneId: string; resourceId: string }): string => `${r.zoneId}|${r.resourceId}`;
      const resources = service.resources
        .filter((r) => p.ZoneId === undefined || r.zoneId === p.ZoneId)
        .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(resources, keyOf, maxResults, p.NextToken);
      // No TotalCount in this response, as in the cloud.
      return {
        Resources: page.items.map((r) => renderResource(r, service, counts.get(r.resourceId) ?? 0, leaving.get(r.resourceId) ?? 0)),
        NextToken: page.nextToken,
        MaxResults: maxResults,
      };
    },
  }),
];
