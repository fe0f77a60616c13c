import { liveVpcs, ownZone, recordsOfZone } from '../../../control/private-zones/zones.js';
import { canonicalZoneName } from '../../../model/record-values.js';
import type { PrivateZone, Vpc } from '../../../model/types.js';
import type { Plane } from '../../../control/plane.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { optionalIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, sortedBy } from '../paging.js';
import { keywordMatches, pvtzPage, pvtzPagingParams } from './paging.js';
import { ZoneIdParam } from './params.js';
import { renderZoneInfo, renderZoneItem, renderZoneTreeItem } from './render.js';
import { PVTZ_VERSION } from './version.js';

/** The zone's bound VPCs that still exist, as documents. */
function boundVpcs(plane: Plane, zone: PrivateZone): Vpc[] {
  return liveVpcs(plane, zone).map((v) => plane.replica.get('vpc', v.vpcId)!);
}

const byZoneCreation = byCreation((z: PrivateZone) => z.zoneId);

export const zoneQueryActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeZones',
    kind: 'read',
    errorCodes: [],
    params: {
      ...pvtzPagingParams,
      Keyword: { type: 'string', maxLength: 255 },
      SearchMode: { type: 'string', enum: ['LIKE', 'EXACT'] },
      QueryVpcId: { type: 'string', maxLength: 64 },
      QueryRegionId: { type: 'string', maxLength: 64 },
      ZoneType: { type: 'string', enum: ['AUTH_ZONE', 'CLOUD_PRODUCT_ZONE'] },
      // Cloud product types; the reference: ignored when listing authoritative zones.
      ZoneTag: { type: 'list', maxItems: 9999, item: { type: 'string', maxLength: 64 } },
      ResourceGroupId: optionalIdParam('rg'),
      ResourceTag: {
        type: 'objects',
        maxItems: 21,
        fields: { Key: { type: 'string', maxLength: 128 }, Value: { type: 'string', maxLength: 128 } },
      },
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      // Every zone of an account is an AUTH_ZONE (cloud-product zones are the cloud's own), and
      // zones carry no resource tags (pvtz TagResources is not served): a tag filter matches none.
      const zones =
        p.ZoneType === 'CLOUD_PRODUCT_ZONE' || p.ResourceTag.length > 0
          ? []
          : plane.replica
              .ownedBy('privateZone', ctx.caller.account.uid)
              .filter(
                (zone) =>
                  keywordMatches(zone.zoneName, p.Keyword, p.SearchMode ?? 'LIKE') &&
                  (p.ResourceGroupId === undefined || zone.resourceGroupId === p.ResourceGroupId) &&
                  (p.QueryVpcId === undefined || boundVpcs(plane, zone).some((vpc) => vpc.vpcId === p.QueryVpcId)) &&
                  (p.QueryRegionId === undefined || boundVpcs(plane, zone).some((vpc) => vpc.regionId === p.QueryRegionId)),
              );
      const page = pvtzPage(sortedBy(zones, byZoneCreation), p.PageNumber, p.PageSize);
      return { ...page.wire, Zones: { Zone: page.items.map((zone) => renderZoneItem(zone, recordsOfZone(plane, zone).length)) } };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeZoneInfo',
    kind: 'read',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists'],
    params: { ZoneId: ZoneIdParam },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const zone = ownZone(plane, ctx.caller.account.uid, p.ZoneId);
      return renderZoneInfo(zone, recordsOfZone(plane, zone).length, boundVpcs(plane, zone));
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeZoneVpcTree',
    kind: 'read',
    errorCodes: [],
    params: {},
    async handle(ctx) {
      const plane = ctx.deps.plane;
      const zones = sortedBy(plane.replica.ownedBy('privateZone', ctx.caller.account.uid), byZoneCreation);
      return {
        Zones: { Zone: zones.map((zone) => renderZoneTreeItem(zone, recordsOfZone(plane, zone).length, boundVpcs(plane, zone))) },
      };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'CheckZoneName',
    kind: 'read',
    errorCodes: [],
    // Optional in the metadata, "must be passed" in its description: a check of nothing is refused.
    params: { ZoneName: { type: 'string', required: true, maxLength: 1024 } },
    async handle(_ctx, p) {
      // Exactly AddZone's rule: names may repeat, so the name alone decides.
      return { Check: canonicalZoneName(p.ZoneName).ok, Success: true };
    },
  }),
];
