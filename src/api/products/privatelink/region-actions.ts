import type { ServedRegion } from '../../../model/regions.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { regionArea, regionLocalName } from '../region-names.js';
import { PRIVATELINK_VERSION } from './version.js';

/**
 * DescribeRegions / DescribeZones (Privatelink 2020-04-15) from the served
 * regions (`--region`). Unlike the rest of PrivateLink these two wrap their
 * lists: `Regions: {Region: [...]}`, `Zones: {Zone: [...]}` (https://api.aliyun.com/product/Privatelink).
 */

/** Every served region offers every resource type. */
const RESOURCE_TYPES = ['slb', 'alb', 'nlb', 'gwlb'] as const;
const ResourceTypeParam = { type: 'string', enum: ['slb', 'alb', 'nlb', 'gwlb', 'ALL'] } as const;

/** `cn-hangzhou-h` → "华东 1 可用区 H"; zones of unnamed regions echo their id. */
export function zoneLocalName(region: ServedRegion, zoneId: string): string {
  const area = regionArea(region.regionId);
  const suffix = zoneId.startsWith(`${region.regionId}-`) ? zoneId.slice(region.regionId.length + 1) : '';
  return area === undefined || suffix === '' ? zoneId : `${area} 可用区 ${suffix.toUpperCase()}`;
}

export const regionActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DescribeRegions',
    kind: 'read',
    errorCodes: [],
    params: { RegionId: { type: 'string', maxLength: 64 }, ServiceResourceType: ResourceTypeParam },
    async handle(ctx) {
      return {
        Regions: {
          Region: ctx.deps.plane.settings.regions.map((region) => ({
            RegionId: region.regionId,
            LocalName: regionLocalName(region.regionId),
            RegionEndpoint: `privatelink.${region.regionId}.aliyuncs.com`,
            ServiceResourceTypes: { ServiceResourceType: [...RESOURCE_TYPES] },
          })),
        },
      };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DescribeZones',
    kind: 'read',
    errorCodes: [],
    params: {
      RegionId: { type: 'string', required: true, maxLength: 64 },
      ServiceResourceType: ResourceTypeParam,
      CrossRegion: { type: 'boolean' },
      CrossRegionSide: { type: 'string', enum: ['Endpoint', 'EndpointService'] },
    },
    async handle(ctx, p) {
      // The dispatcher has checked RegionId against the served regions.
      const region = ctx.deps.plane.region(p.RegionId)!;
      // CrossRegion=true asks for the zones that take cross-region connections: plinkd has none
      // (README "Documented choices"), on either side (CrossRegionSide).
      const zoneIds = p.CrossRegion === true ? [] : region.zoneIds;
      return { Zones: { Zone: zoneIds.map((zoneId) => ({ ZoneId: zoneId, LocalName: zoneLocalName(region, zoneId) })) } };
    },
  }),
];
