/**
 * IPv4 and IPv6 addresses as 128 bits (four unsigned 32-bit words), never as strings, so
 * `2001:DB8::1`, `2001:db8:0:0:0:0:0:1` and `2001:0db8::0001` are one address.
 *
 * An IPv4 address is held as its IPv4-mapped IPv6 form `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2),
 * which makes a request from `::ffff:10.0.0.5` fall inside the policy CIDR `10.0.0.0/8`
 * (a dual-stack socket reports IPv4 peers that way) while an IPv4 /0 still never matches a
 * native IPv6 address.
 *
 * Parsing writes into a caller-supplied Uint32Array: evaluation reuses one scratch buffer and
 * allocates nothing per request.
 */

/** Parses `text` into `out` (4 words). Returns false, leaving `out` unspecified, if invalid. */
export function parseAddress(text: string, out: Uint32Array): boolean {
  if (text.indexOf(':') >= 0) return parseIpv6(text, 0, text.length, out);
  const v4 = parseIpv4(text, 0, text.length);
  if (v4 < 0) return false;
  out[0] = 0;
  out[1] = 0;
  out[2] = 0xffff;
  out[3] = v4;
  return true;
}

/** Dotted quad in text[start, end) → unsigned 32-bit value, or -1. No leading zeros (they read as octal in some stacks). */
function parseIpv4(text: string, start: number, end: number): number {
  let value = 0;
  let octets = 0;
  let i = start;
  while (octets < 4) {
    const digitsStart = i;
    let octet = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      i++;
      if (i - digitsStart > 3) return -1;
    }
    const digits = i - digitsStart;
    if (digits === 0 || octet > 255) return -1;
    if (digits > 1 && text.charCodeAt(digitsStart) === 48) return -1;
    value = value * 256 + octet;
    octets++;
    if (octets < 4) {
      if (i >= end || text.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  return i === end ? value >>> 0 : -1;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 32;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** Scratch for the 16-bit groups of one IPv6 address (module-level: parsing is synchronous). */
const groups = new Uint16Array(8);

/** RFC 4291 §2.2 text forms: full, `::`-compressed, and with a trailing dotted quad. */
function parseIpv6(text: string, start: number, end: number, out: Uint32Array): boolean {
  let count = 0;
  let compressAt = -1;
  let i = start;
  if (end - start < 2) return false;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    compressAt = 0;
    i += 2;
    if (i === end) return fill(count, compressAt, out);
  }
  while (i < end) {
    if (count === 8) return false;
    const groupStart = i;
    let value = 0;
    while (i < end) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      value = value * 16 + h;
      i++;
    }
    const digits = i - groupStart;
    if (i < end && text.charCodeAt(i) === 46) {
      // Embedded IPv4 in the last 32 bits (`::ffff:1.2.3.4`, `64:ff9b::192.0.2.33`).
      if (count > 6) return false;
      const v4 = parseIpv4(text, groupStart, end);
      if (v4 < 0) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      return fill(count, compressAt, out);
    }
    if (digits === 0 || digits > 4) return false;
    groups[count++] = value;
    if (i === end) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i < end && text.charCodeAt(i) === 58) {
      if (compressAt >= 0) return false;
      compressAt = count;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false;
    }
  }
  return fill(count, compressAt, out);
}

function fill(count: number, compressAt: number, out: Uint32Array): boolean {
  if (compressAt < 0 ? count !== 8 : count > 7) return false;
  const gap = 8 - count;
  let word = 0;
  let half = 0;
  for (let g = 0; g < 8; g++) {
    let value: number;
    if (compressAt < 0 || g < compressAt) value = groups[g] ?? 0;
    else if (g < compressAt + gap) value = 0;
    else value = groups[g - gap] ?? 0;
    if (half === 0) word = value * 65536;
    else out[g >> 1] = word + value;
    half ^= 1;
  }
  return true;
}

/** A network: address words masked to `prefix` bits, plus the mask itself. */
export interface Cidr {
  readonly network: Uint32Array;
  readonly mask: Uint32Array;
}

/**
 * `10.0.0.0/8`, `2001:db8::/32`, or a bare address (= /32 or /128). Host bits past the
 * prefix are ignored, as in the cloud's IP conditions. Returns null when invalid.
 */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const network = new Uint32Array(4);
  if (!parseAddress(addressText, network)) return null;
  const isV4 = addressText.indexOf(':') < 0;
  const maxPrefix = isV4 ? 32 : 128;
  let prefix = maxPrefix;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > maxPrefix) return null;
  }
  const bits = isV4 ? prefix + 96 : prefix;
  const mask = new Uint32Array(4);
  for (let w = 0; w < 4; w++) {
    const take = Math.max(0, Math.min(32, bits - w * 32));
    mask[w] = take === 0 ? 0 : (0xffffffff << (32 - take)) >>> 0;
    network[w] = ((network[w] ?? 0) & (mask[w] ?? 0)) >>> 0;
  }
  return { network, mask };
}

/** True when the parsed address lies in the network. */
export function cidrContains(cidr: Cidr, address: Uint32Array): boolean {
  const { network, mask } = cidr;
  return (
    (address[0]! & mask[0]!) >>> 0 === network[0] &&
    (address[1]! & mask[1]!) >>> 0 === network[1] &&
    (address[2]! & mask[2]!) >>> 0 === network[2] &&
    (address[3]! & mask[3]!) >>> 0 === network[3]
  );
}
