import { CloudError } from '../errors/catalogue.js';
import { currentAllocation, inUse } from '../model/ipam.js';
import type { VSwitch } from '../model/types.js';
import type { Plane } from './plane.js';
import { vSwitchesOf } from './vpc-attributes.js';
import { checkVpcIpv6CidrBlock, freeVSwitchIndex, vSwitchBlock } from './vpc-ipv6.js';
import { isValidVpcDescription, isValidVpcName } from './vpcs.js';

/**
 * ModifyVSwitchAttribute (https://api.aliyun.com/api/Vpc/2016-04-28/ModifyVSwitchAttribute):
 * name and description; IPv6 on (the /64 named by Ipv6CidrBlock, or the lowest
 * free one), moved to another /64, or off. A /64 that ENIs hold addresses in
 * is neither moved nor removed (OperationFailed.Ipv6InstanceExist).
 */
export interface ModifyVSwitchInput {
  uid: string;
  regionId: string | undefined;
  vSwitchId: string;
  vSwitchName: string | undefined;
  description: string | undefined;
  enableIpv6: boolean | undefined;
  /** The /64's last 8 bits (0–255). */
  ipv6CidrBlock: number | undefined;
  vpcIpv6CidrBlock: string | undefined;
}

function ownVSwitch(vSwitch: VSwitch | undefined, input: ModifyVSwitchInput): VSwitch {
  if (vSwitch === undefined || vSwitch.uid !== input.uid || (input.regionId !== undefined && vSwitch.regionId !== input.regionId))
    throw new CloudError('InvalidVSwitchId.NotFound');
  return vSwitch;
}

export async function modifyVSwitch(plane: Plane, input: ModifyVSwitchInput): Promise<void> {
  ownVSwitch(plane.replica.get('vSwitch', input.vSwitchId), input);
  if (input.vSwitchName !== undefined && !isValidVpcName(input.vSwitchName)) throw new CloudError('InvalidVSwitchName.Malformed');
  if (input.description !== undefined && !isValidVpcDescription(input.description))
    throw new CloudError('InvalidVSwitchDiscription.Malformed');
  if (input.enableIpv6 === false && input.ipv6CidrBlock !== undefined) throw new CloudError('ParamExclusive.DisableIpv6AndIpv6CidrBlock');
  await plane.write(async (tx) => {
    const current = ownVSwitch(await tx.get('vSwitch', input.vSwitchId), input);
    const vpc = await tx.get('vpc', current.vpcId);
    if (vpc === undefined) throw new CloudError('InvalidVSwitchId.NotFound');
    const next: VSwitch = { ...current };
    if (input.vSwitchName !== undefined) next.vSwitchName = input.vSwitchName;
    if (input.description !== undefined) next.description = input.description;
    const ipv6InUse = inUse(currentAllocation(await tx.get('ipAllocation', current.vSwitchId), current.vSwitchId), 6);
    if (input.enableIpv6 === false) {
      if (current.ipv6CidrBlock !== null && ipv6InUse) throw new CloudError('OperationFailed.Ipv6InstanceExist');
      next.ipv6CidrBlock = null;
    } else if (input.enableIpv6 === true || input.ipv6CidrBlock !== undefined || input.vpcIpv6CidrBlock !== undefined) {
      if (vpc.ipv6CidrBlock === null)
        throw new CloudError('OperationFailed.VpcIpv6Disabled', { detail: `IPv6 is not enabled for ${vpc.vpcId}.` });
      checkVpcIpv6CidrBlock(vpc, input.vpcIpv6CidrBlock);
      const siblings = await vSwitchesOf(plane, tx, vpc);
      if (current.ipv6CidrBlock === null) {
        if (input.enableIpv6 !== undefined || input.ipv6CidrBlock !== undefined)
          next.ipv6CidrBlock = vSwitchBlock(vpc, input.ipv6CidrBlock ?? freeVSwitchIndex(vpc, siblings), siblings, current.vSwitchId);
      } else if (input.ipv6CidrBlock !== undefined) {
        const block = vSwitchBlock(vpc, input.ipv6CidrBlock, siblings, current.vSwitchId);
        if (block !== current.ipv6CidrBlock) {
          if (input.enableIpv6 === true)
            throw new CloudError('OperationFailed.Ipv6AlreadyEnabled', { detail: `IPv6 is already enabled for ${current.vSwitchId}.` });
          if (ipv6InUse) throw new CloudError('OperationFailed.Ipv6InstanceExist');
          next.ipv6CidrBlock = block;
        }
      }
    }
    tx.put('vSwitch', current.vSwitchId, next);
  });
}
