import { clientTokenScope } from '../../../control/idempotency.js';
import { createVpc, deleteVpc } from '../../../control/vpcs.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DryRunParam, RegionIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, numberedPage, pageNumberParams, sortedBy } from '../paging.js';
import { renderVpc, routeTableIdOf, vRouterIdOf } from './render.js';
import { VPC_VERSION } from './version.js';

/** DescribeVpcs takes up to 20 comma-separated VpcIds (https://api.aliyun.com/product/Vpc). */
const MAX_VPC_IDS = 20;

export const vpcActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'CreateVpc',
    errorCodes: [
      'InvalidParameter',
      'InvalidVpcName.Malformed',
      'InvalidVpcDiscription.Malformed',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      CidrBlock: { type: 'string', maxLength: 64 },
      // Names and descriptions are checked by the control plane with the VPC API's own codes.
      VpcName: { type: 'string' },
      Description: { type: 'string' },
      EnableIpv6: { type: 'boolean' },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const uid = ctx.caller.account.uid;
      const vpc = await createVpc(ctx.deps.plane, {
        uid,
        regionId: p.RegionId,
        cidrBlock: p.CidrBlock,
        vpcName: p.VpcName,
        description: p.Description,
        enableIpv6: p.EnableIpv6 === true,
        dryRun: p.DryRun === true,
        token: clientTokenScope(uid, 'CreateVpc', p),
      });
      return { VpcId: vpc.vpcId, VRouterId: vRouterIdOf(vpc.vpcId), RouteTableId: routeTableIdOf(vpc.vpcId), ResourceGroupId: '' };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVpcs',
    errorCodes: ['InvalidVpcIdNumber.NotSupported', 'DryRunOperation'],
    params: {
      RegionId: RegionIdParam,
      VpcId: { type: 'string', maxLength: 1024 },
      VpcName: { type: 'string', maxLength: 128 },
      IsDefault: { type: 'boolean' },
      DryRun: DryRunParam,
      ...pageNumberParams,
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const uid = ctx.caller.account.uid;
      const wanted = p.VpcId === undefined ? undefined : new Set(p.VpcId.split(',').map((id) => id.trim()));
      if (wanted !== undefined && wanted.size > MAX_VPC_IDS) throw new CloudError('InvalidVpcIdNumber.NotSupported');
      if (p.DryRun === true) throw new CloudError('DryRunOperation');
      const vpcs = plane.replica.ownedBy('vpc', uid).filter(
        (v) =>
          v.regionId === p.RegionId &&
          (wanted === undefined || wanted.has(v.vpcId)) &&
          (p.VpcName === undefined || v.vpcName === p.VpcName) &&
          // Every VPC here is a custom one; the region's default VPC is not modelled.
          p.IsDefault !== true,
      );
      const page = numberedPage(
        sortedBy(
          vpcs,
          byCreation((v) => v.vpcId),
        ),
        p.PageNumber,
        p.PageSize,
      );
      const switches = plane.replica.ownedBy('vSwitch', uid);
      return {
        ...page.wire,
        Vpcs: {
          Vpc: page.items.map((vpc) =>
            renderVpc(
              vpc,
              sortedBy(
                switches.filter((s) => s.vpcId === vpc.vpcId),
                byCreation((s) => s.vSwitchId),
              ).map((s) => s.vSwitchId),
            ),
          ),
        },
      };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DeleteVpc',
    errorCodes: [
      'InvalidVpcId.NotFound',
      'DependencyViolation.VSwitch',
      'DependencyViolation.GatewayEndpoint',
      'DependencyViolation.Instance',
      'DryRunOperation',
    ],
    params: {
      // The SDK marks RegionId optional here; when given it must be the VPC's.
      RegionId: { type: 'string', maxLength: 64 },
      VpcId: idParam('vpc'),
      ForceDelete: { type: 'boolean' },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      await deleteVpc(ctx.deps.plane, { uid: ctx.caller.account.uid, regionId: p.RegionId, vpcId: p.VpcId, dryRun: p.DryRun === true });
      return {};
    },
  }),
];
