import { VPC_TAG_RULES, checkTags } from '../../../control/tag-rules.js';
import { modifyVSwitch } from '../../../control/vswitch-attributes.js';
import { createVSwitch, deleteVSwitch } from '../../../control/vswitches.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DryRunParam, RegionIdParam, ZoneIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { ResourceGroupIdParam, TagParam, VPC_TAG_CODES } from './params.js';
import { VPC_VERSION } from './version.js';

/** The /64 a vSwitch takes from its VPC's /56: its last 8 bits. */
const Ipv6IndexParam = { type: 'integer', min: 0, max: 255 } as const;

/** vSwitches: create, modify, delete (reads are in vswitch-read-actions.ts). */
export const vSwitchActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'CreateVSwitch',
    kind: 'create',
    errorCodes: [
      'InvalidZoneId.NotFound',
      'InvalidVpcId.NotFound',
      'InvalidCidrBlock.Malformed',
      'InvalidParameter',
      'InvalidCidrBlock.Overlapped',
      'InvalidVSwitchName.Malformed',
      'InvalidVSwitchDiscription.Malformed',
      'OperationFailed.VpcIpv6Disabled',
      'OperationFailed.Ipv6CidrBlockExisted',
      'IllegalParam.VpcIpv6CidrBlock',
      'InvalidResourceGroupId',
      ...VPC_TAG_CODES,
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      VpcId: idParam('vpc'),
      ZoneId: { ...ZoneIdParam, required: true },
      CidrBlock: { type: 'string', required: true, maxLength: 64 },
      Ipv6CidrBlock: Ipv6IndexParam,
      VpcIpv6CidrBlock: { type: 'string', maxLength: 64 },
      VSwitchName: { type: 'string' },
      Description: { type: 'string' },
      // Not in the 2016-04-28 reference's CreateVSwitch; taken so a vSwitch can be put in another group than its VPC's.
      ResourceGroupId: ResourceGroupIdParam,
      Tag: TagParam,
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
        vpcIpv6CidrBlock: p.VpcIpv6CidrBlock,
        vSwitchName: p.VSwitchName,
        description: p.Description,
        resourceGroupId: p.ResourceGroupId,
        tags: checkTags(
          p.Tag.map((t) => ({ key: t.Key, value: t.Value })),
          VPC_TAG_RULES,
        ),
      });
      return { VSwitchId: vSwitch.vSwitchId };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'ModifyVSwitchAttribute',
    kind: 'change',
    errorCodes: [
      'InvalidVSwitchId.NotFound',
      'InvalidVSwitchName.Malformed',
      'InvalidVSwitchDiscription.Malformed',
      'ParamExclusive.DisableIpv6AndIpv6CidrBlock',
      'OperationFailed.VpcIpv6Disabled',
      'OperationFailed.Ipv6InstanceExist',
      'OperationFailed.Ipv6CidrBlockExisted',
      'OperationFailed.Ipv6AlreadyEnabled',
      'IllegalParam.VpcIpv6CidrBlock',
    ],
    params: {
      RegionId: { type: 'string', maxLength: 64 },
      VSwitchId: idParam('vsw'),
      VSwitchName: { type: 'string' },
      Description: { type: 'string' },
      EnableIPv6: { type: 'boolean' },
      Ipv6CidrBlock: Ipv6IndexParam,
      VpcIpv6CidrBlock: { type: 'string', maxLength: 64 },
    },
    async handle(ctx, p) {
      await modifyVSwitch(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vSwitchId: p.VSwitchId,
        vSwitchName: p.VSwitchName,
        description: p.Description,
        enableIpv6: p.EnableIPv6,
        ipv6CidrBlock: p.Ipv6CidrBlock,
        vpcIpv6CidrBlock: p.VpcIpv6CidrBlock,
      });
      return {};
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DeleteVSwitch',
    kind: 'change',
    errorCodes: ['InvalidVSwitchId.NotFound', 'DependencyViolation', 'DryRunOperation'],
    params: { RegionId: { type: 'string', maxLength: 64 }, VSwitchId: idParam('vsw'), DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteVSwitch(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vSwitchId: p.VSwitchId,
      });
      return {};
    },
  }),
];
