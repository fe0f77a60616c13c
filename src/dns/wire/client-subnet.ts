import type { ClientSubnet } from '../lookup/types.js';
import { bytesToIpv4, bytesToIpv6 } from './address-text.js';
import { WireFormatError } from './errors.js';

/** ECS as received: the parsed subnet plus the raw fields to echo (RFC 7871 §7.2.1). */
export interface ReceivedClientSubnet {
  subnet: ClientSubnet;
  /** ADDRESS exactly as sent: ceil(SOURCE PREFIX-LENGTH / 8) octets. */
  addressBytes: Buffer;
}

const MAX_PREFIX = { 1: 32, 2: 128 } as const;

function reject(detail: string): never {
  throw new WireFormatError('bad-client-subnet', detail);
}

/**
 * Parses and validates an EDNS Client Subnet option (RFC 7871 §6). A wrongly
 * formatted option — unknown FAMILY, a prefix longer than the family allows,
 * more or fewer ADDRESS octets than the prefix needs, or bits set beyond the
 * prefix — is rejected with FORMERR (§7.2.1). SCOPE PREFIX-LENGTH MUST be 0 in
 * queries; a non-zero value is ignored rather than refused, as BIND and Knot do.
 */
export function parseClientSubnet(data: Buffer): ReceivedClientSubnet {
  if (data.length < 4) reject(`option is ${data.length} octets, needs at least 4`);
  const family = data.readUInt16BE(0);
  if (family !== 1 && family !== 2) reject(`unknown FAMILY ${family}`);
  const sourcePrefixLength = data[2] as number;
  const max = MAX_PREFIX[family];
  if (sourcePrefixLength > max) reject(`SOURCE PREFIX-LENGTH ${sourcePrefixLength} over ${max}`);
  const addressBytes = data.subarray(4);
  const needed = Math.ceil(sourcePrefixLength / 8);
  if (addressBytes.length !== needed) {
    reject(`ADDRESS has ${addressBytes.length} octets, SOURCE PREFIX-LENGTH ${sourcePrefixLength} needs ${needed}`);
  }
  const spareBits = needed * 8 - sourcePrefixLength;
  if (spareBits > 0 && ((addressBytes[needed - 1] as number) & ((1 << spareBits) - 1)) !== 0) {
    reject('ADDRESS has bits set beyond SOURCE PREFIX-LENGTH');
  }
  const full = Buffer.alloc(family === 1 ? 4 : 16);
  addressBytes.copy(full);
  const address = family === 1 ? bytesToIpv4(full) : bytesToIpv6(full);
  return { subnet: { family, sourcePrefixLength, address }, addressBytes: Buffer.from(addressBytes) };
}

/**
 * The option data to echo: FAMILY, SOURCE PREFIX-LENGTH and ADDRESS as received,
 * SCOPE PREFIX-LENGTH from the view (RFC 7871 §7.2.1), capped at the family's width
 * (and 0 for a /0 query).
 */
export function clientSubnetReply(received: ReceivedClientSubnet, scopePrefixLength: number): Buffer {
  const { family, sourcePrefixLength } = received.subnet;
  // An answer cannot depend on zero bits of address: /0 in, scope 0 out (RFC 7871 §7.1.2).
  const cap = sourcePrefixLength === 0 ? 0 : MAX_PREFIX[family];
  const scope = Math.max(0, Math.min(cap, Math.trunc(scopePrefixLength)));
  const out = Buffer.allocUnsafe(4 + received.addressBytes.length);
  out.writeUInt16BE(family, 0);
  out[2] = sourcePrefixLength;
  out[3] = scope;
  received.addressBytes.copy(out, 4);
  return out;
}
