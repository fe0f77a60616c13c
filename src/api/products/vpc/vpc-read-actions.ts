import { VPC_TAG_RULES, checkTagFilters, matchesTagFilters } from '../../../control/tag-rules.js';
import { CloudError } from '../../../errors/catalogue.js';
import type { Vpc } from '../../../model/types.js';
import type { Plane } from '../../../control/plane.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { DryRunParam, RegionIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, numberedPage, pageNumberParams, sortedBy } from '../paging.js';
import { FILTER_KEY_CODES, OwnerIdParam, ResourceGroupIdParam, TagParam } from './params.js';
import { renderVpc, renderVpcAttribute } from './render.js';
import { VPC_VERSION } from './version.js';

/** DescribeVpcs takes up to 20 comma-separated VpcIds (https://api.aliyun.com/product/Vpc). */
const MAX_VPC_IDS = 20;

/** The VPC's vSwitch ids, oldest first. */
function vSwitchIdsOf(plane: Plane, vpc: Vpc): string[] {
  return sortedBy(
    plane.replica.ownedBy('vSwitch', vpc.uid).filter((s) => s.vpcId === vpc.vpcId),
    byCreation((s) => s.vSwitchId),
  ).map((s) => s.vSwitchId);
}

/** DescribeVpcs and DescribeVpcAttribute (https://api.aliyun.com/api/Vpc/2016-04-28/DescribeVpcAttribute). */
export const vpcReadActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVpcs',
    kind: 'read',
    errorCodes: ['InvalidVpcIdNumber.NotSupported', 'InvalidResourceGroupId', 'InvalidTagKey', 'InvalidTagValue', 'DryRunOperation'],
    params: {
      RegionId: RegionIdParam,
      VpcId: { type: 'string', maxLength: 1024 },
      VpcName: { type: 'string', maxLength: 128 },
      IsDefault: { type: 'boolean' },
      ResourceGroupId: ResourceGroupIdParam,
      VpcOwnerId: OwnerIdParam,
      DhcpOptionsSetId: { type: 'string', maxLength: 64 },
      EnableIpv6: { type: 'boolean' },
      Tag: TagParam,
      DryRun: DryRunParam,
      ...pageNumberParams,
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const uid = ctx.caller.account.uid;
      const wanted = p.VpcId === undefined ? undefined : new Set(p.VpcId.split(',').map((id) => id.trim()));
      if (wanted !== undefined && wanted.size > MAX_VPC_IDS) throw new CloudError('InvalidVpcIdNumber.NotSupported');
      const tags = checkTagFilters(
        p.Tag.map((t) => ({ key: t.Key, value: t.Value })),
        VPC_TAG_RULES,
        FILTER_KEY_CODES,
      );
      const vpcs = plane.replica.ownedBy('vpc', uid).filter(
        (v) =>
          v.regionId === p.RegionId &&
          (wanted === undefined || wanted.has(v.vpcId)) &&
          (p.VpcName === undefined || v.vpcName === p.VpcName) &&
          // Every VPC here is a custom one; the region's default VPC is not modelled.
          p.IsDefault !== true &&
          (p.ResourceGroupId === undefined || v.resourceGroupId === p.ResourceGroupId) &&
          // A caller sees only its own VPCs: another owner's id matches none.
          (p.VpcOwnerId === undefined || p.VpcOwnerId === v.uid) &&
          // No DHCP options sets are modelled: no VPC is associated with one.
          p.DhcpOptionsSetId === undefined &&
          (p.EnableIpv6 === undefined || p.EnableIpv6 === (v.ipv6CidrBlock !== null)) &&
          matchesTagFilters(v.tags ?? [], tags),
      );
      const page = numberedPage(
        sortedBy(
          vpcs,
          byCreation((v) => v.vpcId),
        ),
        p.PageNumber,
        p.PageSize,
      );
      return { ...page.wire, Vpcs: { Vpc: page.items.map((vpc) => renderVpc(vpc, vSwitchIdsOf(plane, vpc))) } };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVpcAttribute',
    kind: 'read',
    errorCodes: ['DryRunOperation'],
    params: { RegionId: RegionIdParam, VpcId: idParam('vpc'), IsDefault: { type: 'boolean' }, DryRun: DryRunParam },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const vpc = plane.replica.get('vpc', p.VpcId);
      // Another account's VPC, one in another region, or IsDefault=true (no default VPC is modelled) is not found.
      const found = vpc !== undefined && vpc.uid === ctx.caller.account.uid && vpc.regionId === p.RegionId && p.IsDefault !== true;
      return renderVpcAttribute(found ? vpc : undefined, found ? vSwitchIdsOf(plane, vpc) : []);
    },
  }),
];
