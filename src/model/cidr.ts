import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './ip.js';

/** An IPv4 or IPv6 prefix as numbers, so containment and overlap never compare strings (the control plane's VPC and vSwitch blocks, resolver bindings' source CIDRs). */
export interface Cidr {
  family: 4 | 6;
  /** Network address (host bits zero). */
  base: bigint;
  prefixLength: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Reused by parseIp and formatIp, which are synchronous. */
const groups = new Uint16Array(8);

/** An address as a number (model/ip.ts reads the text). */
export function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return { family: 4, value: BigInt(v4) };
  if (!parseIpv6(text, groups)) return undefined;
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return { family: 6, value };
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (ip === undefined || !/^\d{1,3}$/.test(lengthText)) return undefined;
  const prefixLength = Number(lengthText);
  if (prefixLength > BITS[ip.family]) return undefined;
  const hostBits = BigInt(BITS[ip.family] - prefixLength);
  return { family: ip.family, base: (ip.value >> hostBits) << hostBits, prefixLength };
}

/** True when `text` is a CIDR whose host bits are zero (the cloud refuses 10.0.0.1/8). */
export function isCanonicalCidr(text: string): boolean {
  const cidr = parseCidr(text);
  return cidr !== undefined && parseIp(text.slice(0, text.indexOf('/')))!.value === cidr.base;
}

export function sizeOf(cidr: Cidr): bigint {
  return 1n << BigInt(BITS[cidr.family] - cidr.prefixLength);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefixLength < outer.prefixLength) return false;
  const hostBits = BigInt(BITS[outer.family] - outer.prefixLength);
  return inner.base >> hostBits === outer.base >> hostBits;
}

export function cidrContainsIp(cidr: Cidr, ip: { family: 4 | 6; value: bigint }): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt(BITS[cidr.family] - cidr.prefixLength);
  return ip.value >> hostBits === cidr.base >> hostBits;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** The canonical text of an address (model/ip.ts). */
export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) return formatIpv4(Number(value & 0xffffffffn));
  for (let i = 0; i < 8; i++) groups[i] = Number((value >> BigInt(112 - 16 * i)) & 0xffffn);
  return formatIpv6(groups);
}
