import { ownEndpoint } from '../../../control/endpoint-guards.js';
import { addEndpointZone, removeEndpointZone } from '../../../control/endpoint-zones.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { CloudError } from '../../../errors/catalogue.js';
import { ClientTokenParam, DryRunParam, NextTokenParam, RegionIdParam, ZoneIdParam, idParam, maxResultsParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { paginate } from '../paging.js';
import { IpParam, Ipv6Param } from './params.js';
import { renderZone } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';
import { ENDPOINT_CHANGE_CODES, ZONE_PLACEMENT_CODES } from './codes.js';

/** An endpoint's zones: one ENI each, in a vSwitch of the endpoint's VPC (docs/control-plane.md). */
export const zoneActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'AddZoneToVpcEndpoint',
    kind: 'change',
    errorCodes: [
      ...ENDPOINT_CHANGE_CODES,
      'IllegalParam.ip',
      'EndpointLocked',
      'EndpointServiceDeleted',
      'EndpointZoneDuplicated',
      'QuotaMisMatched',
      ...ZONE_PLACEMENT_CODES,
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      EndpointId: idParam('ep'),
      ZoneId: { ...ZoneIdParam, required: true },
      VSwitchId: idParam('vsw'),
      // Lower case on the wire, as in the cloud. @alicloud/pop-core capitalizes the first
      // letter of top-level names (formatParams), so its users send `Ip`: accepted as well.
      ip: IpParam,
      Ip: IpParam,
      Ipv6Address: Ipv6Param,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      if (p.ip !== undefined && p.Ip !== undefined && p.ip !== p.Ip)
        throw new CloudError('IllegalParam', { param: 'ip', reason: 'differs from Ip' });
      await addEndpointZone(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        endpointId: p.EndpointId,
        zoneId: p.ZoneId,
        vSwitchId: p.VSwitchId,
        ip: p.ip ?? p.Ip,
        ipv6Address: p.Ipv6Address,
      });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'RemoveZoneFromVpcEndpoint',
    kind: 'change',
    errorCodes: [...ENDPOINT_CHANGE_CODES, 'EndpointZoneNotFound', 'EndpointLocked', 'DryRunOperation'],
    params: {
      RegionId: RegionIdParam,
      EndpointId: idParam('ep'),
      ZoneId: { ...ZoneIdParam, required: true },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      await removeEndpointZone(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId, p.ZoneId);
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointZones',
    kind: 'read',
    errorCodes: ['EndpointNotFound'],
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep'), MaxResults: maxResultsParam(1000), NextToken: NextTokenParam },
    async handle(ctx, p) {
      const endpoint = ownEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId);
      const zones = [...endpoint.zones].sort((a, b) => (a.zoneId < b.zoneId ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(zones, (z) => z.zoneId, maxResults, p.NextToken);
      return { Zones: page.items.map(renderZone), NextToken: page.nextToken, MaxResults: maxResults, TotalCount: page.totalCount };
    },
  }),
];
