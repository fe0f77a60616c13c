import { isSectionRRset, nextInRun, RUN_HEADER, runRDataLength, runTtl } from '../lookup/rrsets.js';
import type { AddressRun, RData, ResourceRecord, SectionItem, StoredRRset } from '../lookup/types.js';
import { parseIpv4, parseIpv6 } from '../../model/ip.js';
import { EncodeError } from './errors.js';
import type { MessageWriter } from './message-writer.js';

/** The TYPE each RData kind is written as. */
export function rdataType(data: RData): number {
  switch (data.kind) {
    case 'A':
      return 1;
    case 'NS':
      return 2;
    case 'CNAME':
      return 5;
    case 'SOA':
      return 6;
    case 'PTR':
      return 12;
    case 'MX':
      return 15;
    case 'TXT':
      return 16;
    case 'AAAA':
      return 28;
    case 'SRV':
      return 33;
    case 'RAW':
      return data.type;
  }
}

/** Reused by the synchronous AAAA encoding. */
const groups = new Uint16Array(8);

function uint(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new EncodeError(`${what} out of range: ${value}`);
  return value;
}

function writeCharacterString(w: MessageWriter, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > 255) throw new EncodeError(`TXT string over 255 octets (${bytes.length})`);
  w.u8(bytes.length);
  w.bytes(bytes);
}

/**
 * RDATA per type. Names inside NS, CNAME, PTR, SOA and MX may be compressed
 * (RFC 1035 types; RFC 3597 §4); the SRV target must not be (RFC 2782).
 */
function writeRData(w: MessageWriter, data: RData): void {
  switch (data.kind) {
    case 'A': {
      // Written straight into the message: parsing into a Buffer first was a visible share of the full path.
      const value = parseIpv4(data.address);
      if (value < 0) throw new EncodeError(`not an IPv4 address: "${data.address}"`);
      return w.u32(value);
    }
    case 'AAAA':
      if (!parseIpv6(data.address, groups)) throw new EncodeError(`not an IPv6 address: "${data.address}"`);
      for (let i = 0; i < 8; i++) w.u16(groups[i] as number);
      return;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return w.nameText(data.target);
    case 'MX':
      w.u16(uint(data.preference, 0xffff, 'MX preference'));
      return w.nameText(data.exchange);
    case 'SOA':
      w.nameText(data.mname);
      w.nameText(data.rname);
      w.u32(uint(data.serial, 0xffffffff, 'SOA serial'));
      w.u32(uint(data.refresh, 0xffffffff, 'SOA refresh'));
      w.u32(uint(data.retry, 0xffffffff, 'SOA retry'));
      w.u32(uint(data.expire, 0xffffffff, 'SOA expire'));
      return w.u32(uint(data.minimum, 0xffffffff, 'SOA minimum'));
    case 'TXT':
      // RFC 1035 §3.3.14: one or more <character-string>s; an empty list is one empty string.
      if (data.texts.length === 0) return w.u8(0);
      for (const text of data.texts) writeCharacterString(w, text);
      return;
    case 'SRV':
      w.u16(uint(data.priority, 0xffff, 'SRV priority'));
      w.u16(uint(data.weight, 0xffff, 'SRV weight'));
      w.u16(uint(data.port, 0xffff, 'SRV port'));
      return w.nameText(data.target, false);
    case 'RAW':
      if (data.data.length > 0xffff) throw new EncodeError(`RDATA over 65535 octets (type ${data.type})`);
      return w.bytes(data.data);
  }
}

/** One resource record (RFC 1035 §4.1.3). TTLs are 0..2^31-1 (RFC 2181 §8). */
export function writeRecord(w: MessageWriter, rr: ResourceRecord): void {
  writeRecordOf(w, rr.name, rr.type, rr.class, rr.ttl, rr.data);
}

function writeRecordOf(w: MessageWriter, owner: string, rrType: number, rrClass: number, ttl: number, data: RData): void {
  const type = rdataType(data);
  if (rrType !== type) throw new EncodeError(`record ${owner} says type ${rrType} but holds ${data.kind}`);
  w.nameText(owner);
  w.u16(uint(type, 0xffff, 'TYPE'));
  w.u16(uint(rrClass, 0xffff, 'CLASS'));
  w.u32(uint(ttl, 0x7fffffff, 'TTL'));
  const lengthAt = w.pos;
  w.u16(0);
  writeRData(w, data);
  w.patch16(lengthAt, w.pos - lengthAt - 2);
}

/**
 * The records of a wire-form address run (lookup/rrsets.ts) under `owner`:
 * each RDATA is copied from the run as it is. Returns the records written.
 */
function writeRun(w: MessageWriter, owner: string, run: AddressRun): number {
  const type = run.charCodeAt(0);
  const ttl = runTtl(run);
  const size = runRDataLength(type);
  let count = 0;
  for (let p = RUN_HEADER; p < run.length; p = nextInRun(run, p, size)) {
    w.nameText(owner);
    w.u16(type);
    w.u16(1);
    w.u32(ttl);
    w.u16(size);
    w.latin1(run, p, size);
    count++;
  }
  return count;
}

/** The records of a stored RRset under `owner`; returns how many were written. */
function writeStored(w: MessageWriter, owner: string, rrset: StoredRRset): number {
  if (typeof rrset === 'string') return writeRun(w, owner, rrset);
  const rdata = rrset.rdata;
  for (let i = 0; i < rdata.length; i++) writeRecordOf(w, owner, rrset.type, 1, rrset.ttl, rdata[i] as RData);
  return rrset.rdata.length;
}

/** One section's items; returns its record count (for the header). */
export function writeSection(w: MessageWriter, items: readonly SectionItem[]): number {
  let count = 0;
  // Indexed loops here and below: a for-of kept its iterator results on the heap, ~150 B per reply (bench/dns/full-path-profile.ts).
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as SectionItem;
    if (isSectionRRset(item)) count += writeStored(w, item.owner, item.rrset);
    else {
      writeRecord(w, item);
      count++;
    }
  }
  return count;
}
