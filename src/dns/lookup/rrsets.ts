/**
 * RRsets as the zones store them and the encoder writes them, handed from the
 * lookup to the wire without becoming record objects on the way (the full
 * path, docs/design/performance.md). Record objects (`ResourceRecord`) are
 * made from them only for the explainer, the console and tests (recordsOf).
 */
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../model/ip.js';
import {
  RRType,
  type AddressRun,
  type LookupResult,
  type RData,
  type ResourceRecord,
  type RRsetLookupResult,
  type SectionItem,
  type SectionRRset,
  type StoredRRset,
} from './types.js';

export const RUN_HEADER = 5;

export function isSectionRRset(item: SectionItem): item is SectionRRset {
  return (item as Partial<SectionRRset>).rrset !== undefined;
}

export function storedType(rrset: StoredRRset): number {
  return typeof rrset === 'string' ? rrset.charCodeAt(0) : rrset.type;
}

export function runTtl(run: AddressRun): number {
  return ((run.charCodeAt(1) << 24) | (run.charCodeAt(2) << 16) | (run.charCodeAt(3) << 8) | run.charCodeAt(4)) >>> 0;
}

/**
 * Where the record after the one at `p` starts, in a run whose records hold `size` octets of
 * RDATA: each record is its RDATA, its zone's length (one octet) and the zone's text. The one
 * step of every walk over a run's records.
 */
export function nextInRun(run: AddressRun, p: number, size: number): number {
  return p + size + 1 + run.charCodeAt(p + size);
}

/** Octets of one record's RDATA in a run of `type`. */
export function runRDataLength(type: number): number {
  return type === RRType.AAAA ? 16 : 4;
}

/** Reused by the synchronous builders below. */
const scratch = Buffer.allocUnsafe(4096);
const groups = new Uint16Array(8);

/** An address record as the zones take it (zone/rdata.ts RecordInput). */
export interface RunRecord {
  readonly data: RData;
  readonly affinityZone?: string | undefined;
}

/**
 * The run of validated addresses (duplicates dropped, RFC 2181 §5), or
 * undefined when it cannot be one: a record that is not an address, an address that does not parse, a zone
 * id longer than 255 or not one-byte text, or more than 4 KiB in all.
 */
export function packAddressRun(type: number, ttl: number, records: readonly RunRecord[]): AddressRun | undefined {
  const size = runRDataLength(type);
  scratch[0] = type;
  scratch.writeUInt32BE(ttl >>> 0, 1);
  let p = RUN_HEADER;
  for (const { data, affinityZone: zone } of records) {
    if (data.kind !== 'A' && data.kind !== 'AAAA') return undefined;
    const address = data.address;
    const zoneLength = zone === undefined ? 0 : zone.length;
    if (zoneLength > 255 || p + size + 1 + zoneLength > scratch.length) return undefined;
    if (type === RRType.AAAA) {
      if (!parseIpv6(address, groups)) return undefined;
      for (let i = 0; i < 8; i++) scratch.writeUInt16BE(groups[i] as number, p + 2 * i);
    } else {
      const value = parseIpv4(address);
      if (value < 0) return undefined;
      scratch.writeUInt32BE(value, p);
    }
    if (holdsRData(p, size)) continue;
    scratch[p + size] = zoneLength;
    for (let i = 0; i < zoneLength; i++) {
      const code = (zone as string).charCodeAt(i);
      if (code > 0xff) return undefined;
      scratch[p + size + 1 + i] = code;
    }
    p += size + 1 + zoneLength;
  }
  return scratch.toString('latin1', 0, p) as AddressRun;
}

/** Whether the records written before `end` hold the RDATA at scratch[end, end + size). */
function holdsRData(end: number, size: number): boolean {
  for (let p = RUN_HEADER; p < end; p += size + 1 + (scratch[p + size] as number)) {
    if (scratch.compare(scratch, end, end + size, p, p + size) === 0) return true;
  }
  return false;
}

