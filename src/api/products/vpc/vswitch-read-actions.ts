import type { Plane } from '../../../control/plane.js';
import { matchesTagFilters, type TagFilter } from '../../../control/tag-rules.js';
import { CloudError } from '../../../errors/catalogue.js';
import { routeTableIdOf } from '../../../model/ids.js';
import { currentAllocation, usedCount } from '../../../model/ipam.js';
import type { VSwitch } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { DryRunParam, ZoneIdParam, idParam, optionalIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, numberedPage, pageNumberParams, sortedBy } from '../paging.js';
import { OwnerIdParam, ResourceGroupIdParam, TagParam, tagFiltersOf } from './params.js';
import { renderVSwitch, renderVSwitchAttributes } from './render.js';
import { VPC_VERSION } from './version.js';

/**
 * DescribeVSwitches' checks of its parameters, made before it reads anything: all its dry run
 * runs (the cloud's DryRun on it checks the request and does not query vSwitches).
 */
function vSwitchFilters(regionId: string | undefined, vpcId: string | undefined, tag: Parameters<typeof tagFiltersOf>[0]): TagFilter[] {
  if (regionId === undefined && vpcId === undefined) throw new CloudError('MissingParam', { param: 'RegionId' });
  return tagFiltersOf(tag);
}

/** IPv4 addresses ENIs hold in the vSwitch. */
function usedAddresses(plane: Plane, vSwitch: VSwitch): number {
  return usedCount(currentAllocation(plane.replica.get('ipAllocation', vSwitch.vSwitchId), vSwitch.vSwitchId), 4);
}

/** DescribeVSwitches and DescribeVSwitchAttributes (https://api.aliyun.com/api/Vpc/2016-04-28/DescribeVSwitchAttributes). */
export const vSwitchReadActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVSwitches',
    kind: 'read',
    errorCodes: ['InvalidResourceGroupId', 'InvalidTagKey', 'InvalidTagValue', 'DryRunOperation'],
    params: {
      // "RegionId and/or VpcId: specify at least one" (https://api.aliyun.com/product/Vpc).
      RegionId: { type: 'string', maxLength: 64 },
      VpcId: optionalIdParam('vpc'),
      VSwitchId: { type: 'string', maxLength: 1024 },
      VSwitchName: { type: 'string', maxLength: 128 },
      ZoneId: ZoneIdParam,
      IsDefault: { type: 'boolean' },
      RouteTableId: optionalIdParam('vtb'),
      ResourceGroupId: ResourceGroupIdParam,
      VSwitchOwnerId: OwnerIdParam,
      EnableIpv6: { type: 'boolean' },
      Tag: TagParam,
      DryRun: DryRunParam,
      ...pageNumberParams,
    },
    check(p) {
      vSwitchFilters(p.RegionId, p.VpcId, p.Tag);
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const tags = vSwitchFilters(p.RegionId, p.VpcId, p.Tag);
      const wanted = p.VSwitchId === undefined ? undefined : new Set(p.VSwitchId.split(',').map((id) => id.trim()));
      const switches = plane.replica.ownedBy('vSwitch', ctx.caller.account.uid).filter(
        (s) =>
          (p.RegionId === undefined || s.regionId === p.RegionId) &&
          (p.VpcId === undefined || s.vpcId === p.VpcId) &&
          (p.ZoneId === undefined || s.zoneId === p.ZoneId) &&
          (p.VSwitchName === undefined || s.vSwitchName === p.VSwitchName) &&
          (wanted === undefined || wanted.has(s.vSwitchId)) &&
          p.IsDefault !== true &&
          // Every vSwitch uses its VPC's system route table.
          (p.RouteTableId === undefined || routeTableIdOf(s.vpcId) === p.RouteTableId) &&
          (p.ResourceGroupId === undefined || s.resourceGroupId === p.ResourceGroupId) &&
          (p.VSwitchOwnerId === undefined || p.VSwitchOwnerId === s.uid) &&
          (p.EnableIpv6 === undefined || p.EnableIpv6 === (s.ipv6CidrBlock !== null)) &&
          matchesTagFilters(s.tags ?? [], tags),
      );
      const page = numberedPage(
        sortedBy(
          switches,
          byCreation((s) => s.vSwitchId),
        ),
        p.PageNumber,
        p.PageSize,
      );
      return { ...page.wire, VSwitches: { VSwitch: page.items.map((s) => renderVSwitch(s, usedAddresses(plane, s))) } };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVSwitchAttributes',
    kind: 'read',
    errorCodes: ['DryRunOperation'],
    params: { RegionId: { type: 'string', maxLength: 64 }, VSwitchId: idParam('vsw'), DryRun: DryRunParam },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const vSwitch = plane.replica.get('vSwitch', p.VSwitchId);
      const found =
        vSwitch !== undefined && vSwitch.uid === ctx.caller.account.uid && (p.RegionId === undefined || vSwitch.regionId === p.RegionId);
      return renderVSwitchAttributes(found ? vSwitch : undefined, found ? usedAddresses(plane, vSwitch) : 0);
    },
  }),
];
