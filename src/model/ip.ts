/**
 * IP address text: the one parser and the one canonical form for the whole program. The policy
 * evaluator's address matching (policy/address-match.ts), the DNS wire codec and zone data, PrivateZone
 * record values and the prefix arithmetic of model/cidr.ts all read and write addresses here.
 *
 * The forms accepted are those of RFC 4291 §2.2 for IPv6 — groups of one to four hex digits, at
 * most one `::` standing for one or more zero groups, an optional dotted IPv4 tail in the last 32
 * bits — and the strict dotted quad for IPv4: four decimal parts 0–255 without leading zeros (they
 * read as octal in some stacks). No zone index (`fe80::1%eth0` names an interface, not an address).
 *
 * One pass, no regular expression and no allocation: the parsers write into a caller's buffer.
 * They run for every AAAA record a replica loads and for every IP condition a policy evaluates.
 */

/** Dotted quad in text[start, end) → unsigned 32-bit value, or -1 when it is not one. */
export function parseIpv4(text: string, start = 0, end = text.length): number {
  let value = 0;
  let i = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= end || text.charCodeAt(i) !== 46) return -1;
      i++;
    }
    const digitsStart = i;
    let octet = 0;
    for (; i < end && i - digitsStart < 3; i++) {
      const code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      octet = octet * 10 + (code - 48);
    }
    const digits = i - digitsStart;
    if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(digitsStart) === 48)) return -1;
    value = value * 256 + octet;
  }
  return i === end ? value : -1;
}

/** Value of a hex digit's char code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Parses IPv6 text[start, end) into its eight 16-bit groups; false when it is not an IPv6 address. */
export function parseIpv6(text: string, groups: Uint16Array, start = 0, end = text.length): boolean {
  const n = end;
  if (n - start < 2 || n - start > 45) return false;
  let count = 0;
  /** Where "::" stands, as an index into the groups; -1 when there is none. */
  let gap = -1;
  let i = start;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
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
      const quad = count <= 6 ? parseIpv4(text, i, n) : -1;
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
    if (i < n && text.charCodeAt(i) === 58) {
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

/** The dotted quad of a 32-bit value. */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

/**
 * The RFC 5952 §4 text of eight groups: lowercase, leading zeros dropped, the first longest run
 * (≥ 2) of zero groups as "::". A dotted IPv4 tail is written as hex groups (`::ffff:c000:201`),
 * as the WHATWG URL serializer writes it, so the one form is used everywhere.
 */
export function formatIpv6(groups: Uint16Array): string {
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

/** Reused by canonicalIpv6, which is synchronous. */
const scratch = new Uint16Array(8);

/** Whether `text` is an IPv4 address in the strict form above. */
export function isIpv4Text(text: string): boolean {
  return parseIpv4(text) >= 0;
}

/** Whether `text` is an IPv6 address in a form above. */
export function isIpv6Text(text: string): boolean {
  return parseIpv6(text, scratch);
}

/** IPv6 text in its canonical form ("2001:DB8:0::1" → "2001:db8::1"); undefined when it is not IPv6. */
export function canonicalIpv6(text: string): string | undefined {
  return parseIpv6(text, scratch) ? formatIpv6(scratch) : undefined;
}
