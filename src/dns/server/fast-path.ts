import { parseClientSubnet, type ReceivedClientSubnet } from '../wire/client-subnet.js';
import {
  EDNS_DO_FLAG,
  EdnsOptionCode,
  HEADER_SIZE,
  MAX_NAME_LENGTH,
  QClass,
  QType,
  TCP_MESSAGE_LIMIT,
  UDP_ADVERTISED_SIZE,
  UDP_CLASSIC_LIMIT,
} from '../wire/constants.js';
import type { DecodedQuestion } from '../wire/query-decode.js';
import type { Transport } from './types.js';

/**
 * What the fast path read from a query: everything that decides the reply's
 * bytes apart from the view (ID, RD, CD and the question's case are patched).
 */
export interface FastQuery {
  readonly qtype: number;
  /** Offset just past the question name (which starts at 12). */
  readonly nameEnd: number;
  /**
   * The name's wire bytes, lowercased, as a latin1 string: the cache's first key.
   * Read only when the cache may hold the name or takes the reply: at a large
   * fleet most queries are neither, and the string was a tenth of a miss's bytes.
   */
  readonly nameKey: string;
  /** nameKeyHash(nameKey), computed while scanning: the reply cache's presence filter and doorkeeper read it. */
  readonly nameHash: number;
  /** Reply size limit: 512 without EDNS, min(max(size, 512), 1232) with, 65535 over TCP. */
  limit: number;
  /** EDNS present (then our OPT is echoed). */
  edns: boolean;
  dnssecOk: boolean;
  /** The ECS option data as sent (latin1), "" without ECS: it is echoed. */
  ecsKey: string;
  clientSubnet: ReceivedClientSubnet | undefined;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a (32 bits) over a cache key's characters, the root's zero octet
 * included: what scanFastQuery computes over the lowercased name as it scans.
 */
export function nameKeyHash(nameKey: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < nameKey.length; i++) hash = Math.imul(hash ^ nameKey.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** Reused by ScannedQuery's name, which is synchronous. */
const nameScratch = Buffer.allocUnsafe(MAX_NAME_LENGTH);

/**
 * A query as scanFastQuery read it, and its question as decodeQuery would give
 * it (the full path's question on a reply-cache miss: no second object). The
 * cache key and the name's text are made from the message on first read and
 * kept.
 */
export class ScannedQuery implements FastQuery, DecodedQuestion {
  private key: string | undefined = undefined;
  private text: string | undefined = undefined;
  private lower: string | undefined = undefined;

  constructor(
    readonly message: Buffer,
    /** Whether the name has an upper-case letter: its key is then lowercased. */
    private readonly upper: boolean,
    readonly qtype: number,
    readonly nameEnd: number,
    readonly nameHash: number,
    readonly limit: number,
    readonly edns: boolean,
    readonly dnssecOk: boolean,
    readonly ecsKey: string,
    readonly clientSubnet: ReceivedClientSubnet | undefined,
  ) {}

  get nameKey(): string {
    if (this.key === undefined) {
      const raw = this.message.toString('latin1', HEADER_SIZE, this.nameEnd);
      this.key = this.upper ? raw.toLowerCase() : raw;
    }
    return this.key;
  }

  /**
   * The name as asked, read from the scanned bytes instead of decoding them
   * again: it is plain printable ASCII (the scan refused anything else), so its
   * text is its wire bytes with a dot where each length octet after the first stands.
   */
  get name(): string {
    if (this.text !== undefined) return this.text;
    const msg = this.message;
    const root = this.nameEnd - 1;
    let name = '';
    if (root > HEADER_SIZE) {
      // A loop, not msg.copy: copy() makes a Uint8Array view of the range on every call.
      for (let i = HEADER_SIZE + 1; i < root; i++) nameScratch[i - HEADER_SIZE - 1] = msg[i] as number;
      for (let p = HEADER_SIZE + 1 + (msg[HEADER_SIZE] as number); p < root; p += 1 + (msg[p] as number)) {
        nameScratch[p - HEADER_SIZE - 1] = 0x2e;
      }
      name = nameScratch.toString('latin1', 0, root - HEADER_SIZE - 1);
    }
    this.text = name;
    return name;
  }

  /** The scan saw whether the name has an upper-case letter: without one, the name as asked is its lowercase form. */
  get lowerName(): string {
    return (this.lower ??= this.upper ? this.name.toLowerCase() : this.name);
  }

  get nameStart(): number {
    return HEADER_SIZE;
  }

  get type(): number {
    return this.qtype;
  }

  get class(): number {
    return QClass.IN;
  }
}

/**
 * Reads only the common shape of query — QUERY, one IN question with an
 * uncompressed printable-ASCII name, nothing else but at most one version-0
 * OPT with well-formed options — and returns null for anything else, which then
 * takes the full path (and its FORMERR/NOTIMP/BADVERS/REFUSED rules).
 */
export function scanFastQuery(msg: Buffer, transport: Transport): ScannedQuery | null {
  const len = msg.length;
  if (len < HEADER_SIZE + 5) return null;
  // QR = 0 and OPCODE = QUERY; QDCOUNT = 1; ANCOUNT = NSCOUNT = 0; ARCOUNT ≤ 1.
  if (((msg[2] as number) & 0xf8) !== 0) return null;
  if (msg[4] !== 0 || msg[5] !== 1 || msg[6] !== 0 || msg[7] !== 0 || msg[8] !== 0 || msg[9] !== 0 || msg[10] !== 0) return null;
  const arcount = msg[11] as number;
  if (arcount > 1) return null;
  let p = HEADER_SIZE;
  let upper = false;
  let hash = FNV_OFFSET;
  for (;;) {
    if (p >= len) return null;
    const label = msg[p] as number;
    if (label === 0) break;
    if (label > 63) return null;
    const end = p + 1 + label;
    if (end - HEADER_SIZE >= MAX_NAME_LENGTH || end > len) return null;
    hash = Math.imul(hash ^ label, FNV_PRIME);
    for (let i = p + 1; i < end; i++) {
      const b = msg[i] as number;
      // Printable ASCII without "." and "\": bytes the full path writes back unchanged.
      if (b <= 0x20 || b >= 0x7f || b === 0x2e || b === 0x5c) return null;
      if (b >= 0x41 && b <= 0x5a) {
        upper = true;
        hash = Math.imul(hash ^ (b | 0x20), FNV_PRIME);
      } else hash = Math.imul(hash ^ b, FNV_PRIME);
    }
    p = end;
  }
  const nameHash = Math.imul(hash, FNV_PRIME);
  const nameEnd = p + 1;
  if (nameEnd + 4 > len) return null;
  const qtype = ((msg[nameEnd] as number) << 8) | (msg[nameEnd + 1] as number);
  if (msg[nameEnd + 2] !== 0 || msg[nameEnd + 3] !== QClass.IN) return null;
  if (qtype === QType.OPT || qtype === QType.AXFR || qtype === QType.IXFR) return null;
  p = nameEnd + 4;
  if (arcount === 0) {
    if (p !== len) return null;
    const limit = transport === 'tcp' ? TCP_MESSAGE_LIMIT : UDP_CLASSIC_LIMIT;
    return new ScannedQuery(msg, upper, qtype, nameEnd, nameHash, limit, false, false, '', undefined);
  }
  // The OPT: root owner, TYPE 41, version 0, RDATA ending the message.
  if (p + 11 > len || msg[p] !== 0 || msg.readUInt16BE(p + 1) !== QType.OPT || msg[p + 6] !== 0) return null;
  const udpSize = msg.readUInt16BE(p + 3);
  const dnssecOk = (msg.readUInt16BE(p + 7) & EDNS_DO_FLAG) !== 0;
  const rdEnd = p + 11 + msg.readUInt16BE(p + 9);
  if (rdEnd !== len) return null;
  let ecsKey = '';
  let clientSubnet: ReceivedClientSubnet | undefined;
  for (let o = p + 11; o < rdEnd;) {
    if (o + 4 > rdEnd) return null;
    const code = msg.readUInt16BE(o);
    const optEnd = o + 4 + msg.readUInt16BE(o + 2);
    if (optEnd > rdEnd) return null;
    if (code === EdnsOptionCode.CLIENT_SUBNET) {
      if (clientSubnet !== undefined) return null;
      try {
        clientSubnet = parseClientSubnet(msg.subarray(o + 4, optEnd));
      } catch {
        return null;
      }
      ecsKey = msg.toString('latin1', o + 4, optEnd);
    }
    o = optEnd;
  }
  const limit = transport === 'tcp' ? TCP_MESSAGE_LIMIT : Math.min(Math.max(udpSize, UDP_CLASSIC_LIMIT), UDP_ADVERTISED_SIZE);
  return new ScannedQuery(msg, upper, qtype, nameEnd, nameHash, limit, true, dnssecOk, ecsKey, clientSubnet);
}

/**
 * A copy of a cached reply made to answer this query: its ID, its RD and CD
 * bits (the only query flags a reply echoes) and its question name as asked.
 */
export function patchReply(cached: Buffer, query: Buffer, nameEnd: number): Buffer {
  const out = Buffer.allocUnsafe(cached.length);
  out.set(cached);
  out[0] = query[0] as number;
  out[1] = query[1] as number;
  out[2] = ((cached[2] as number) & 0xfe) | ((query[2] as number) & 0x01);
  out[3] = ((cached[3] as number) & 0xef) | ((query[3] as number) & 0x10);
  for (let i = HEADER_SIZE; i < nameEnd; i++) out[i] = query[i] as number;
  return out;
}

/**
 * The cache key of a name of the data layer (lowercase, no trailing dot):
 * its wire form (RFC 1035 §3.1: length-prefixed labels, the root's zero
 * octet last) as latin1 text, as scanFastQuery makes it from a question.
 * Names the fast path never caches (non-ASCII, escapes) give keys no query
 * has, which is harmless.
 */
export function nameKeyOf(name: string): string {
  if (name === '') return '\u0000';
  let key = '';
  for (const label of name.split('.')) key += String.fromCharCode(label.length) + label;
  return `${key}\u0000`;
}
