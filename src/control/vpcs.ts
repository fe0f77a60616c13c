import { ApiError } from '../api/rpc/errors.js';
import { cidrContains, cidrsOverlap, isCanonicalCidr, parseCidr } from '../model/cidr.js';
import { newId } from '../model/ids.js';
import { emptyAllocation } from '../model/ipam.js';
import type { VSwitch, Vpc } from '../model/types.js';
import type { Plane } from './plane.js';

export interface CreateVpcInput {
  uid: string;
  regionId: string;
  cidrBlock: string | undefined;
  vpcName: string | undefined;
  description: string | undefined;
  enableIpv6: boolean;
  dryRun: boolean;
}

/** RFC 1918 default of the cloud when no CidrBlock is given. */
const DEFAULT_VPC_CIDR = '172.16.0.0/12';

export async function createVpc(plane: Plane, input: CreateVpcInput): Promise<Vpc> {
  const cidrBlock = input.cidrBlock ?? DEFAULT_VPC_CIDR;
  const cidr = parseCidr(cidrBlock);
  if (cidr === undefined || cidr.family !== 4 || !isCanonicalCidr(cidrBlock) || cidr.prefixLength < 8 || cidr.prefixLength > 28) {
    throw new ApiError('InvalidCidrBlock.Malformed');
  }
  if (input.dryRun) throw new ApiError('DryRunOperation');
  const vpc: Vpc = {
    vpcId: newId('vpc'),
    uid: input.uid,
    regionId: input.regionId,
    vpcName: input.vpcName ?? '',
    description: input.description ?? '',
    cidrBlock,
    ipv6CidrBlock: input.enableIpv6 ? randomIpv6Block() : null,
    status: 'Available',
    createdAt: plane.timestamp(),
  };
  await plane.write(async (tx) => tx.put('vpc', vpc.vpcId, vpc));
  return vpc;
}

/** A /56 for the VPC, as the cloud assigns one on EnableIpv6 (global unicast 2408::/16 space). */
function randomIpv6Block(): string {
  const hex = (n: number): string => Math.floor(Math.random() * n).toString(16);
  return `2408:${hex(0x10000)}:${hex(0x10000)}:${hex(0x100)}00::/56`;
}

export interface CreateVSwitchInput {
  uid: string;
  regionId: string;
  vpcId: string;
  zoneId: string;
  cidrBlock: string;
  /** Index (0–255) of the /64 inside the VPC's IPv6 /56, as the cloud takes it. */
  ipv6CidrBlock: number | undefined;
  vSwitchName: string | undefined;
  description: string | undefined;
  dryRun: boolean;
}

export async function createVSwitch(plane: Plane, input: CreateVSwitchInput): Promise<VSwitch> {
  const region = plane.region(input.regionId)!;
  if (!region.zoneIds.includes(input.zoneId)) throw new ApiError('InvalidZoneId.NotFound');
  const vpc = plane.replica.get('vpc', input.vpcId);
  if (vpc === undefined || vpc.uid !== input.uid || vpc.regionId !== input.regionId) throw new ApiError('InvalidVpcId.NotFound');
  const cidr = parseCidr(input.cidrBlock);
  // The cloud takes vSwitch masks from /16 to /29; /8 is allowed here for large test fleets.
  if (cidr === undefined || cidr.family !== 4 || !isCanonicalCidr(input.cidrBlock) || cidr.prefixLength < 8 || cidr.prefixLength > 29) {
    throw new ApiError('InvalidCidrBlock.Malformed');
  }
  if (!cidrContains(parseCidr(vpc.cidrBlock)!, cidr)) throw new ApiError('InvalidVSwitchCidr.NotInVpc');
  let ipv6CidrBlock: string | null = null;
  if (input.ipv6CidrBlock !== undefined) {
    if (vpc.ipv6CidrBlock === null) throw new ApiError('IllegalParamFormat', { param: 'Ipv6CidrBlock', reason: 'needs a VPC with IPv6 enabled' });
    ipv6CidrBlock = subnet64(vpc.ipv6CidrBlock, input.ipv6CidrBlock);
  }
  if (input.dryRun) throw new ApiError('DryRunOperation');
  const vSwitch: VSwitch = {
    vSwitchId: newId('vsw'),
    uid: input.uid,
    regionId: input.regionId,
    vpcId: vpc.vpcId,
    zoneId: input.zoneId,
    vSwitchName: input.vSwitchName ?? '',
    description: input.description ?? '',
    cidrBlock: input.cidrBlock,
    ipv6CidrBlock,
    status: 'Available',
    createdAt: plane.timestamp(),
  };
  await plane.write(async (tx) => {
    if ((await tx.get('vpc', vpc.vpcId)) === undefined) throw new ApiError('InvalidVpcId.NotFound');
    // Overlap is checked against the store inside the transaction: the replica
    // may lag another API process.
    for (const sibling of plane.replica.values('vSwitch')) {
      if (sibling.vpcId !== vpc.vpcId) continue;
      const current = await tx.get('vSwitch', sibling.vSwitchId);
      if (current !== undefined && cidrsOverlap(parseCidr(current.cidrBlock)!, cidr)) throw new ApiError('InvalidCidrBlock.Overlapped');
    }
    tx.put('vSwitch', vSwitch.vSwitchId, vSwitch);
    tx.put('ipAllocation', vSwitch.vSwitchId, emptyAllocation(vSwitch.vSwitchId));
  });
  return vSwitch;
}

function subnet64(vpcBlock: string, index: number): string {
  const base = parseCidr(vpcBlock)!;
  const value = base.base | (BigInt(index) << 64n);
  const groups: string[] = [];
  for (let shift = 112n; shift >= 64n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return `${groups.join(':')}::/64`;
}
