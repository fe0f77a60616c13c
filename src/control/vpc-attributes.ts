import { CloudError } from '../errors/catalogue.js';
import { cidrContains, parseCidr } from '../model/cidr.js';
import type { Vpc, VSwitch } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';
import { checkChosenVpcBlock, checkIpv6Isp, randomIpv6Block } from './vpc-ipv6.js';
import { checkVpcCidr, isValidVpcDescription, isValidVpcName, ownVpc } from './vpcs.js';

/**
 * ModifyVpcAttribute (https://api.aliyun.com/api/Vpc/2016-04-28/ModifyVpcAttribute):
 * name and description; the IPv4 block grown or shrunk as long as it still
 * holds every vSwitch; IPv6 turned on (a /56, chosen or assigned) or off
 * (refused while a vSwitch uses it). Applies at once.
 */
export interface ModifyVpcInput {
  uid: string;
  regionId: string | undefined;
  vpcId: string;
  vpcName: string | undefined;
  description: string | undefined;
  cidrBlock: string | undefined;
  enableIpv6: boolean | undefined;
  ipv6CidrBlock: string | undefined;
  ipv6Isp: string | undefined;
}

export async function modifyVpc(plane: Plane, input: ModifyVpcInput): Promise<void> {
  const vpc = ownVpc(plane, input.uid, input.regionId, input.vpcId);
  if (vpc === undefined) throw new CloudError('InvalidVpcId.NotFound');
  if (input.vpcName !== undefined && !isValidVpcName(input.vpcName)) throw new CloudError('InvalidVpcName.Malformed');
  if (input.description !== undefined && !isValidVpcDescription(input.description)) throw new CloudError('InvalidVpcDiscription.Malformed');
  if (input.cidrBlock !== undefined && input.enableIpv6 !== undefined) throw new CloudError('ExclusiveParam.EnableIpv6AndCidrBlock');
  if (input.cidrBlock !== undefined) checkResize(vpc.cidrBlock, input.cidrBlock);
  checkIpv6Isp(input.ipv6Isp);
  if (input.ipv6CidrBlock !== undefined && input.enableIpv6 !== true)
    throw new CloudError('IllegalParam', { param: 'Ipv6Cidr', reason: 'needs EnableIPv6=true' });
  const chosen =
    input.ipv6CidrBlock === undefined
      ? undefined
      : checkChosenVpcBlock(
          input.ipv6CidrBlock,
          [...plane.replica.values('vpc')].filter((other) => other.vpcId !== vpc.vpcId),
          () => new CloudError('IllegalParam', { param: 'Ipv6Cidr' }),
        );
  await plane.write(async (tx) => {
    const current = await tx.get('vpc', input.vpcId);
    if (current === undefined || current.uid !== input.uid) throw new CloudError('InvalidVpcId.NotFound');
    const switches = await vSwitchesOf(plane, tx, current);
    const next: Vpc = { ...current };
    if (input.vpcName !== undefined) next.vpcName = input.vpcName;
    if (input.description !== undefined) next.description = input.description;
    if (input.cidrBlock !== undefined) {
      const cidr = checkResize(current.cidrBlock, input.cidrBlock);
      if (switches.some((s) => !cidrContains(cidr, parseCidr(s.cidrBlock)!))) throw new CloudError('IllegalCidrBlock');
      next.cidrBlock = input.cidrBlock;
    }
    if (input.enableIpv6 === true) next.ipv6CidrBlock = enabledBlock(current, chosen);
    if (input.enableIpv6 === false && current.ipv6CidrBlock !== null) {
      const user = switches.find((s) => s.ipv6CidrBlock !== null);
      if (user !== undefined)
        throw new CloudError('OperationFailed.IpV6VSwitchInuse', {
          detail: `The IPv6 CIDR block of the VPC is used by ${user.vSwitchId}.`,
        });
      next.ipv6CidrBlock = null;
    }
    tx.put('vpc', current.vpcId, next);
  });
}

/**
 * The new block must be a valid VPC block that contains the old one or lies
 * inside it ("expand or shrink within the original block").
 */
function checkResize(oldBlock: string, newBlock: string): ReturnType<typeof checkVpcCidr> {
  const cidr = checkVpcCidr(newBlock, () => new CloudError('InvalidCidrBlock.Malformed'));
  const old = parseCidr(oldBlock)!;
  if (!cidrContains(cidr, old) && !cidrContains(old, cidr)) throw new CloudError('InvalidCidrBlock.Malformed');
  return cidr;
}

/** EnableIPv6 on a VPC that has IPv6 already is a no-op unless another block is named. */
function enabledBlock(vpc: Vpc, chosen: string | undefined): string {
  if (vpc.ipv6CidrBlock === null) return chosen ?? randomIpv6Block();
  if (chosen !== undefined && chosen !== vpc.ipv6CidrBlock)
    throw new CloudError('IllegalParam', { param: 'Ipv6Cidr', reason: 'cannot replace the IPv6 CIDR block of the VPC' });
  return vpc.ipv6CidrBlock;
}

/** The VPC's vSwitches as the store has them (the replica may lag another API process). */
export async function vSwitchesOf(plane: Plane, tx: Transaction, vpc: Vpc): Promise<VSwitch[]> {
  const ids = new Set([...(vpc.dependents.vSwitch ?? []), ...plane.replica.vSwitchIdsOfVpc(vpc.vpcId)]);
  const switches: VSwitch[] = [];
  for (const id of ids) {
    const vSwitch = await tx.get('vSwitch', id);
    if (vSwitch !== undefined && vSwitch.vpcId === vpc.vpcId) switches.push(vSwitch);
  }
  return switches;
}
