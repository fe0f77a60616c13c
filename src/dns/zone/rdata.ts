import { canonicalIpv6, isIpv4Text, isIpv6Text } from '../../model/ip.js';
import { RRType, type RData } from '../lookup/types.js';
import { nameProblem, normalizeName } from './names.js';

/**
 * One record of an RRset as the control plane or the master-file loader
 * supplies it. A `ResourceRecord` is one (its name, type and class are taken
 * from the RRset it is stored in).
 */
export interface RecordInput {
  readonly ttl: number;
  readonly data: RData;
  readonly affinityZone?: string | undefined;
}

/** The RData kind each named type must use; any other type is stored as RAW. */
const KIND_OF_TYPE: ReadonlyMap<number, RData['kind']> = new Map<number, RData['kind']>([
  [RRType.A, 'A'],
  [RRType.NS, 'NS'],
  [RRType.CNAME, 'CNAME'],
  [RRType.SOA, 'SOA'],
  [RRType.PTR, 'PTR'],
  [RRType.MX, 'MX'],
  [RRType.TXT, 'TXT'],
  [RRType.AAAA, 'AAAA'],
  [RRType.SRV, 'SRV'],
]);

/**
 * Types that can never be zone data: OPT (RFC 6891 §6.1.1) and the query-only
 * meta types TKEY, TSIG, IXFR, AXFR, MAILB, MAILA, ANY (RFC 6895 §3.1).
 */
const NOT_DATA_TYPES = new Set([0, RRType.OPT, 249, 250, 251, 252, 253, 254, 255]);

/** RFC 2181 §8: a TTL is an unsigned 31-bit value. */
export const MAX_TTL = 0x7fffffff;

export function expectedKind(type: number): RData['kind'] {
  return KIND_OF_TYPE.get(type) ?? 'RAW';
}

/** Why `type` cannot be stored in a zone, or undefined. */
export function typeProblem(type: number): string | undefined {
  if (!Number.isInteger(type) || type < 1 || type > 0xffff) return `type ${type} is not a 16-bit type code`;
  if (NOT_DATA_TYPES.has(type)) return `type ${type} is a meta type and cannot be zone data`;
  return undefined;
}

/** Why `record` cannot be an RR of `type`, or undefined. */
export function recordProblem(type: number, record: RecordInput): string | undefined {
  if (!Number.isInteger(record.ttl) || record.ttl < 0 || record.ttl > MAX_TTL) {
    return `TTL ${record.ttl} is outside 0..${MAX_TTL} (RFC 2181 §8)`;
  }
  if (record.affinityZone !== undefined && record.affinityZone === '') return 'affinityZone is empty';
  const data = record.data;
  const kind = expectedKind(type);
  if (data.kind !== kind) return `type ${type} needs ${kind} data, got ${data.kind}`;
  return rdataProblem(data, type);
}

const isU16 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffff;
const isU32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

function rdataProblem(data: RData, type: number): string | undefined {
  switch (data.kind) {
    case 'A':
      return isIpv4Text(data.address) ? undefined : `"${data.address}" is not an IPv4 address`;
    case 'AAAA':
      return isIpv6Text(data.address) ? undefined : `"${data.address}" is not an IPv6 address`;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return nameProblem(normalizeName(data.target));
    case 'MX':
      if (!isU16(data.preference)) return `MX preference ${data.preference} is not a 16-bit value`;
      return nameProblem(normalizeName(data.exchange));
    case 'SRV':
      if (![data.priority, data.weight, data.port].every(isU16)) return 'SRV priority, weight and port must be 16-bit values';
      return nameProblem(normalizeName(data.target));
    case 'SOA':
      if (![data.serial, data.refresh, data.retry, data.expire, data.minimum].every(isU32)) {
        return 'SOA serial and timers must be 32-bit values';
      }
      return nameProblem(normalizeName(data.mname)) ?? nameProblem(normalizeName(data.rname));
    case 'TXT':
      if (data.texts.length === 0) return 'TXT needs at least one character-string (RFC 1035 §3.3.14)';
      for (const text of data.texts) {
        if (Buffer.byteLength(text, 'utf8') > 255) return 'a TXT character-string is longer than 255 octets';
      }
      return undefined;
    case 'RAW':
      if (data.type !== type) return `RAW data of type ${data.type} stored as type ${type}`;
      return data.data.length > 0xffff ? 'RDATA longer than 65535 octets' : undefined;
  }
}

/** IPv6 text in its canonical form (model/ip.ts). Only checked addresses come here (recordProblem). */
function canonicalIPv6(address: string): string {
  return canonicalIpv6(address) ?? address;
}

/**
 * A frozen copy with names normalized and addresses canonical, so the stored
 * data cannot be changed through the caller's object and equal RDATA compares
 * equal (duplicates are dropped, RFC 2181 §5).
 */
export function normalizeRData(data: RData): RData {
  switch (data.kind) {
    case 'A':
      return Object.freeze({ kind: 'A', address: data.address });
    case 'AAAA':
      return Object.freeze({ kind: 'AAAA', address: canonicalIPv6(data.address) });
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return Object.freeze({ kind: data.kind, target: normalizeName(data.target) });
    case 'MX':
      return Object.freeze({ kind: 'MX', preference: data.preference, exchange: normalizeName(data.exchange) });
    case 'SRV':
      return Object.freeze({
        kind: 'SRV',
        priority: data.priority,
        weight: data.weight,
        port: data.port,
        target: normalizeName(data.target),
      });
    case 'SOA':
      return Object.freeze({
        kind: 'SOA',
        mname: normalizeName(data.mname),
        rname: normalizeName(data.rname),
        serial: data.serial,
        refresh: data.refresh,
        retry: data.retry,
        expire: data.expire,
        minimum: data.minimum,
      });
    case 'TXT':
      return Object.freeze({ kind: 'TXT', texts: Object.freeze([...data.texts]) as string[] });
    case 'RAW':
      return Object.freeze({ kind: 'RAW', type: data.type, data: Uint8Array.from(data.data) });
  }
}

/** A key equal for equal RDATA, used to drop duplicate records from an RRset. */
export function rdataKey(data: RData): string {
  if (data.kind === 'RAW') return `RAW ${data.type} ${Buffer.from(data.data).toString('hex')}`;
  return JSON.stringify(data);
}
