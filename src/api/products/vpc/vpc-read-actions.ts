import { matchesTagFilters, type TagFilter } from '../../../control/tag-rules.js';
import { CloudError } from '../../../errors/catalogue.js';
import type { Vpc } from '../../../model/types.js';
import type { Plane } from '../../../control/plane.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { DryRunParam, RegionIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, numberedPage, pageNumberParams, sortedBy } from '../paging.js';
import { OwnerIdParam, ResourceGroupIdParam, TagParam, tagFiltersOf } from './params.js';
import { renderVpc, renderVpcAttribute } from './render.js';
import { VPC_VERSION } from './version.js';

/** DescribeVpcs takes up to 20 comma-separated VpcIds (https://api.aliyun.com/product/Vpc). */
const MAX_VPC_IDS = 20;

/**
 * DescribeVpcs' checks of its filters, made before it reads anything: all its dry run runs (the
 * cloud's DryRun on DescribeVpcs checks the request and does not query resources).
 */
function vpcFilters(
  vpcId: string | undefined,
  tag: Parameters<typeof tagFiltersOf>[0],
): { wanted: Set<string> | undefined; tags: TagFilter[] } {
  const wanted = vpcId === undefined ? undefined : new Set(vpcId.split(',').map((id) => id.trim()));
  if (wanted !== undefined && wanted.size > MAX_VPC_IDS) throw new CloudError('InvalidVpcIdNumber.NotSupported');
  return { wanted, tags: tagFiltersOf(tag) };
}

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
    check(p) {
      vpcFilters(p.VpcId, p.Tag);
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const uid = ctx.caller.account.uid;
      const { wanted, tags } = vpcFilters(p.VpcId, p.Tag);
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
