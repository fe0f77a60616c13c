import { clientTokenScope } from '../../../control/idempotency.js';
import { createVSwitch, deleteVSwitch } from '../../../control/vswitches.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DryRunParam, RegionIdParam, ZoneIdParam, idParam, optionalIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, numberedPage, pageNumberParams, sortedBy } from '../paging.js';
import { renderVSwitch } from './render.js';
import { VPC_VERSION } from './version.js';

export const vSwitchActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'CreateVSwitch',
    errorCodes: [
      'InvalidZoneId.NotFound',
      'InvalidVpcId.NotFound',
      'InvalidCidrBlock.Malformed',
      'InvalidParameter',
      'InvalidCidrBlock.Overlapped',
      'InvalidVSwitchName.Malformed',
      'InvalidVSwitchDiscription.Malformed',
      'OperationFailed.VpcIpv6Disabled',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      VpcId: idParam('vpc'),
      ZoneId: { ...ZoneIdParam, required: true },
      CidrBlock: { type: 'string', required: true, maxLength: 64 },
      Ipv6CidrBlock: { type: 'integer', min: 0, max: 255 },
      VSwitchName: { type: 'string' },
      Description: { type: 'string' },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const uid = ctx.caller.account.uid;
      const vSwitch = await createVSwitch(ctx.deps.plane, {
        uid,
        regionId: p.RegionId,
        vpcId: p.VpcId,
        zoneId: p.ZoneId,
        cidrBlock: p.CidrBlock,
        ipv6CidrBlock: p.Ipv6CidrBlock,
        vSwitchName: p.VSwitchName,
        description: p.Description,
        dryRun: p.DryRun === true,
        token: clientTokenScope(uid, 'CreateVSwitch', p),
      });
      return { VSwitchId: vSwitch.vSwitchId };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVSwitches',
    errorCodes: ['DryRunOperation'],
    params: {
      // "RegionId and/or VpcId: specify at least one" (https://api.aliyun.com/product/Vpc).
      RegionId: { type: 'string', maxLength: 64 },
      VpcId: optionalIdParam('vpc'),
      VSwitchId: { type: 'string', maxLength: 1024 },
      VSwitchName: { type: 'string', maxLength: 128 },
      ZoneId: ZoneIdParam,
      IsDefault: { type: 'boolean' },
      DryRun: DryRunParam,
      ...pageNumberParams,
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      if (p.RegionId === undefined && p.VpcId === undefined) throw new CloudError('MissingParam', { param: 'RegionId' });
      if (p.DryRun === true) throw new CloudError('DryRunOperation');
      const wanted = p.VSwitchId === undefined ? undefined : new Set(p.VSwitchId.split(',').map((id) => id.trim()));
      const switches = plane.replica
        .ownedBy('vSwitch', ctx.caller.account.uid)
        .filter(
          (s) =>
            (p.RegionId === undefined || s.regionId === p.RegionId) &&
            (p.VpcId === undefined || s.vpcId === p.VpcId) &&
            (p.ZoneId === undefined || s.zoneId === p.ZoneId) &&
            (p.VSwitchName === undefined || s.vSwitchName === p.VSwitchName) &&
            (wanted === undefined || wanted.has(s.vSwitchId)) &&
            p.IsDefault !== true,
        );
      const page = numberedPage(
        sortedBy(
          switches,
          byCreation((s) => s.vSwitchId),
        ),
        p.PageNumber,
        p.PageSize,
      );
      return {
        ...page.wire,
        VSwitches: {
          VSwitch: page.items.map((s) => {
            const allocation = plane.replica.get('ipAllocation', s.vSwitchId);
            return renderVSwitch(s, allocation === undefined ? 0 : Object.keys(allocation.v4).length);
          }),
        },
      };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DeleteVSwitch',
    errorCodes: ['InvalidVSwitchId.NotFound', 'DependencyViolation', 'DryRunOperation'],
    params: { RegionId: { type: 'string', maxLength: 64 }, VSwitchId: idParam('vsw'), DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteVSwitch(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vSwitchId: p.VSwitchId,
        dryRun: p.DryRun === true,
      });
      return {};
    },
  }),
];
