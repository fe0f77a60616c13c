import { CloudError } from '../errors/catalogue.js';
import { cidrContains, cidrsOverlap, formatIp, isCanonicalCidr, parseCidr } from '../model/cidr.js';
import type { Vpc, VSwitch } from '../model/types.js';

/**
 * IPv6 of VPCs and vSwitches (https://api.aliyun.com/api/Vpc/2016-04-28/CreateVpc,
 * ModifyVpcAttribute, CreateVSwitch, ModifyVSwitchAttribute): a VPC gets a /56,
 * each vSwitch the /64 whose last 8 bits (0–255) it names.
 */

/** The only Ipv6Isp plinkd has: single-line ISP blocks need an allowlist the cloud grants. */
export const IPV6_ISP = 'BGP';

/** Global unicast (RFC 4291 §2.4): where the cloud's IPv6 blocks come from. */
const GLOBAL_UNICAST = parseCidr('2000::/3')!;

/** A /56 for the VPC, as the cloud assigns one on EnableIpv6 (global unicast 2408::/16 space). */
export function randomIpv6Block(): string {
  const hex = (n: number): string => Math.floor(Math.random() * n).toString(16);
  const text = `2408:${hex(0x10000)}:${hex(0x10000)}:${hex(0x100)}00::/56`;
  return `${formatIp(6, parseCidr(text)!.base)}/56`;
}

/** Ipv6Isp: BGP (the default) only. */
export function checkIpv6Isp(isp: string | undefined): void {
  if (isp !== undefined && isp !== IPV6_ISP) throw new CloudError('UnsupportedFeature.Ipv6Isp');
}

/**
 * A VPC IPv6 block the caller names (Ipv6CidrBlock): a canonical global
 * unicast /56 no other VPC uses. Returns it in RFC 5952 form.
 */
export function checkChosenVpcBlock(text: string, others: Iterable<Vpc>, bad: () => CloudError): string {
  const cidr = parseCidr(text);
  if (cidr === undefined || cidr.family !== 6 || cidr.prefixLength !== 56 || !isCanonicalCidr(text) || !cidrContains(GLOBAL_UNICAST, cidr))
    throw bad();
  for (const vpc of others) {
    const used = vpc.ipv6CidrBlock === null ? undefined : parseCidr(vpc.ipv6CidrBlock);
    if (used !== undefined && cidrsOverlap(used, cidr)) throw bad();
  }
  return `${formatIp(6, cidr.base)}/56`;
}

/** The /64 of the VPC's /56 whose last 8 bits are `index`. */
export function subnet64(vpcBlock: string, index: number): string {
  const base = parseCidr(vpcBlock)!;
  return `${formatIp(6, base.base | (BigInt(index) << 64n))}/64`;
}

/** VpcIpv6CidrBlock (which of the VPC's blocks a vSwitch carves from): plinkd's VPCs have one. */
export function checkVpcIpv6CidrBlock(vpc: Vpc, given: string | undefined): void {
  if (given === undefined) return;
  const cidr = parseCidr(given);
  const own = vpc.ipv6CidrBlock === null ? undefined : parseCidr(vpc.ipv6CidrBlock);
  if (cidr === undefined || own === undefined || cidr.family !== 6 || cidr.base !== own.base || cidr.prefixLength !== own.prefixLength)
    throw new CloudError('IllegalParam', { param: 'VpcIpv6CidrBlock', reason: 'is not the IPv6 CIDR block of the VPC' });
}

/** The /64 `index` of the VPC, refused when a sibling vSwitch (other than `self`) has it already. */
export function vSwitchBlock(vpc: Vpc, index: number, siblings: Iterable<VSwitch>, self?: string): string {
  if (vpc.ipv6CidrBlock === null)
    throw new CloudError('OperationFailed.VpcIpv6Disabled', { detail: `IPv6 is not enabled for ${vpc.vpcId}.` });
  const block = subnet64(vpc.ipv6CidrBlock, index);
  for (const sibling of siblings) {
    if (sibling.vSwitchId !== self && sibling.vpcId === vpc.vpcId && sibling.ipv6CidrBlock === block)
      throw new CloudError('OperationFailed.Ipv6CidrBlockExisted', { detail: `${block} is used by ${sibling.vSwitchId}.` });
  }
  return block;
}

/** The lowest /64 index of the VPC no sibling uses (for EnableIPv6 without Ipv6CidrBlock). */
export function freeVSwitchIndex(vpc: Vpc, siblings: Iterable<VSwitch>): number {
  const used = new Set<string>();
  for (const sibling of siblings) if (sibling.vpcId === vpc.vpcId && sibling.ipv6CidrBlock !== null) used.add(sibling.ipv6CidrBlock);
  for (let index = 0; index < 256; index++) if (!used.has(subnet64(vpc.ipv6CidrBlock!, index))) return index;
  throw new CloudError('OperationFailed.Ipv6CidrBlockExisted', { detail: `every /64 of ${vpc.vpcId} is used.` });
}
