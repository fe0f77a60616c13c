import type { RegionConfig } from '../../../config/config.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { PRIVATELINK_VERSION } from './version.js';

/**
 * DescribeRegions / DescribeZones (Privatelink 2020-04-15) from the served
 * regions (`--region`). Unlike the rest of PrivateLink these two wrap their
 * lists: `Regions: {Region: [...]}`, `Zones: {Zone: [...]}` (https://api.aliyun.com/product/Privatelink).
 */

/** Every served region offers every resource type. */
const RESOURCE_TYPES = ['slb', 'alb', 'nlb', 'gwlb'] as const;
const ResourceTypeParam = { type: 'string', enum: ['slb', 'alb', 'nlb', 'gwlb', 'ALL'] } as const;

/** LocalName as the cloud's console shows it, for the regions plinkd knows by name; others echo their id. */
const REGION_NAMES: Readonly<Record<string, { local: string; area: string }>> = {
  'cn-hangzhou': { local: '华东1（杭州）', area: '华东 1' },
  'cn-shanghai': { local: '华东2（上海）', area: '华东 2' },
  'cn-qingdao': { local: '华北1（青岛）', area: '华北 1' },
  'cn-beijing': { local: '华北2（北京）', area: '华北 2' },
  'cn-zhangjiakou': { local: '华北3（张家口）', area: '华北 3' },
  'cn-huhehaote': { local: '华北5（呼和浩特）', area: '华北 5' },
  'cn-shenzhen': { local: '华南1（深圳）', area: '华南 1' },
  'cn-hongkong': { local: '中国香港', area: '香港' },
  'ap-southeast-1': { local: '新加坡', area: '新加坡' },
};

export function regionLocalName(regionId: string): string {
  return REGION_NAMES[regionId]?.local ?? regionId;
}

/** `cn-hangzhou-h` → "华东 1 可用区 H"; zones of unnamed regions echo their id. */
export function zoneLocalName(region: RegionConfig, zoneId: string): string {
  const area = REGION_NAMES[region.regionId]?.area;
  const suffix = zoneId.startsWith(`${region.regionId}-`) ? zoneId.slice(region.regionId.length + 1) : '';
  return area === undefined || suffix === '' ? zoneId : `${area} 可用区 ${suffix.toUpperCase()}`;
}

export const regionActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DescribeRegions',
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
      return { Zones: { Zone: region.zoneIds.map((zoneId) => ({ ZoneId: zoneId, LocalName: zoneLocalName(region, zoneId) })) } };
    },
  }),
];
