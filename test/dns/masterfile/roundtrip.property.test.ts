import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType, type RData, type ResourceRecord } from '../../../src/dns/lookup/types.js';
import { formatError, formatRecord, parseMasterFile } from '../../../src/dns/masterfile/index.js';
import { asciiLower, nameProblem } from '../../../src/dns/zone/index.js';

/**
 * formatRecord writes what parseMasterFile reads back unchanged, for names and
 * strings full of characters that need escaping (quotes, semicolons, blanks,
 * backslashes, non-ASCII) and for opaque RFC 3597 data.
 */
const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

const label = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('a', 'Z', '-', '_', '*', '@', '$', '"', ';', '(', ')', ' ', '\\', '\t'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 12,
  })
  .filter((l) => !l.includes('.') && byteLength(l) <= 63)
  .map(asciiLower);
const name = fc
  .array(label, { minLength: 0, maxLength: 4 })
  .map((labels) => labels.join('.'))
  .filter((n) => nameProblem(n) === undefined);
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => byteLength(s) <= 255);
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

const rdata: fc.Arbitrary<{ type: number; data: RData }> = fc.oneof(
  fc.ipV4().map((address) => ({ type: RRType.A, data: { kind: 'A', address } as RData })),
  fc.ipV6().map((address) => ({ type: RRType.AAAA, data: { kind: 'AAAA', address } as RData })),
  name.map((target) => ({ type: RRType.CNAME, data: { kind: 'CNAME', target } as RData })),
  name.map((target) => ({ type: RRType.NS, data: { kind: 'NS', target } as RData })),
  name.map((target) => ({ type: RRType.PTR, data: { kind: 'PTR', target } as RData })),
  fc.tuple(u16, name).map(([preference, exchange]) => ({ type: RRType.MX, data: { kind: 'MX', preference, exchange } as RData })),
  fc
    .tuple(u16, u16, u16, name)
    .map(([priority, weight, port, target]) => ({ type: RRType.SRV, data: { kind: 'SRV', priority, weight, port, target } as RData })),
  fc.tuple(name, name, u32, u32, u32, u32, u32).map(([mname, rname, serial, refresh, retry, expire, minimum]) => ({
    type: RRType.SOA,
    data: { kind: 'SOA', mname, rname, serial, refresh, retry, expire, minimum } as RData,
  })),
  fc.array(text, { minLength: 1, maxLength: 4 }).map((texts) => ({ type: RRType.TXT, data: { kind: 'TXT', texts } as RData })),
  fc.tuple(fc.integer({ min: 256, max: 65279 }), fc.uint8Array({ maxLength: 24 })).map(([type, data]) => ({
    type,
    data: { kind: 'RAW', type, data } as RData,
  })),
);

const record: fc.Arbitrary<ResourceRecord> = fc
  .tuple(name, fc.integer({ min: 0, max: 0x7fffffff }), rdata)
  .map(([owner, ttl, { type, data }]) => ({ name: owner, type, class: 1, ttl, data }));

describe('presentation format round trip', () => {
  it('parse(format(record)) is the record', () => {
    fc.assert(
      fc.property(record, (rr) => {
        const line = formatRecord(rr);
        const parsed = parseMasterFile(line, { origin: '', file: 'roundtrip' });
        expect(parsed.errors.map(formatError), line).toEqual([]);
        expect(
          parsed.records.map(({ owner, ttl, type, data }) => ({ name: owner, type, class: 1, ttl, data })),
          line,
        ).toEqual([rr]);
      }),
      { numRuns: 2000 },
    );
  });
});
