import { cidrContainsIp, formatIp, parseCidr, parseIp, sizeOf, type Cidr } from './cidr.js';
import type { IpAllocation, VSwitch } from './types.js';

export type AllocationResult =
  { ok: true; address: string } | { ok: false; reason: 'not-in-vswitch' | 'reserved' | 'in-use' | 'exhausted' | 'malformed' };

/**
 * The cloud reserves the first and the last three addresses of every vSwitch
 * CIDR block (Alibaba Cloud VPC docs, "vSwitch": e.g. 192.168.1.0 and
 * 192.168.1.253–255 of 192.168.1.0/24); ENIs get the others.
 */
const RESERVED_HEAD = 1n;
const RESERVED_TAIL = 3n;

export function emptyAllocation(vSwitchId: string): IpAllocation {
  return { vSwitchId, v4: {}, v6: {} };
}

function usableRange(cidr: Cidr): { first: bigint; last: bigint } {
  return { first: cidr.base + RESERVED_HEAD, last: cidr.base + sizeOf(cidr) - 1n - RESERVED_TAIL };
}

/**
 * Hands out one address of the vSwitch to `owner` (an ENI id), the requested one
 * if given, else the lowest free one. Returns the new allocation document.
 */
export function allocateAddress(
  vSwitch: VSwitch,
  allocation: IpAllocation,
  family: 4 | 6,
  owner: string,
  requested?: string,
): { result: AllocationResult; allocation: IpAllocation } {
  const cidrText = family === 4 ? vSwitch.cidrBlock : vSwitch.ipv6CidrBlock;
  const cidr = cidrText === null ? undefined : parseCidr(cidrText);
  if (cidr === undefined) return { result: { ok: false, reason: 'malformed' }, allocation };
  const used = family === 4 ? allocation.v4 : allocation.v6;
  const { first, last } = usableRange(cidr);
  let address: string | undefined;
  if (requested !== undefined) {
    const ip = parseIp(requested);
    if (ip === undefined || ip.family !== family) return { result: { ok: false, reason: 'malformed' }, allocation };
    if (!cidrContainsIp(cidr, ip)) return { result: { ok: false, reason: 'not-in-vswitch' }, allocation };
    if (ip.value < first || ip.value > last) return { result: { ok: false, reason: 'reserved' }, allocation };
    address = formatIp(family, ip.value);
    if (used[address] !== undefined) return { result: { ok: false, reason: 'in-use' }, allocation };
  } else {
    // Lowest free address; the used set is small next to the range, so the
    // scan ends after at most |used| + 1 steps.
    for (let value = first; value <= last; value++) {
      const candidate = formatIp(family, value);
      if (used[candidate] === undefined) {
        address = candidate;
        break;
      }
    }
    if (address === undefined) return { result: { ok: false, reason: 'exhausted' }, allocation };
  }
  const next: IpAllocation =
    family === 4 ? { ...allocation, v4: { ...used, [address]: owner } } : { ...allocation, v6: { ...used, [address]: owner } };
  return { result: { ok: true, address }, allocation: next };
}

/** Releases every address `owner` holds in the vSwitch. */
export function releaseAddresses(allocation: IpAllocation, owner: string): IpAllocation {
  const keep = (used: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(used).filter(([, holder]) => holder !== owner));
  return { ...allocation, v4: keep(allocation.v4), v6: keep(allocation.v6) };
}
