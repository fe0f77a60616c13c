import { clientTokenScope } from '../../../control/idempotency.js';
import { addZone, bindZoneVpcs, deleteZone, liveVpcs, ownZone, recordsOfZone } from '../../../control/private-zones.js';
import type { PrivateZone, Vpc } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { CloudError } from '../../../errors/catalogue.js';
import { ClientTokenParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, sortedBy } from '../paging.js';
import { keywordMatches, pvtzPage, pvtzPagingParams } from './paging.js';
import { renderZoneInfo, renderZoneItem } from './render.js';
import { PVTZ_VERSION } from './version.js';

/** Any ZoneId string; its format is judged by ownZone (Zone.Invalid.Id), as the cloud does. */
const ZoneIdParam = { type: 'string', required: true, maxLength: 128 } as const;

export const zoneActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'AddZone',
    errorCodes: ['InvalidParameter', 'Zone.Invalid.Name', 'IdempotentParameterMismatch'],
    params: {
      ZoneName: { type: 'string', required: true },
      ProxyPattern: { type: 'string', enum: ['ZONE', 'RECORD'] },
      ResourceGroupId: { type: 'string', maxLength: 64 },
      ClientToken: ClientTokenParam,
    },
    async handle(ctx, p) {
      // RECORD means "recursively resolve the names the zone lacks": plinkd is not a recursive resolver.
      if (p.ProxyPattern === 'RECORD') {
        throw new CloudError('InvalidParameter', {
          detail: 'The specified value parameter is not valid: ProxyPattern RECORD is not supported; use ZONE.',
        });
      }
      const uid = ctx.caller.account.uid;
      const zone = await addZone(ctx.deps.plane, { uid, zoneName: p.ZoneName, token: clientTokenScope(uid, 'AddZone', p) });
      return { ZoneId: zone.zoneId, ZoneName: zone.zoneName, Success: true };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DeleteZone',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists', 'Zone.VpcExists'],
    params: { ZoneId: ZoneIdParam, ClientToken: ClientTokenParam },
    async handle(ctx, p) {
      await deleteZone(ctx.deps.plane, ctx.caller.account.uid, p.ZoneId);
      return { ZoneId: p.ZoneId };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeZones',
    errorCodes: [],
    params: {
      ...pvtzPagingParams,
      Keyword: { type: 'string', maxLength: 255 },
      SearchMode: { type: 'string', enum: ['LIKE', 'EXACT'] },
      QueryVpcId: { type: 'string', maxLength: 64 },
      QueryRegionId: { type: 'string', maxLength: 64 },
      ZoneType: { type: 'string', enum: ['AUTH_ZONE', 'CLOUD_PRODUCT_ZONE'] },
      ResourceGroupId: { type: 'string', maxLength: 64 },
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const boundTo = (zone: PrivateZone): Vpc[] => liveVpcs(plane, zone).map((v) => plane.replica.get('vpc', v.vpcId)!);
      // Every zone of an account is an AUTH_ZONE; cloud-product zones are the cloud's own.
      const zones =
        p.ZoneType === 'CLOUD_PRODUCT_ZONE'
          ? []
          : plane.replica
              .ownedBy('privateZone', ctx.caller.account.uid)
              .filter(
                (zone) =>
                  keywordMatches(zone.zoneName, p.Keyword, p.SearchMode ?? 'LIKE') &&
                  (p.QueryVpcId === undefined || boundTo(zone).some((vpc) => vpc.vpcId === p.QueryVpcId)) &&
                  (p.QueryRegionId === undefined || boundTo(zone).some((vpc) => vpc.regionId === p.QueryRegionId)),
              );
      const page = pvtzPage(
        sortedBy(
          zones,
          byCreation((z) => z.zoneId),
        ),
        p.PageNumber,
        p.PageSize,
      );
      return { ...page.wire, Zones: { Zone: page.items.map((zone) => renderZoneItem(zone, recordsOfZone(plane, zone).length)) } };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeZoneInfo',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists'],
    params: { ZoneId: ZoneIdParam },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const zone = ownZone(plane, ctx.caller.account.uid, p.ZoneId);
      const vpcs = liveVpcs(plane, zone).map((v) => plane.replica.get('vpc', v.vpcId)!);
      return renderZoneInfo(zone, recordsOfZone(plane, zone).length, vpcs);
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'BindZoneVpc',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists', 'ZoneVpc.NotExists.VpcId', 'ZoneVpc.Zone.Repeated'],
    params: {
      ZoneId: ZoneIdParam,
      Vpcs: {
        type: 'objects',
        maxItems: 150,
        fields: {
          VpcId: { type: 'string', required: true, maxLength: 64 },
          RegionId: { type: 'string', maxLength: 64 },
          VpcType: { type: 'string', enum: ['STANDARD', 'EDS'] },
        },
      },
      ClientToken: ClientTokenParam,
    },
    async handle(ctx, p) {
      // EDS (cloud desktop) networks are not modelled: only STANDARD VPCs exist here.
      if (p.Vpcs.some((v) => v.VpcType === 'EDS')) throw new CloudError('ZoneVpc.NotExists.VpcId');
      await bindZoneVpcs(
        ctx.deps.plane,
        ctx.caller.account.uid,
        p.ZoneId,
        p.Vpcs.map((v) => ({ vpcId: v.VpcId, regionId: v.RegionId })),
      );
      return {};
    },
  }),
];
