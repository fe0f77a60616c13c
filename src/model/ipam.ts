import { cidrContainsIp, formatIp, parseCidr, parseIp, sizeOf, type Cidr } from './cidr.js';
import type { IpAllocation, LegacyIpAllocation, VSwitch } from './types.js';

export type AllocationResult =
  { ok: true; address: string } | { ok: false; reason: 'not-in-vswitch' | 'reserved' | 'in-use' | 'exhausted' | 'malformed' };

/**
 * The cloud reserves the first and the last three addresses of every vSwitch
 * CIDR block (Alibaba Cloud VPC docs, "vSwitch": e.g. 192.168.1.0 and
 * 192.168.1.253–255 of 192.168.1.0/24); ENIs get the others.
 */
const RESERVED_HEAD = 1n;
const RESERVED_TAIL = 3n;

/**
 * A stored allocation document that is neither form (types.ts IpAllocation, LegacyIpAllocation)
 * or holds a range that does not parse: damage, or a writer that does not know the document.
 * Names the vSwitch so that its document can be found and repaired; nothing is written.
 */
export class MalformedAllocationError extends Error {
  override name = 'MalformedAllocationError';
  constructor(
    readonly vSwitchId: string,
    detail: string,
  ) {
    super(`the address allocation of vSwitch ${vSwitchId} is malformed: ${detail}`);
  }
}

/** Addresses in use, as ascending, disjoint, non-adjacent inclusive ranges. */
type Ranges = Array<[bigint, bigint]>;

export function emptyAllocation(vSwitchId: string): IpAllocation {
  return { vSwitchId, v4Ranges: '', v6Ranges: '' };
}

/**
 * The allocation as ranges, whichever form the store holds, told apart by its fields
 * (types.ts IpAllocation: v4Ranges/v6Ranges; LegacyIpAllocation: v4/v6 maps); an absent
 * document is an empty allocation.
 */
export function currentAllocation(stored: IpAllocation | LegacyIpAllocation | undefined, vSwitchId: string): IpAllocation {
  if (stored === undefined) return emptyAllocation(vSwitchId);
  if ('v4Ranges' in stored) {
    if (typeof stored.v4Ranges !== 'string' || typeof stored.v6Ranges !== 'string')
      throw new MalformedAllocationError(vSwitchId, 'v4Ranges and v6Ranges must be strings');
    return stored;
  }
  if (!isAddressMap(stored.v4) || !isAddressMap(stored.v6))
    throw new MalformedAllocationError(vSwitchId, 'neither v4Ranges/v6Ranges strings nor v4/v6 maps of the earlier form');
  return {
    vSwitchId: stored.vSwitchId,
    v4Ranges: formatRanges(4, rangesOfAddresses(vSwitchId, 4, Object.keys(stored.v4))),
    v6Ranges: formatRanges(6, rangesOfAddresses(vSwitchId, 6, Object.keys(stored.v6))),
  };
}

function isAddressMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How many addresses of `family` are in use. */
export function usedCount(allocation: IpAllocation, family: 4 | 6): number {
  let count = 0n;
  for (const [from, to] of parseRanges(allocation, family === 4 ? allocation.v4Ranges : allocation.v6Ranges)) count += to - from + 1n;
  return Number(count);
}

export function inUse(allocation: IpAllocation, family: 4 | 6): boolean {
  return (family === 4 ? allocation.v4Ranges : allocation.v6Ranges) !== '';
}

function usableRange(cidr: Cidr): { first: bigint; last: bigint } {
  return { first: cidr.base + RESERVED_HEAD, last: cidr.base + sizeOf(cidr) - 1n - RESERVED_TAIL };
}

/**
 * Hands out one address of the vSwitch, the requested one if given, else the lowest free one.
 * Returns the new allocation document.
 */
