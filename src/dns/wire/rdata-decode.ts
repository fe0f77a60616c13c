import type { RData } from '../lookup/types.js';
import { bytesToIpv4, bytesToIpv6 } from './address-text.js';
import { WireFormatError } from './errors.js';
import { readName } from './name-read.js';

function fail(type: number, detail: string): never {
  throw new WireFormatError('bad-rdata', `type ${type}: ${detail}`);
}

/** Reads <character-string>s (RFC 1035 §3.3) filling [start, end). */
function readStrings(buf: Buffer, start: number, end: number, type: number): string[] {
  const texts: string[] = [];
  let p = start;
  while (p < end) {
    const len = buf[p] as number;
    if (p + 1 + len > end) fail(type, 'character-string runs past RDATA');
    texts.push(buf.toString('utf8', p + 1, p + 1 + len));
    p += 1 + len;
  }
  return texts;
}

/**
 * RDATA of the kinds plinkd knows; anything else stays opaque (RFC 3597).
 * Every name must end exactly where the RDLENGTH says.
 */
export function readRData(buf: Buffer, start: number, length: number, type: number): RData {
  const end = start + length;
  const nameAt = (p: number): { text: string; end: number } => {
    const name = readName(buf, p);
    if (name.end > end) fail(type, 'name runs past RDATA');
    return name;
  };
  const exact = (p: number): void => {
    if (p !== end) fail(type, `RDLENGTH ${length} does not match the data`);
  };
  switch (type) {
    case 1:
      if (length !== 4) fail(type, `A RDATA is ${length} octets`);
      return { kind: 'A', address: bytesToIpv4(buf.subarray(start, end)) };
    case 28:
      if (length !== 16) fail(type, `AAAA RDATA is ${length} octets`);
      return { kind: 'AAAA', address: bytesToIpv6(buf.subarray(start, end)) };
    case 2:
    case 5:
    case 12: {
      const target = nameAt(start);
      exact(target.end);
      const kind = type === 2 ? 'NS' : type === 5 ? 'CNAME' : 'PTR';
      return { kind, target: target.text };
    }
    case 15: {
      if (length < 3) fail(type, 'MX RDATA too short');
      const exchange = nameAt(start + 2);
      exact(exchange.end);
      return { kind: 'MX', preference: buf.readUInt16BE(start), exchange: exchange.text };
    }
    case 6: {
      const mname = nameAt(start);
      const rname = nameAt(mname.end);
      exact(rname.end + 20);
      const n = (i: number): number => buf.readUInt32BE(rname.end + 4 * i);
      return { kind: 'SOA', mname: mname.text, rname: rname.text, serial: n(0), refresh: n(1), retry: n(2), expire: n(3), minimum: n(4) };
    }
    case 16:
      if (length === 0) fail(type, 'TXT RDATA is empty');
      return { kind: 'TXT', texts: readStrings(buf, start, end, type) };
    case 33: {
      if (length < 7) fail(type, 'SRV RDATA too short');
      const target = nameAt(start + 6);
      exact(target.end);
      return {
        kind: 'SRV',
        priority: buf.readUInt16BE(start),
        weight: buf.readUInt16BE(start + 2),
        port: buf.readUInt16BE(start + 4),
        target: target.text,
      };
    }
    default:
      return { kind: 'RAW', type, data: Uint8Array.from(buf.subarray(start, end)) };
  }
}
