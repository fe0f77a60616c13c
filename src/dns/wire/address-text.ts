import { isIPv4 } from 'node:net';
import { EncodeError } from './errors.js';

/** "192.0.2.1" → 4 bytes. Strict dotted quad (node:net decides what is valid). */
export function ipv4ToBytes(text: string): Buffer {
  if (!isIPv4(text)) throw new EncodeError(`not an IPv4 address: "${text}"`);
  return Buffer.from(text.split('.').map(Number));
}

/** "192.0.2.1" → its 32-bit value, or -1 when it is not a dotted quad (as ipv4ToBytes accepts). No allocation. */
export function ipv4Value(text: string): number {
  return dottedQuad(text, 0);
}

/** Reused by ipv6ToBytes, which is synchronous: no allocation beyond the result. */
const scratchGroups = new Uint16Array(8);

/** "2001:db8::1" (also "::ffff:192.0.2.1") → 16 bytes. */
export function ipv6ToBytes(text: string): Buffer {
  const groups = scratchGroups;
  if (!parseIPv6(text, groups)) throw new EncodeError(`not an IPv6 address: "${text}"`);
  const out = Buffer.allocUnsafe(16);
  for (let i = 0; i < 8; i++) out.writeUInt16BE(groups[i]!, i * 2);
  return out;
}

/** Value of a hex digit's char code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/**
 * A dotted quad from `text[from]` to its end as one 32-bit number, or -1. As node:net's
 * isIPv4 (and RFC 4291 §2.2's "d.d.d.d"): four decimal parts 0–255 without leading zeros.
 */
function dottedQuad(text: string, from: number): number {
  let value = 0;
  let i = from;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== 46) return -1;
      i++;
    }
    const start = i;
    let octet = 0;
    for (; i < text.length && i - start < 3; i++) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      octet = octet * 10 + (code - 48);
    }
    const digits = i - start;
    if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return -1;
    value = value * 256 + octet;
  }
  return i === text.length ? value : -1;
}

/**
 * Parses IPv6 text into its eight 16-bit groups; false when `text` is not an IPv6
 * address. The forms of RFC 4291 §2.2: groups of one to four hex digits, at most one
 * "::" standing for one or more zero groups, and an optional dotted IPv4 tail in the
 * last 32 bits. No zone index ("fe80::1%eth0" names an interface, not an address, and
 * has no place in DNS data). One pass without a regular expression or an allocation:
 * it runs for every AAAA address of every endpoint a replica loads.
 */
export function parseIPv6(text: string, groups: Uint16Array): boolean {
  const n = text.length;
  if (n < 2 || n > 45) return false;
  let count = 0;
  /** Where "::" stands, as an index into the groups; -1 when there is none. */
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let value = 0;
    let j = i;
    for (; j < n && j - i < 5; j++) {
      const digit = hexValue(text.charCodeAt(j));
      if (digit < 0) break;
      value = value * 16 + digit;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      // The dotted tail: the last 32 bits, so nothing may follow it.
      const quad = count <= 6 ? dottedQuad(text, i) : -1;
      if (quad < 0) return false;
      groups[count++] = quad >>> 16;
      groups[count++] = quad & 0xffff;
      break;
    }
    const digits = j - i;
    if (digits === 0 || digits > 4 || count === 8) return false;
    groups[count++] = value;
    i = j;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (text.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = count;
      i++;
    } else if (i === n) return false;
  }
  if (gap < 0) return count === 8;
  if (count > 7) return false;
  // Slide the groups after "::" to the end and zero the ones it stands for.
  const after = count - gap;
  for (let k = 1; k <= after; k++) groups[8 - k] = groups[count - k]!;
  for (let k = gap; k < 8 - after; k++) groups[k] = 0;
  return true;
}

export function bytesToIpv4(bytes: Uint8Array): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

/** RFC 5952 text: lowercase, leading zeros dropped, longest run (≥ 2) of zero groups as "::". */
export function bytesToIpv6(bytes: Uint8Array): string {
  const groups = new Uint16Array(8);
  for (let i = 0; i < 8; i++) groups[i] = ((bytes[i * 2] as number) << 8) | (bytes[i * 2 + 1] as number);
  return formatIPv6(groups);
}

/** The RFC 5952 §4 text of eight groups (the first of equal longest zero runs is compressed). */
export function formatIPv6(groups: Uint16Array): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      text += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    text += groups[i]!.toString(16);
    if (i < 7) text += ':';
  }
  return text;
}
