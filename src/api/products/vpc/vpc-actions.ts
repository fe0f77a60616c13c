import { VPC_TAG_RULES, checkTags } from '../../../control/tag-rules.js';
import { modifyVpc } from '../../../control/vpc-attributes.js';
import { createVpc } from '../../../control/vpc-create.js';
import { deleteVpc } from '../../../control/vpcs.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DryRunParam, RegionIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { Ipv6IspParam, ResourceGroupIdParam, TagParam, VPC_TAG_CODES } from './params.js';
import { routeTableIdOf, vRouterIdOf } from './render.js';
import { VPC_VERSION } from './version.js';

/** VPCs: create, modify, delete (reads are in vpc-read-actions.ts). */
export const vpcActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'CreateVpc',
    kind: 'create',
    errorCodes: [
      'InvalidParameter',
      'InvalidVpcName.Malformed',
      'InvalidVpcDiscription.Malformed',
      'InvalidResourceGroupId',
      'UnsupportedFeature.Ipam',
      'UnsupportedFeature.Ipv6Isp',
      'InvalidIpv6CidrBlock.Malformed',
      'IllegalParam.UserCidr',
      'InvalidUserCidr.Quota',
      'InvalidUserCidr.Malformed',
      ...VPC_TAG_CODES,
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
      Ipv6CidrBlock: { type: 'string', maxLength: 64 },
      Ipv6Isp: Ipv6IspParam,
      UserCidr: { type: 'string', maxLength: 256 },
      ResourceGroupId: ResourceGroupIdParam,
      Tag: TagParam,
      // Addresses from an IPAM pool: plinkd has no IPAM (refused below, never ignored).
      Ipv4IpamPoolId: { type: 'string', maxLength: 64 },
      Ipv4CidrMask: { type: 'integer', min: 8, max: 28 },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      if (p.Ipv4IpamPoolId !== undefined || p.Ipv4CidrMask !== undefined) throw new CloudError('UnsupportedFeature.Ipam');
      const uid = ctx.caller.account.uid;
      const vpc = await createVpc(ctx.deps.plane, {
        uid,
        regionId: p.RegionId,
        cidrBlock: p.CidrBlock,
        vpcName: p.VpcName,
        description: p.Description,
        enableIpv6: p.EnableIpv6 === true,
        ipv6CidrBlock: p.Ipv6CidrBlock,
        ipv6Isp: p.Ipv6Isp,
        userCidr: p.UserCidr,
        resourceGroupId: p.ResourceGroupId,
        tags: checkTags(
          p.Tag.map((t) => ({ key: t.Key, value: t.Value })),
          VPC_TAG_RULES,
        ),
      });
      return {
        VpcId: vpc.vpcId,
        VRouterId: vRouterIdOf(vpc.vpcId),
        RouteTableId: routeTableIdOf(vpc.vpcId),
        ResourceGroupId: vpc.resourceGroupId,
      };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'ModifyVpcAttribute',
    kind: 'change',
    errorCodes: [
      'InvalidVpcId.NotFound',
      'InvalidVpcName.Malformed',
      'InvalidVpcDiscription.Malformed',
      'ExclusiveParam.EnableIpv6AndCidrBlock',
      'InvalidCidrBlock.Malformed',
      'IllegalCidrBlock',
      'UnsupportedFeature.Ipv6Isp',
      'IllegalParam.Ipv6Cidr',
      'OperationFailed.IpV6VSwitchInuse',
    ],
    params: {
      // Optional in the reference; when given it must be the VPC's.
      RegionId: { type: 'string', maxLength: 64 },
      VpcId: idParam('vpc'),
      VpcName: { type: 'string' },
      Description: { type: 'string' },
      CidrBlock: { type: 'string', maxLength: 64 },
      // Spelled EnableIPv6 here, EnableIpv6 in CreateVpc (the reference's own spellings).
      EnableIPv6: { type: 'boolean' },
      Ipv6CidrBlock: { type: 'string', maxLength: 64 },
      Ipv6Isp: Ipv6IspParam,
    },
    async handle(ctx, p) {
      await modifyVpc(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vpcId: p.VpcId,
        vpcName: p.VpcName,
        description: p.Description,
        cidrBlock: p.CidrBlock,
        enableIpv6: p.EnableIPv6,
        ipv6CidrBlock: p.Ipv6CidrBlock,
        ipv6Isp: p.Ipv6Isp,
      });
      return {};
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DeleteVpc',
    kind: 'change',
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
      await deleteVpc(ctx.deps.plane, { uid: ctx.caller.account.uid, regionId: p.RegionId, vpcId: p.VpcId });
      return {};
    },
  }),
];
