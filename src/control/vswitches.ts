import { CloudError } from '../errors/catalogue.js';
import { cidrContains, cidrsOverlap, isCanonicalCidr, parseCidr, type Cidr } from '../model/cidr.js';
import { newId } from '../model/ids.js';
import { emptyAllocation } from '../model/ipam.js';
import type { IpAllocation, VSwitch } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import { createOnce, type ClientTokenScope } from './idempotency.js';
import type { Plane } from './plane.js';
import { addVpcDependent, isValidVpcDescription, isValidVpcName, ownVpc, removeVpcDependent } from './vpcs.js';

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
  token: ClientTokenScope;
}

interface PreparedVSwitch {
  cidr: Cidr;
  ipv6CidrBlock: string | null;
}

export async function createVSwitch(plane: Plane, input: CreateVSwitchInput): Promise<VSwitch> {
  return createOnce(plane, {
    kind: 'vSwitch',
    scope: input.token,
    dryRun: input.dryRun,
    idOf: (vSwitch) => vSwitch.vSwitchId,
    validate: () => validateVSwitch(plane, input),
    create: async (tx, prepared) => {
      const vSwitchId = newId('vsw');
      // Registering in the VPC document makes this creation and DeleteVpc
      // (and a concurrent sibling creation) conflict instead of interleave.
      const vpc = await addVpcDependent(tx, input.vpcId, input.uid, 'vSwitch', vSwitchId);
      if (vpc === undefined) throw new CloudError('InvalidVpcId.NotFound');
      await checkNoOverlap(plane, tx, input.vpcId, vpc.dependents?.vSwitch ?? [], prepared.cidr);
      const vSwitch: VSwitch = {
        vSwitchId,
        uid: input.uid,
        regionId: input.regionId,
        vpcId: input.vpcId,
        zoneId: input.zoneId,
        vSwitchName: input.vSwitchName ?? '',
        description: input.description ?? '',
        cidrBlock: input.cidrBlock,
        ipv6CidrBlock: prepared.ipv6CidrBlock,
        status: 'Available',
        createdAt: plane.timestamp(),
      };
      tx.put('vSwitch', vSwitchId, vSwitch);
      tx.put('ipAllocation', vSwitchId, emptyAllocation(vSwitchId));
      return vSwitch;
    },
  });
}

function validateVSwitch(plane: Plane, input: CreateVSwitchInput): PreparedVSwitch {
  const region = plane.region(input.regionId)!;
  if (!region.zoneIds.includes(input.zoneId)) throw new CloudError('InvalidZoneId.NotFound');
  const vpc = ownVpc(plane, input.uid, input.regionId, input.vpcId);
  if (vpc === undefined) throw new CloudError('InvalidVpcId.NotFound');
  const cidr = parseCidr(input.cidrBlock);
  // The cloud takes vSwitch masks from /16 to /29; /8 is allowed here for large test fleets.
  if (cidr === undefined || cidr.family !== 4 || !isCanonicalCidr(input.cidrBlock) || cidr.prefixLength < 8 || cidr.prefixLength > 29) {
    throw new CloudError('InvalidCidrBlock.Malformed');
  }
  if (!cidrContains(parseCidr(vpc.cidrBlock)!, cidr))
    throw new CloudError('InvalidParameter', { detail: 'Specified CIDR block is not valid in VPC.' });
  if (input.vSwitchName !== undefined && !isValidVpcName(input.vSwitchName)) throw new CloudError('InvalidVSwitchName.Malformed');
  if (input.description !== undefined && !isValidVpcDescription(input.description))
    throw new CloudError('InvalidVSwitchDiscription.Malformed');
  let ipv6CidrBlock: string | null = null;
  if (input.ipv6CidrBlock !== undefined) {
    if (vpc.ipv6CidrBlock === null) throw new CloudError('OperationFailed.VpcIpv6Disabled');
    ipv6CidrBlock = subnet64(vpc.ipv6CidrBlock, input.ipv6CidrBlock);
  }
  for (const sibling of plane.replica.values('vSwitch')) {
    if (sibling.vpcId === vpc.vpcId && cidrsOverlap(parseCidr(sibling.cidrBlock)!, cidr))
      throw new CloudError('InvalidCidrBlock.Overlapped');
  }
  return { cidr, ipv6CidrBlock };
}

/** Overlap against the siblings as the store has them: the replica may lag another API process. */
async function checkNoOverlap(plane: Plane, tx: Transaction, vpcId: string, siblingIds: readonly string[], cidr: Cidr): Promise<void> {
  const ids = new Set(siblingIds);
  for (const sibling of plane.replica.values('vSwitch')) if (sibling.vpcId === vpcId) ids.add(sibling.vSwitchId);
  for (const id of ids) {
    const current = await tx.get('vSwitch', id);
    if (current !== undefined && cidrsOverlap(parseCidr(current.cidrBlock)!, cidr)) throw new CloudError('InvalidCidrBlock.Overlapped');
  }
}

function subnet64(vpcBlock: string, index: number): string {
  const base = parseCidr(vpcBlock)!;
  const value = base.base | (BigInt(index) << 64n);
  const groups: string[] = [];
  for (let shift = 112n; shift >= 64n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return `${groups.join(':')}::/64`;
}

export interface DeleteVSwitchInput {
  uid: string;
  regionId: string | undefined;
  vSwitchId: string;
  dryRun: boolean;
}

function inUse(allocation: IpAllocation | undefined): boolean {
  return allocation !== undefined && (Object.keys(allocation.v4).length > 0 || Object.keys(allocation.v6).length > 0);
}

/**
 * DeleteVSwitch: refused with DependencyViolation while any ENI holds an
 * address in it. The allocation document is read in the transaction, so an
 * ENI allocated concurrently makes one of the two fail rather than both pass.
 */
export async function deleteVSwitch(plane: Plane, input: DeleteVSwitchInput): Promise<void> {
  const vSwitch = plane.replica.get('vSwitch', input.vSwitchId);
  if (vSwitch === undefined || vSwitch.uid !== input.uid || (input.regionId !== undefined && vSwitch.regionId !== input.regionId)) {
    throw new CloudError('InvalidVSwitchId.NotFound');
  }
  if (inUse(plane.replica.get('ipAllocation', input.vSwitchId))) throw new CloudError('DependencyViolation');
  if (input.dryRun) throw new CloudError('DryRunOperation');
  await plane.write(async (tx) => {
    const current = await tx.get('vSwitch', input.vSwitchId);
    if (current === undefined || current.uid !== input.uid) throw new CloudError('InvalidVSwitchId.NotFound');
    if (inUse(await tx.get('ipAllocation', input.vSwitchId))) throw new CloudError('DependencyViolation');
    tx.delete('vSwitch', input.vSwitchId);
    tx.delete('ipAllocation', input.vSwitchId);
    await removeVpcDependent(tx, current.vpcId, 'vSwitch', input.vSwitchId);
  });
}
