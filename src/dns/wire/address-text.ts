import { isIPv4, isIPv6 } from 'node:net';
import { EncodeError } from './errors.js';

/** "192.0.2.1" → 4 bytes. Strict dotted quad (node:net decides what is valid). */
export function ipv4ToBytes(text: string): Buffer {
  if (!isIPv4(text)) throw new EncodeError(`not an IPv4 address: "${text}"`);
  return Buffer.from(text.split('.').map(Number));
}

/** "2001:db8::1" (also "::ffff:192.0.2.1") → 16 bytes. */
export function ipv6ToBytes(text: string): Buffer {
  if (!isIPv6(text)) throw new EncodeError(`not an IPv6 address: "${text}"`);
  let head = text;
  const out = Buffer.alloc(16);
  const dotted = head.lastIndexOf('.') >= 0 ? head.slice(head.lastIndexOf(':') + 1) : undefined;
  let tailStart = 16;
  if (dotted !== undefined) {
    ipv4ToBytes(dotted).copy(out, 12);
    head = head.slice(0, head.length - dotted.length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
    tailStart = 12;
  }
  const [left = '', right] = head.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const leftGroups = parse(left);
  const rightGroups = right === undefined ? [] : parse(right);
  leftGroups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  const rightStart = tailStart - rightGroups.length * 2;
  rightGroups.forEach((g, i) => out.writeUInt16BE(g, rightStart + i * 2));
  return out;
}

export function bytesToIpv4(bytes: Uint8Array): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

/** RFC 5952 text: lowercase, leading zeros dropped, longest run (≥ 2) of zero groups as "::". */
export function bytesToIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
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
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
