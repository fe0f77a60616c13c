import { CloudError } from '../errors/catalogue.js';
import { cidrContains, cidrsOverlap, isCanonicalCidr, parseCidr, type Cidr } from '../model/cidr.js';
import { newId } from '../model/ids.js';
import { currentAllocation, emptyAllocation, inUse } from '../model/ipam.js';
import type { Tag, VSwitch } from '../model/types.js';
import type { DocTypes, Transaction } from '../store/types.js';
import { createOnce } from './idempotency.js';
import type { Plane } from './plane.js';
import { checkVpcIpv6CidrBlock, vSwitchBlock } from './vpc-ipv6.js';
import { addVpcDependent, isValidVpcDescription, isValidVpcName, ownVpc, removeVpcDependent } from './vpcs.js';

export interface CreateVSwitchInput {
  uid: string;
  regionId: string;
  vpcId: string;
  zoneId: string;
  cidrBlock: string;
  /** Index (0–255) of the /64 inside the VPC's IPv6 /56, as the cloud takes it. */
  ipv6CidrBlock: number | undefined;
  /** Which of the VPC's IPv6 blocks to carve from (its only one; needs ipv6CidrBlock). */
  vpcIpv6CidrBlock: string | undefined;
  vSwitchName: string | undefined;
  description: string | undefined;
  /** Undefined: the VPC's resource group. */
  resourceGroupId: string | undefined;
  tags: Tag[];
}

interface PreparedVSwitch {
  cidr: Cidr;
  ipv6CidrBlock: string | null;
  resourceGroupId: string;
}

export async function createVSwitch(plane: Plane, input: CreateVSwitchInput): Promise<VSwitch> {
  return createOnce(plane, {
    kind: 'vSwitch',
    idOf: (vSwitch) => vSwitch.vSwitchId,
    validate: () => validateVSwitch(plane, input),
    create: async (tx, prepared) => {
      const vSwitchId = newId('vsw');
      // Registering in the VPC document makes this creation and DeleteVpc
      // (and a concurrent sibling creation) conflict instead of interleave.
      const vpc = await addVpcDependent(tx, input.vpcId, input.uid, 'vSwitch', vSwitchId);
      if (vpc === undefined) throw new CloudError('InvalidVpcId.NotFound');
      // The VPC's block may have been resized (ModifyVpcAttribute) since validation.
      if (!cidrContains(parseCidr(vpc.cidrBlock)!, prepared.cidr))
        throw new CloudError('InvalidParameter', { detail: 'Specified CIDR block is not valid in VPC.' });
      await checkNoOverlap(plane, tx, input.vpcId, vpc.dependents.vSwitch ?? [], prepared);
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
        resourceGroupId: prepared.resourceGroupId,
        tags: input.tags,
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
  if (input.vpcIpv6CidrBlock !== undefined && input.ipv6CidrBlock === undefined)
    throw new CloudError('MissingParam', { param: 'Ipv6CidrBlock' });
  checkVpcIpv6CidrBlock(vpc, input.vpcIpv6CidrBlock);
  const siblings = siblingsOf(plane, vpc.vpcId);
  const ipv6CidrBlock = input.ipv6CidrBlock === undefined ? null : vSwitchBlock(vpc, input.ipv6CidrBlock, siblings);
  for (const sibling of siblings) {
    if (cidrsOverlap(parseCidr(sibling.cidrBlock)!, cidr)) throw new CloudError('InvalidCidrBlock.Overlapped');
  }
  return { cidr, ipv6CidrBlock, resourceGroupId: input.resourceGroupId ?? vpc.resourceGroupId ?? '' };
}

/** The vSwitches of a VPC as the replica has them (from its dependents index, not a scan). */
function siblingsOf(plane: Plane, vpcId: string): VSwitch[] {
  const siblings: VSwitch[] = [];
  for (const id of plane.replica.vSwitchIdsOfVpc(vpcId)) {
    const vSwitch = plane.replica.get('vSwitch', id);
    if (vSwitch !== undefined) siblings.push(vSwitch);
  }
  return siblings;
}

/** Overlap (IPv4, or the same IPv6 /64) against the siblings as the store has them: the replica may lag another API process. */
async function checkNoOverlap(
  plane: Plane,
  tx: Transaction,
  vpcId: string,
  siblingIds: readonly string[],
  prepared: PreparedVSwitch,
): Promise<void> {
  const ids = new Set([...siblingIds, ...plane.replica.vSwitchIdsOfVpc(vpcId)]);
  for (const id of ids) {
    const current = await tx.get('vSwitch', id);
    if (current === undefined) continue;
    if (cidrsOverlap(parseCidr(current.cidrBlock)!, prepared.cidr)) throw new CloudError('InvalidCidrBlock.Overlapped');
    if (prepared.ipv6CidrBlock !== null && current.ipv6CidrBlock === prepared.ipv6CidrBlock)
      throw new CloudError('OperationFailed.Ipv6CidrBlockExisted', { detail: `${prepared.ipv6CidrBlock} is used by ${id}.` });
  }
}

export interface DeleteVSwitchInput {
  uid: string;
  regionId: string | undefined;
  vSwitchId: string;
}

function anyInUse(stored: DocTypes['ipAllocation'] | undefined, vSwitchId: string): boolean {
  const allocation = currentAllocation(stored, vSwitchId);
  return inUse(allocation, 4) || inUse(allocation, 6);
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
  if (anyInUse(plane.replica.get('ipAllocation', input.vSwitchId), input.vSwitchId)) throw new CloudError('DependencyViolation');
  await plane.write(async (tx) => {
    const current = await tx.get('vSwitch', input.vSwitchId);
    if (current === undefined || current.uid !== input.uid) throw new CloudError('InvalidVSwitchId.NotFound');
    if (anyInUse(await tx.get('ipAllocation', input.vSwitchId), input.vSwitchId)) throw new CloudError('DependencyViolation');
    tx.delete('vSwitch', input.vSwitchId);
    tx.delete('ipAllocation', input.vSwitchId);
    await removeVpcDependent(tx, current.vpcId, 'vSwitch', input.vSwitchId);
  });
}
