import { parseIpv4, parseIpv6 } from '../model/ip.js';

/**
 * The policy evaluator's IP conditions (IpAddress, NotIpAddress on acs:SourceIp): addresses as
 * 128 bits (four unsigned 32-bit words), never as strings, so `2001:DB8::1`,
 * `2001:db8:0:0:0:0:0:1` and `2001:0db8::0001` are one address. The text is read by the
 * program's one address parser (model/ip.ts).
 *
 * An IPv4 address is held as its IPv4-mapped IPv6 form `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2),
 * which makes a request from `::ffff:10.0.0.5` fall inside the policy CIDR `10.0.0.0/8`
 * (a dual-stack socket reports IPv4 peers that way) while an IPv4 /0 still never matches a
 * native IPv6 address.
 *
 * Parsing writes into a caller-supplied Uint32Array: evaluation reuses one scratch buffer and
 * allocates nothing per request.
 */

/** Scratch for the 16-bit groups of one IPv6 address (module-level: parsing is synchronous). */
const groups = new Uint16Array(8);

/** Parses `text` into `out` (4 words). Returns false, leaving `out` unspecified, if invalid. */
export function parseAddress(text: string, out: Uint32Array): boolean {
  if (text.indexOf(':') < 0) {
    const v4 = parseIpv4(text);
    if (v4 < 0) return false;
    out[0] = 0;
    out[1] = 0;
    out[2] = 0xffff;
    out[3] = v4;
    return true;
  }
  if (!parseIpv6(text, groups)) return false;
  for (let w = 0; w < 4; w++) out[w] = groups[2 * w]! * 65536 + groups[2 * w + 1]!;
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
