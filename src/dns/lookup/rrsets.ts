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

/** The longest run the builders below make, header included. */
const MAX_RUN = 4096;
/** Reused by the synchronous builders below. */
const scratch = Buffer.allocUnsafe(MAX_RUN);
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
  const end = writeAddressRun(scratch, 0, type, ttl, records);
  return end < 0 ? undefined : (scratch.toString('latin1', 0, end) as AddressRun);
}

/**
 * packAddressRun's run written into `target` from `at` (one octet per character of the run),
 * for a caller that builds a longer string around it (an address family, zone/families.ts);
 * returns where it ends, or -1 when packAddressRun would give undefined (the run longer than
 * 4 KiB or than `target` holds among the reasons).
 */
export function writeAddressRun(target: Buffer, at: number, type: number, ttl: number, records: readonly RunRecord[]): number {
  const size = runRDataLength(type);
  const limit = Math.min(target.length, at + MAX_RUN);
  if (at + RUN_HEADER > limit) return -1;
  target[at] = type;
  target.writeUInt32BE(ttl >>> 0, at + 1);
  let p = at + RUN_HEADER;
  for (const { data, affinityZone: zone } of records) {
    if (data.kind !== 'A' && data.kind !== 'AAAA') return -1;
    const address = data.address;
    const zoneLength = zone === undefined ? 0 : zone.length;
    if (zoneLength > 255 || p + size + 1 + zoneLength > limit) return -1;
    if (type === RRType.AAAA) {
      if (!parseIpv6(address, groups)) return -1;
      for (let i = 0; i < 8; i++) target.writeUInt16BE(groups[i] as number, p + 2 * i);
    } else {
      const value = parseIpv4(address);
      if (value < 0) return -1;
      target.writeUInt32BE(value, p);
    }
    if (holdsRData(target, at + RUN_HEADER, p, size)) continue;
    target[p + size] = zoneLength;
    for (let i = 0; i < zoneLength; i++) {
      const code = (zone as string).charCodeAt(i);
      if (code > 0xff) return -1;
      target[p + size + 1 + i] = code;
    }
    p += size + 1 + zoneLength;
  }
  return p;
}

/**
 * Whether the records written in target[from, end) hold the RDATA at target[end, end + size).
 * Compared octet by octet: 4 or 16 octets are fewer steps than a call of Buffer.compare.
 */
function holdsRData(target: Buffer, from: number, end: number, size: number): boolean {
  for (let p = from; p < end; p += size + 1 + (target[p + size] as number)) {
    let i = 0;
    while (i < size && target[p + i] === target[end + i]) i++;
    if (i === size) return true;
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
