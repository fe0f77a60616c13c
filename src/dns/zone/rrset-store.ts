import { RRType, type RData, type ResourceRecord } from '../lookup/types.js';
import { normalizeRData, rdataKey, type RecordInput } from './rdata.js';

/** An RRset of any type: its RDATA objects and, per record, the affinity zone. */
export class GeneralRRset {
  constructor(
    readonly type: number,
    readonly ttl: number,
    readonly rdata: readonly RData[],
    readonly zones: readonly (string | undefined)[] | undefined,
  ) {}
}

/**
 * How an RRset is kept in memory. Endpoint address sets (A/AAAA, the bulk of
 * the data: millions of them) are one flat string "<type> <ttl> <addr>[@<zone>]…"
 * — about 40 bytes for a one-address set instead of ~170 for objects (numbers
 * in docs/design/dns-data.md). Everything else is a GeneralRRset.
 */
export type StoredRRset = string | GeneralRRset;

/** Affinity zone ids that fit the packed form unambiguously. */
const PACKABLE_ZONE = /^[\x21-\x3f\x41-\x7e]+$/;

/**
 * Builds the stored form of an RRset from validated records. The TTL is the
 * lowest of the records' (RFC 2181 §5.2); duplicate RDATA is dropped (§5).
 * Returns undefined when no records remain.
 */
export function storeRRset(type: number, records: readonly RecordInput[]): StoredRRset | undefined {
  if (records.length === 0) return undefined;
  const ttl = Math.min(...records.map((record) => record.ttl));
  if ((type === RRType.A || type === RRType.AAAA) && records.every(isPackable)) return packAddresses(type, ttl, records);
  const seen = new Set<string>();
  const rdata: RData[] = [];
  const zones: (string | undefined)[] = [];
  for (const record of records) {
    const data = normalizeRData(record.data);
    const key = rdataKey(data);
    if (seen.has(key)) continue;
    seen.add(key);
    rdata.push(data);
    zones.push(record.affinityZone);
  }
  const hasZones = zones.some((z) => z !== undefined);
  return new GeneralRRset(type, ttl, Object.freeze(rdata), hasZones ? Object.freeze(zones) : undefined);
}

function isPackable(record: RecordInput): boolean {
  return record.affinityZone === undefined || PACKABLE_ZONE.test(record.affinityZone);
}

/** The packed form, built in one join so V8 stores it flat (not as a rope of pieces). */
function packAddresses(type: number, ttl: number, records: readonly RecordInput[]): string {
  const fields: string[] = [String(type), String(ttl)];
  const seen = new Set<string>();
  for (const record of records) {
    const data = normalizeRData(record.data);
    if (data.kind !== 'A' && data.kind !== 'AAAA') throw new Error(`address RRset holds ${data.kind} data`);
    if (seen.has(data.address)) continue;
    seen.add(data.address);
    fields.push(record.affinityZone === undefined ? data.address : `${data.address}@${record.affinityZone}`);
  }
  return fields.join(' ');
}

export function storedType(rrset: StoredRRset): number {
  return typeof rrset === 'string' ? Number.parseInt(rrset, 10) : rrset.type;
}

export function storedTtl(rrset: StoredRRset): number {
  if (typeof rrset !== 'string') return rrset.ttl;
  return Number.parseInt(rrset.slice(rrset.indexOf(' ') + 1), 10);
}

/** The RRset's records under `owner`, fresh objects the caller may reorder. */
export function expandRRset(rrset: StoredRRset, owner: string): ResourceRecord[] {
  if (typeof rrset !== 'string') {
    return rrset.rdata.map((data, i) => record(owner, rrset.type, rrset.ttl, data, rrset.zones?.[i]));
  }
  const fields = rrset.split(' ');
  const type = Number(fields[0]);
  const ttl = Number(fields[1]);
  const kind = type === RRType.AAAA ? 'AAAA' : 'A';
  const out: ResourceRecord[] = [];
  for (let i = 2; i < fields.length; i++) {
    const field = fields[i] as string;
    const at = field.indexOf('@');
    const address = at < 0 ? field : field.slice(0, at);
    out.push(record(owner, type, ttl, { kind, address }, at < 0 ? undefined : field.slice(at + 1)));
  }
  return out;
}

function record(name: string, type: number, ttl: number, data: RData, zone: string | undefined): ResourceRecord {
  const rr: ResourceRecord = { name, type, class: 1, ttl, data };
  if (zone !== undefined) rr.affinityZone = zone;
  return rr;
}

/** The RDATA of a stored RRset (for targets of CNAME/NS/MX/SRV and the SOA). */
export function storedRData(rrset: StoredRRset): readonly RData[] {
  return typeof rrset === 'string' ? expandRRset(rrset, '').map((rr) => rr.data) : rrset.rdata;
}
