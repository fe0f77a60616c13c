import { formatIpv4, formatIpv6 } from '../../model/ip.js';

/**
 * Address RDATA from its wire octets (RFC 1035 §3.4.1 A, RFC 3596 §2.2 AAAA) to its text, in
 * the one canonical form of model/ip.ts; the encoder writes parsed groups straight into the
 * message (rdata-encode.ts).
 */

/** Reused by bytesToIpv6, which is synchronous. */
const scratchGroups = new Uint16Array(8);

export function bytesToIpv4(bytes: Uint8Array): string {
  return formatIpv4(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0);
}

/** RFC 5952 text: lowercase, leading zeros dropped, longest run (≥ 2) of zero groups as "::". */
export function bytesToIpv6(bytes: Uint8Array): string {
  const groups = scratchGroups;
  for (let i = 0; i < 8; i++) groups[i] = ((bytes[i * 2] as number) << 8) | (bytes[i * 2 + 1] as number);
  return formatIpv6(groups);
}
