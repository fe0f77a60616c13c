import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../model/ip.js';
import { EncodeError } from './errors.js';

/**
 * Address RDATA between its text (model/ip.ts: the one parser and canonical form) and its
 * wire octets (RFC 1035 §3.4.1 A, RFC 3596 §2.2 AAAA).
 */

/** "192.0.2.1" → 4 bytes. */
export function ipv4ToBytes(text: string): Buffer {
  const value = parseIpv4(text);
  if (value < 0) throw new EncodeError(`not an IPv4 address: "${text}"`);
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value, 0);
  return out;
}

/** Reused by ipv6ToBytes and bytesToIpv6, which are synchronous: no allocation beyond the result. */
const scratchGroups = new Uint16Array(8);

/** "2001:db8::1" (also "::ffff:192.0.2.1") → 16 bytes. */
export function ipv6ToBytes(text: string): Buffer {
  const groups = scratchGroups;
  if (!parseIpv6(text, groups)) throw new EncodeError(`not an IPv6 address: "${text}"`);
  const out = Buffer.allocUnsafe(16);
  for (let i = 0; i < 8; i++) out.writeUInt16BE(groups[i]!, i * 2);
  return out;
}

export function bytesToIpv4(bytes: Uint8Array): string {
  return formatIpv4(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0);
}

/** RFC 5952 text: lowercase, leading zeros dropped, longest run (≥ 2) of zero groups as "::". */
export function bytesToIpv6(bytes: Uint8Array): string {
  const groups = scratchGroups;
  for (let i = 0; i < 8; i++) groups[i] = ((bytes[i * 2] as number) << 8) | (bytes[i * 2 + 1] as number);
  return formatIpv6(groups);
}
