import { RRType, type RData } from '../lookup/types.js';
import { packAddressRun, storedRecords, storedType } from '../lookup/rrsets.js';
import type { RecordSet, StoredRRset } from '../lookup/types.js';
import { normalizeRData, rdataKey, type RecordInput } from './rdata.js';

/**
 * How an RRset is kept in memory (StoredRRset). Endpoint address sets (A/AAAA, the bulk of
 * the data: millions of them) are wire-form runs (lookup/rrsets.ts AddressRun): about 10
 * bytes for a one-address set, copied into a reply as they are. Everything else is a
 * GeneralRRset.
 */
export { storedType, type StoredRRset };

/** An RRset of any type: its RDATA objects and, per record, the affinity zone. */
export class GeneralRRset implements RecordSet {
  constructor(
    readonly type: number,
    readonly ttl: number,
    readonly rdata: readonly RData[],
    readonly zones: readonly (string | undefined)[] | undefined,
  ) {}
}

/** Affinity zone ids a run holds: printable ASCII (zone ids are). */
const PACKABLE_ZONE = /^[\x21-\x7e]{1,255}$/;

/**
 * Builds the stored form of an RRset from validated records. The TTL is the
 * lowest of the records' (RFC 2181 §5.2); duplicate RDATA is dropped (§5).
 * Returns undefined when no records remain.
 */
export function storeRRset(type: number, records: readonly RecordInput[]): StoredRRset | undefined {
  if (records.length === 0) return undefined;
  let ttl = records[0]?.ttl as number;
  for (const record of records) if (record.ttl < ttl) ttl = record.ttl;
  if ((type === RRType.A || type === RRType.AAAA) && records.every(isPackable)) {
    const run = packAddressRun(type, ttl, records);
    if (run !== undefined) return run;
  }
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
  const kind = record.data.kind;
  return (kind === 'A' || kind === 'AAAA') && (record.affinityZone === undefined || PACKABLE_ZONE.test(record.affinityZone));
}

/** The RDATA of a stored RRset (for targets of CNAME/NS/MX/SRV and the SOA). */
export function storedRData(rrset: StoredRRset): readonly RData[] {
  return typeof rrset === 'string' ? storedRecords(rrset, '').map((rr) => rr.data) : rrset.rdata;
}
