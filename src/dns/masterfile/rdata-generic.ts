import { RRType, type RData } from '../lookup/types.js';
import { asciiLower } from '../zone/names.js';
import { expectedKind } from '../zone/rdata.js';
import type { Token } from './lexer.js';
import { octetsToUtf8, type Decoded } from './text.js';

/**
 * RFC 3597 §5 generic RDATA: `\# <length> <hex>…`. For a type plinkd knows,
 * the octets are decoded into its usual form (names in RDATA are never
 * compressed in this form, §4); any other type is kept opaque (RAW).
 */
export function parseGenericRData(type: number, tokens: readonly Token[]): Decoded<RData> {
  const [length, ...hexTokens] = tokens.slice(1).map((t) => t.text);
  if (length === undefined || !/^\d+$/.test(length)) return fail('"\\#" must be followed by the RDATA length');
  const hex = hexTokens.join('');
  if (!/^([0-9a-f]{2})*$/i.test(hex)) return fail(`"${hex}" is not an even number of hexadecimal digits`);
  const octets = Buffer.from(hex, 'hex');
  if (octets.length !== Number(length)) {
    return fail(`"\\#" says ${length} octets but ${octets.length} follow`);
  }
  if (expectedKind(type) === 'RAW') return { ok: true, value: { kind: 'RAW', type, data: new Uint8Array(octets) } };
  return decodeKnown(type, new WireReader(octets));
}

function fail(error: string): Decoded<never> {
  return { ok: false, error };
}

class WireReader {
  private offset = 0;
  constructor(private readonly octets: Buffer) {}

  get done(): boolean {
    return this.offset === this.octets.length;
  }
  bytes(count: number): Buffer {
    if (this.offset + count > this.octets.length) throw new RangeError('RDATA ends too early');
    const out = this.octets.subarray(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }
  u16(): number {
    return this.bytes(2).readUInt16BE(0);
  }
  u32(): number {
    return this.bytes(4).readUInt32BE(0);
  }
  name(): string {
    const labels: string[] = [];
    for (let length = this.bytes(1)[0] as number; length !== 0; length = this.bytes(1)[0] as number) {
      if (length > 63) throw new RangeError('a name in generic RDATA is compressed or has a label over 63 octets');
      const label = octetsToUtf8([...this.bytes(length)], 'a label');
      if (!label.ok) throw new RangeError(label.error);
      labels.push(asciiLower(label.value));
    }
    return labels.join('.');
  }
}

function decodeKnown(type: number, reader: WireReader): Decoded<RData> {
  try {
    const data = decodeFields(type, reader);
    return reader.done ? { ok: true, value: data } : fail('generic RDATA has octets left over');
  } catch (error) {
    return fail((error as Error).message);
  }
}

function decodeFields(type: number, r: WireReader): RData {
  switch (type) {
    case RRType.A:
      return { kind: 'A', address: [...r.bytes(4)].join('.') };
    case RRType.AAAA: {
      const words = Array.from({ length: 8 }, () => r.u16().toString(16));
      return { kind: 'AAAA', address: words.join(':') };
    }
    case RRType.NS:
    case RRType.CNAME:
    case RRType.PTR:
      return { kind: expectedKind(type) as 'NS' | 'CNAME' | 'PTR', target: r.name() };
    case RRType.MX:
      return { kind: 'MX', preference: r.u16(), exchange: r.name() };
    case RRType.SRV:
      return { kind: 'SRV', priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() };
    case RRType.SOA:
      return {
        kind: 'SOA',
        mname: r.name(),
        rname: r.name(),
        serial: r.u32(),
        refresh: r.u32(),
        retry: r.u32(),
        expire: r.u32(),
        minimum: r.u32(),
      };
    case RRType.TXT: {
      const texts: string[] = [];
      while (!r.done) {
        const text = octetsToUtf8([...r.bytes(r.bytes(1)[0] as number)], 'a TXT character-string');
        if (!text.ok) throw new RangeError(text.error);
        texts.push(text.value);
      }
      return { kind: 'TXT', texts };
    }
    default:
      throw new RangeError(`type ${type} has no decoder`);
  }
}
