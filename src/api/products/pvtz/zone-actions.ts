import { setProxyPattern, updateZoneRemark } from '../../../control/private-zones/zone-settings.js';
import { addPrivateZone, bindZoneVpcs, deletePrivateZone } from '../../../control/private-zones/zones.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, optionalIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { ProxyPatternParam, RemarkParam, ZoneIdParam } from './params.js';
import { PVTZ_VERSION } from './version.js';

/**
 * What AddZone cannot honour is refused, not stored unserved: tenants make authoritative
 * zones (CLOUD_PRODUCT_ZONE and its ZoneTag are the cloud's own product zones), and plinkd
 * has one authoritative group (FAST_ZONE is another cluster in the cloud).
 */
function refuseUnmodelledZoneKinds(p: { ZoneType: string | undefined; ZoneTag: string | undefined; DnsGroup: string | undefined }): void {
  const refuse = (what: string): never => {
    throw new CloudError('InvalidParameter', { detail: `The specified value parameter is not valid: ${what} is not supported.` });
  };
  if (p.ZoneType === 'CLOUD_PRODUCT_ZONE') refuse('ZoneType CLOUD_PRODUCT_ZONE');
  if (p.ZoneTag !== undefined) refuse('ZoneTag (cloud product zones)');
  if (p.DnsGroup === 'FAST_ZONE') refuse('DnsGroup FAST_ZONE');
}

export const zoneActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'AddZone',
    kind: 'create',
    errorCodes: ['InvalidParameter', 'Zone.Invalid.Name', 'IdempotentParameterMismatch'],
    params: {
      ZoneName: { type: 'string', required: true },
      ProxyPattern: ProxyPatternParam,
      ResourceGroupId: optionalIdParam('rg'),
      ZoneType: { type: 'string', enum: ['AUTH_ZONE', 'CLOUD_PRODUCT_ZONE'] },
      ZoneTag: { type: 'string', maxLength: 64 },
      DnsGroup: { type: 'string', enum: ['NORMAL_ZONE', 'FAST_ZONE'] },
      ClientToken: ClientTokenParam,
    },
    async handle(ctx, p) {
      refuseUnmodelledZoneKinds(p);
      const uid = ctx.caller.account.uid;
      const zone = await addPrivateZone(ctx.deps.plane, {
        uid,
        zoneName: p.ZoneName,
        proxyPattern: p.ProxyPattern ?? 'ZONE',
        resourceGroupId: p.ResourceGroupId,
      });
      return { ZoneId: zone.zoneId, ZoneName: zone.zoneName, Success: true };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DeleteZone',
    kind: 'change',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists', 'Zone.VpcExists'],
    params: { ZoneId: ZoneIdParam, ClientToken: ClientTokenParam },
    replayAnswer: (p) => ({ ZoneId: p.ZoneId }),
    async handle(ctx, p) {
      await deletePrivateZone(ctx.deps.plane, ctx.caller.account.uid, p.ZoneId);
      return { ZoneId: p.ZoneId };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'BindZoneVpc',
    kind: 'change',
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
  defineAction({
    version: PVTZ_VERSION,
    name: 'UpdateZoneRemark',
    kind: 'change',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists', 'Zone.Remark'],
    params: { ZoneId: ZoneIdParam, Remark: RemarkParam, ClientToken: ClientTokenParam },
    replayAnswer: (p) => ({ ZoneId: p.ZoneId }),
    async handle(ctx, p) {
      await updateZoneRemark(ctx.deps.plane, ctx.caller.account.uid, p.ZoneId, p.Remark);
      return { ZoneId: p.ZoneId };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'SetProxyPattern',
    kind: 'change',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists', 'InvalidParameter'],
    params: { ZoneId: ZoneIdParam, ProxyPattern: { ...ProxyPatternParam, required: true }, ClientToken: ClientTokenParam },
    replayAnswer: (p) => ({ ZoneId: p.ZoneId }),
    async handle(ctx, p) {
      await setProxyPattern(ctx.deps.plane, ctx.caller.account.uid, p.ZoneId, p.ProxyPattern);
      return { ZoneId: p.ZoneId };
    },
  }),
];
