import { isAuthorized } from '../../../control/services.js';
import type { EndpointService } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { NextTokenParam, RegionIdParam, maxResultsParam, optionalIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, paginate } from '../paging.js';
import { ResourceGroupIdParam, TagFilterParam, matchesTags } from './params.js';
import { renderServiceForEndUser, serviceType } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';

/** The services a consumer may connect to (docs/control-plane.md whitelist): whitelisted ones and its own. */
export const endUserActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointServicesByEndUser',
    kind: 'read',
    errorCodes: [],
    params: {
      RegionId: RegionIdParam,
      ServiceId: optionalIdParam('epsrv'),
      ServiceName: { type: 'string', maxLength: 200 },
      ServiceType: { type: 'string', enum: ['Interface', 'GatewayLoadBalancer'] },
      ServiceRegionId: { type: 'string', maxLength: 64 },
      ResourceGroupId: ResourceGroupIdParam,
      Tag: TagFilterParam,
      MaxResults: maxResultsParam(1000),
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      const uid = ctx.caller.account.uid;
      const key = byCreation((s: EndpointService) => s.serviceId);
      const services = [...ctx.deps.plane.replica.values('service')]
        .filter(
          (s) =>
            s.regionId === p.RegionId &&
            s.serviceStatus !== 'Deleting' &&
            // Whitelisted services, and the caller's own (docs/control-plane.md: the owner is on the whitelist).
            isAuthorized(s, uid) &&
            (p.ServiceId === undefined || s.serviceId === p.ServiceId) &&
            (p.ServiceName === undefined || s.serviceName === p.ServiceName) &&
            (p.ServiceType === undefined || serviceType(s) === p.ServiceType) &&
            (p.ServiceRegionId === undefined || s.regionId === p.ServiceRegionId) &&
            (p.ResourceGroupId === undefined || s.resourceGroupId === p.ResourceGroupId) &&
            matchesTags(s.tags, p.Tag),
        )
        .sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(services, key, maxResults, p.NextToken);
      return {
        Services: page.items.map(renderServiceForEndUser),
        NextToken: page.nextToken,
        MaxResults: maxResults,
        TotalCount: String(page.totalCount),
      };
    },
  }),
];