export function allocateAddress(
  vSwitch: VSwitch,
  allocation: IpAllocation,
  family: 4 | 6,
  requested?: string,
): { result: AllocationResult; allocation: IpAllocation } {
  const cidrText = family === 4 ? vSwitch.cidrBlock : vSwitch.ipv6CidrBlock;
  const cidr = cidrText === null ? undefined : parseCidr(cidrText);
  if (cidr === undefined) return { result: { ok: false, reason: 'malformed' }, allocation };
  const used = parseRanges(allocation, family === 4 ? allocation.v4Ranges : allocation.v6Ranges);
  const { first, last } = usableRange(cidr);
  let value: bigint;
  if (requested !== undefined) {
    const ip = parseIp(requested);
    if (ip === undefined || ip.family !== family) return { result: { ok: false, reason: 'malformed' }, allocation };
    if (!cidrContainsIp(cidr, ip)) return { result: { ok: false, reason: 'not-in-vswitch' }, allocation };
    if (ip.value < first || ip.value > last) return { result: { ok: false, reason: 'reserved' }, allocation };
    if (used.some(([from, to]) => ip.value >= from && ip.value <= to)) return { result: { ok: false, reason: 'in-use' }, allocation };
    value = ip.value;
  } else {
    // Lowest free address: the first, or the one after the range that covers it (ranges never touch).
    value = first;
    for (const [from, to] of used) {
      if (to < value) continue;
      if (from > value) break;
      value = to + 1n;
    }
    if (value > last) return { result: { ok: false, reason: 'exhausted' }, allocation };
  }
  const ranges = formatRanges(family, withValue(used, value));
  const next: IpAllocation = family === 4 ? { ...allocation, v4Ranges: ranges } : { ...allocation, v6Ranges: ranges };
  return { result: { ok: true, address: formatIp(family, value) }, allocation: next };
}

/** Gives `addresses` (of either family) back to the vSwitch; addresses not in use are ignored. */
export function releaseAddresses(allocation: IpAllocation, addresses: readonly string[]): IpAllocation {
  let v4 = parseRanges(allocation, allocation.v4Ranges);
  let v6 = parseRanges(allocation, allocation.v6Ranges);
  for (const address of addresses) {
    const ip = parseIp(address);
    if (ip === undefined) continue;
    if (ip.family === 4) v4 = withoutValue(v4, ip.value);
    else v6 = withoutValue(v6, ip.value);
  }
  return { ...allocation, v4Ranges: formatRanges(4, v4), v6Ranges: formatRanges(6, v6) };
}

function parseRanges(allocation: IpAllocation, text: string): Ranges {
  if (text === '') return [];
  return text.split(',').map((part) => {
    const dash = part.indexOf('-');
    const from = parseIp(dash < 0 ? part : part.slice(0, dash));
    const to = dash < 0 ? from : parseIp(part.slice(dash + 1));
    if (from === undefined || to === undefined || to.value < from.value)
      throw new MalformedAllocationError(allocation.vSwitchId, `address range '${part}' does not parse`);
    return [from.value, to.value];
  });
}

function formatRanges(family: 4 | 6, ranges: Ranges): string {
  return ranges.map(([from, to]) => (from === to ? formatIp(family, from) : `${formatIp(family, from)}-${formatIp(family, to)}`)).join(',');
}

/**
 * The addresses of an earlier-form map as ranges. A key that is not an address of the family
 * (e.g. '0', '1', … of a ranges string spread into the map by a build of the earlier form) is
 * refused: skipping it would lose the addresses that string held.
 */
function rangesOfAddresses(vSwitchId: string, family: 4 | 6, addresses: readonly string[]): Ranges {
  const values: bigint[] = [];
  for (const address of addresses) {
    const ip = parseIp(address);
    if (ip === undefined || ip.family !== family)
      throw new MalformedAllocationError(vSwitchId, `'${address}' in the v${family} map is not an IPv${family} address`);
    values.push(ip.value);
  }
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Sorted: each value extends the last range or starts one (a repeat falls inside the last).
  const ranges: Ranges = [];
  for (const value of values) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && value <= last[1] + 1n) last[1] = value > last[1] ? value : last[1];
    else ranges.push([value, value]);
  }
  return ranges;
}

/** `ranges` with `value` added, merged with the ranges it touches. */
function withValue(ranges: Ranges, value: bigint): Ranges {
  const next: Ranges = [];
  let from = value;
  let to = value;
  let placed = false;
  for (const [a, b] of ranges) {
    if (b + 1n < from) next.push([a, b]);
    else if (a > to + 1n) {
      if (!placed) next.push([from, to]);
      placed = true;
      next.push([a, b]);
    } else {
      from = a < from ? a : from;
      to = b > to ? b : to;
    }
  }
  if (!placed) next.push([from, to]);
  return next;
}

/** `ranges` without `value` (a range that held it is cut in two). */
function withoutValue(ranges: Ranges, value: bigint): Ranges {
  const next: Ranges = [];
  for (const [a, b] of ranges) {
    if (value < a || value > b) {
      next.push([a, b]);
      continue;
    }
    if (a < value) next.push([a, value - 1n]);
    if (value < b) next.push([value + 1n, b]);
  }
  return next;
}
