import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RData, ResourceRecord } from '../../../src/dns/lookup/types.js';
import { bytesToIpv6 } from '../../../src/dns/wire/address-text.js';
import { WireFormatError } from '../../../src/dns/wire/errors.js';
import { decodeMessage } from '../../../src/dns/wire/message-decode.js';
import { readName } from '../../../src/dns/wire/name-read.js';
import { parseNameText } from '../../../src/dns/wire/name-text.js';
import { decodeQuery } from '../../../src/dns/wire/query-decode.js';
import { encodeQuery } from '../../../src/dns/wire/query-encode.js';
import { encodeResponse } from '../../../src/dns/wire/response-encode.js';
import { record } from './records.js';

const RUNS = { numRuns: 400 };

/** Any label bytes at all (1..63), so escaping is exercised. */
const anyLabel = fc.uint8Array({ minLength: 1, maxLength: 63 });
const anyName = fc.array(anyLabel, { maxLength: 4 }).filter((ls) => ls.reduce((n, l) => n + l.length + 1, 1) <= 255);
const hostLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const hostName = fc.array(hostLabel, { minLength: 1, maxLength: 5 }).map((ls) => ls.join('.'));

function toWire(labels: Uint8Array[]): Buffer {
  return Buffer.concat([Buffer.alloc(12), ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), l])), Buffer.from([0])]);
}

const rdata: fc.Arbitrary<RData> = fc.oneof(
  fc.ipV4().map((address) => ({ kind: 'A' as const, address })),
  // Groups biased towards zero so that "::" runs occur; written in RFC 5952 form, as decoded.
  fc.array(fc.oneof(fc.constant(0), fc.nat(65535)), { minLength: 8, maxLength: 8 }).map((groups) => {
    const bytes = Buffer.alloc(16);
    groups.forEach((g, i) => bytes.writeUInt16BE(g, i * 2));
    return { kind: 'AAAA' as const, address: bytesToIpv6(bytes) };
  }),
  hostName.map((target) => ({ kind: 'NS' as const, target })),
  hostName.map((target) => ({ kind: 'CNAME' as const, target })),
  hostName.map((target) => ({ kind: 'PTR' as const, target })),
  fc.tuple(fc.nat(65535), hostName).map(([preference, exchange]) => ({ kind: 'MX' as const, preference, exchange })),
  fc.array(fc.string({ maxLength: 60 }), { minLength: 1, maxLength: 3 }).map((texts) => ({ kind: 'TXT' as const, texts })),
  fc
    .tuple(fc.nat(65535), fc.nat(65535), fc.nat(65535), hostName)
    .map(([priority, weight, port, target]) => ({ kind: 'SRV' as const, priority, weight, port, target })),
  fc.tuple(hostName, hostName, fc.array(fc.nat(0xffffffff), { minLength: 5, maxLength: 5 })).map(([mname, rname, n]) => ({
    kind: 'SOA' as const,
    mname,
    rname,
    serial: n[0] as number,
    refresh: n[1] as number,
    retry: n[2] as number,
    expire: n[3] as number,
    minimum: n[4] as number,
  })),
  fc
    .tuple(fc.integer({ min: 256, max: 65535 }), fc.uint8Array({ maxLength: 40 }))
    .map(([type, data]) => ({ kind: 'RAW' as const, type, data })),
);

const records: fc.Arbitrary<ResourceRecord[]> = fc.array(
  fc.tuple(hostName, rdata, fc.nat(0x7fffffff)).map(([name, data, ttl]) => record(name, data, ttl)),
  { maxLength: 12 },
);

describe('wire properties', () => {
  it('reads back any name it reads, byte for byte, through the text form', () => {
    fc.assert(
      fc.property(anyName, (labels) => {
        const { text } = readName(toWire(labels), 12);
        expect(parseNameText(text).labels.map((l) => [...l])).toEqual(labels.map((l) => [...l]));
      }),
      RUNS,
    );
  });

  it('decodeQuery never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const outcome = decodeQuery(Buffer.from(bytes));
        expect(['drop', 'reject', 'query']).toContain(outcome.kind);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodeQuery never throws on mutations of valid queries', () => {
    const base = encodeQuery({
      id: 7,
      name: 'www.example.test',
      type: 1,
      edns: { options: [{ code: 8, data: Buffer.from([0, 1, 24, 0, 10, 0, 0]) }] },
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(255)), { minLength: 1, maxLength: 6 }),
        fc.nat(base.length),
        (flips, cut) => {
          const bytes = Buffer.from(base);
          for (const [at, value] of flips) bytes[at] = value;
          expect(() => decodeQuery(bytes.subarray(0, cut))).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('decodeMessage fails only with WireFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeMessage(Buffer.from([0, 0, 0x80, 0, ...bytes]));
        } catch (err) {
          expect(err).toBeInstanceOf(WireFormatError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('encodes any records so that they decode to the same records', () => {
    fc.assert(
      fc.property(records, records, (answer, additional) => {
        const outcome = decodeQuery(encodeQuery({ id: 1, name: 'Q.Example.Test', type: 1 }));
        if (outcome.kind !== 'query') throw new Error('bad test query');
        const wire = encodeResponse(
          {
            id: 1,
            opcode: 0,
            rcode: 0,
            authoritative: true,
            recursionDesired: false,
            checkingDisabled: false,
            question: outcome.question,
            answer,
            authority: [],
            additional,
            additionalRequired: false,
            edns: undefined,
          },
          65535,
        );
        const decoded = decodeMessage(wire);
        const lower = (rs: ResourceRecord[]): ResourceRecord[] => rs.map((r) => ({ ...r, name: r.name.toLowerCase() }));
        expect(lower(decoded.answer)).toEqual(answer);
        expect(lower(decoded.additional)).toEqual(additional);
      }),
      RUNS,
    );
  });
});
