import { createVpc, createVSwitch } from '../../control/vpcs.js';
import { parseCidr, sizeOf } from '../../model/cidr.js';
import type { VSwitch, Vpc } from '../../model/types.js';
import { defineAction, type ActionDefinition } from '../rpc/action.js';
import { ClientTokenParam, DescriptionParam, DryRunParam, NameParam, RegionIdParam, ZoneIdParam, idParam, optionalIdParam } from './common-params.js';
import type { ApiDeps } from './deps.js';
import { pageByNumber } from './paging.js';

/** VPC 2016-04-28: the VPCs and vSwitches endpoints live in (SPEC §3). */
export const VPC_VERSION = '2016-04-28';

const PageParams = {
  PageNumber: { type: 'integer', min: 1, max: 100_000 },
  PageSize: { type: 'integer', min: 1, max: 50 },
} as const;

/** DescribeVpcs wraps its list the classic POP way: `Vpcs: { Vpc: [...] }`. */
export function renderVpc(vpc: Vpc, vSwitchIds: string[]): Record<string, unknown> {
  return {
    VpcId: vpc.vpcId,
    RegionId: vpc.regionId,
    Status: vpc.status,
    VpcName: vpc.vpcName,
    Description: vpc.description,
    CidrBlock: vpc.cidrBlock,
    Ipv6CidrBlock: vpc.ipv6CidrBlock ?? '',
    CreationTime: vpc.createdAt,
    IsDefault: false,
    OwnerId: Number(vpc.uid),
    VSwitchIds: { VSwitchId: vSwitchIds },
  };
}

export function renderVSwitch(vSwitch: VSwitch, used: number): Record<string, unknown> {
  // The cloud reserves 4 addresses per IPv4 vSwitch block.
  const usable = Number(sizeOf(parseCidr(vSwitch.cidrBlock)!)) - 4;
  return {
    VSwitchId: vSwitch.vSwitchId,
    VpcId: vSwitch.vpcId,
    Status: vSwitch.status,
    CidrBlock: vSwitch.cidrBlock,
    Ipv6CidrBlock: vSwitch.ipv6CidrBlock ?? '',
    ZoneId: vSwitch.zoneId,
    AvailableIpAddressCount: Math.max(0, usable - used),
    Description: vSwitch.description,
    VSwitchName: vSwitch.vSwitchName,
    CreationTime: vSwitch.createdAt,
    IsDefault: false,
    OwnerId: Number(vSwitch.uid),
  };
}

const byCreationTime = <T extends { createdAt: string }>(a: T, b: T): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

export const vpcActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'CreateVpc',
    params: {
      RegionId: RegionIdParam,
      CidrBlock: { type: 'string', maxLength: 64 },
      VpcName: NameParam,
      Description: DescriptionParam,
      EnableIpv6: { type: 'boolean' },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const vpc = await createVpc(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        cidrBlock: p.CidrBlock,
        vpcName: p.VpcName,
        description: p.Description,
        enableIpv6: p.EnableIpv6 === true,
        dryRun: p.DryRun === true,
      });
      return { VpcId: vpc.vpcId, VRouterId: vpc.vpcId.replace(/^vpc-/, 'vrt-'), RouteTableId: vpc.vpcId.replace(/^vpc-/, 'vtb-'), ResourceGroupId: '' };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVpcs',
    params: { RegionId: RegionIdParam, VpcId: { type: 'string', maxLength: 1024 }, VpcName: { type: 'string', maxLength: 128 }, ...PageParams },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const wanted = p.VpcId === undefined ? undefined : new Set(p.VpcId.split(',').map((id) => id.trim()));
      const vpcs = plane.replica
        .ownedBy('vpc', ctx.caller.account.uid)
        .filter((v) => v.regionId === p.RegionId && (wanted === undefined || wanted.has(v.vpcId)) && (p.VpcName === undefined || v.vpcName === p.VpcName))
        .sort(byCreationTime);
      const pageNumber = p.PageNumber ?? 1;
      const pageSize = p.PageSize ?? 10;
      const switches = plane.replica.ownedBy('vSwitch', ctx.caller.account.uid);
      return {
        TotalCount: vpcs.length,
        PageNumber: pageNumber,
        PageSize: pageSize,
        Vpcs: {
          Vpc: pageByNumber(vpcs, pageNumber, pageSize).map((vpc) =>
            renderVpc(
              vpc,
              switches.filter((s) => s.vpcId === vpc.vpcId).map((s) => s.vSwitchId),
            ),
          ),
        },
      };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'CreateVSwitch',
    params: {
      RegionId: RegionIdParam,
      VpcId: idParam('vpc'),
      ZoneId: { ...ZoneIdParam, required: true },
      CidrBlock: { type: 'string', required: true, maxLength: 64 },
      Ipv6CidrBlock: { type: 'integer', min: 0, max: 255 },
      VSwitchName: NameParam,
      Description: DescriptionParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const vSwitch = await createVSwitch(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vpcId: p.VpcId,
        zoneId: p.ZoneId,
        cidrBlock: p.CidrBlock,
        ipv6CidrBlock: p.Ipv6CidrBlock,
        vSwitchName: p.VSwitchName,
        description: p.Description,
        dryRun: p.DryRun === true,
      });
      return { VSwitchId: vSwitch.vSwitchId };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DescribeVSwitches',
    params: { RegionId: RegionIdParam, VpcId: optionalIdParam('vpc'), VSwitchId: { type: 'string', maxLength: 1024 }, ZoneId: ZoneIdParam, ...PageParams },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const wanted = p.VSwitchId === undefined ? undefined : new Set(p.VSwitchId.split(',').map((id) => id.trim()));
      const switches = plane.replica
        .ownedBy('vSwitch', ctx.caller.account.uid)
        .filter(
          (s) =>
            s.regionId === p.RegionId &&
            (p.VpcId === undefined || s.vpcId === p.VpcId) &&
            (p.ZoneId === undefined || s.zoneId === p.ZoneId) &&
            (wanted === undefined || wanted.has(s.vSwitchId)),
        )
        .sort(byCreationTime);
      const pageNumber = p.PageNumber ?? 1;
      const pageSize = p.PageSize ?? 10;
      return {
        TotalCount: switches.length,
        PageNumber: pageNumber,
        PageSize: pageSize,
        VSwitches: {
          VSwitch: pageByNumber(switches, pageNumber, pageSize).map((s) => {
            const allocation = plane.replica.get('ipAllocation', s.vSwitchId);
            return renderVSwitch(s, allocation === undefined ? 0 : Object.keys(allocation.v4).length);
          }),
        },
      };
    },
  }),
];