/** The records of a run under `owner`, fresh objects the caller may reorder. */
export function runRecords(run: AddressRun, owner: string): ResourceRecord[] {
  const type = run.charCodeAt(0);
  const ttl = runTtl(run);
  const size = runRDataLength(type);
  const out: ResourceRecord[] = [];
  for (let p = RUN_HEADER; p < run.length; p = nextInRun(run, p, size)) {
    let address: string;
    if (type === RRType.AAAA) {
      for (let i = 0; i < 8; i++) groups[i] = (run.charCodeAt(p + 2 * i) << 8) | run.charCodeAt(p + 2 * i + 1);
      address = formatIpv6(groups);
    } else {
      address = formatIpv4(
        ((run.charCodeAt(p) << 24) | (run.charCodeAt(p + 1) << 16) | (run.charCodeAt(p + 2) << 8) | run.charCodeAt(p + 3)) >>> 0,
      );
    }
    const zoneLength = run.charCodeAt(p + size);
    const zoneAt = p + size + 1;
    const rr: ResourceRecord = {
      name: owner,
      type,
      class: 1,
      ttl,
      data: type === RRType.AAAA ? { kind: 'AAAA', address } : { kind: 'A', address },
    };
    if (zoneLength > 0) rr.affinityZone = run.slice(zoneAt, zoneAt + zoneLength);
    out.push(rr);
  }
  return out;
}

/** The records of a stored RRset under `owner`, fresh objects the caller may reorder. */
export function storedRecords(rrset: StoredRRset, owner: string): ResourceRecord[] {
  if (typeof rrset === 'string') return runRecords(rrset, owner);
  return rrset.rdata.map((data, i) => {
    const rr: ResourceRecord = { name: owner, type: rrset.type, class: 1, ttl: rrset.ttl, data };
    const zone = rrset.zones?.[i];
    if (zone !== undefined) rr.affinityZone = zone;
    return rr;
  });
}

/** The affinity zone of each record of a stored RRset, in order. */
export function storedZones(rrset: StoredRRset): (string | undefined)[] {
  if (typeof rrset !== 'string') return rrset.rdata.map((_, i) => rrset.zones?.[i]);
  // Read from the run itself: each record is its RDATA, then its zone's length and text.
  const size = runRDataLength(rrset.charCodeAt(0));
  const zones: (string | undefined)[] = [];
  for (let p = RUN_HEADER; p < rrset.length; p = nextInRun(rrset, p, size)) {
    const length = rrset.charCodeAt(p + size);
    zones.push(length === 0 ? undefined : rrset.slice(p + size + 1, p + size + 1 + length));
  }
  return zones;
}

/** Whether any record of the RRset carries an affinity zone. */
export function hasZones(rrset: StoredRRset): boolean {
  if (typeof rrset !== 'string') return rrset.zones !== undefined;
  const size = runRDataLength(rrset.charCodeAt(0));
  for (let p = RUN_HEADER; p < rrset.length; p = nextInRun(rrset, p, size)) {
    if (rrset.charCodeAt(p + size) > 0) return true;
  }
  return false;
}

/** The RRset with its records in the order `order` gives (indexes into the stored order). */
export function reorderedRRset(rrset: StoredRRset, order: readonly number[]): StoredRRset {
  if (typeof rrset !== 'string') {
    return {
      type: rrset.type,
      ttl: rrset.ttl,
      rdata: order.map((i) => rrset.rdata[i] as RData),
      zones: rrset.zones === undefined ? undefined : order.map((i) => rrset.zones?.[i]),
    };
  }
  const size = runRDataLength(rrset.charCodeAt(0));
  const pieces: string[] = [];
  for (let p = RUN_HEADER; p < rrset.length;) {
    const next = nextInRun(rrset, p, size);
    pieces.push(rrset.slice(p, next));
    p = next;
  }
  return (rrset.slice(0, RUN_HEADER) + order.map((i) => pieces[i]).join('')) as AddressRun;
}

/** Records made from stored RRsets, section by section. */
export function recordsOf(items: readonly SectionItem[]): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const item of items) {
    if (isSectionRRset(item)) out.push(...storedRecords(item.rrset, item.owner));
    else out.push(item);
  }
  return out;
}

/** The LookupResult of record objects for a lookup of stored RRsets. */
export function recordsResult(result: RRsetLookupResult): LookupResult {
  const out: LookupResult = {
    status: result.status,
    answer: recordsOf(result.answer),
    authority: recordsOf(result.authority),
    additional: recordsOf(result.additional),
  };
  if (result.refusal !== undefined) out.refusal = result.refusal;
  return out;
}
