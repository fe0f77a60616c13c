import { describe, expect, it } from 'vitest';
import { decodeQuery, type DecodeOutcome } from '../../../src/dns/wire/query-decode.js';
import { encodeQuery, type QuerySpec } from '../../../src/dns/wire/query-encode.js';

const A = 1;

function query(overrides: Partial<QuerySpec> = {}): Buffer {
  return encodeQuery({ id: 0x1234, name: 'www.example.test', type: A, ...overrides });
}

function ecs(family: number, source: number, scope: number, address: number[]): { code: number; data: Buffer } {
  return { code: 8, data: Buffer.from([family >> 8, family & 0xff, source, scope, ...address]) };
}

/** Appends raw bytes and bumps ARCOUNT by `records`. */
function withExtra(buf: Buffer, extra: number[], records = 0): Buffer {
  const out = Buffer.concat([buf, Buffer.from(extra)]);
  out.writeUInt16BE(out.readUInt16BE(10) + records, 10);
  return out;
}

const OPT_RR = [0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0];

function summary(outcome: DecodeOutcome): string {
  if (outcome.kind === 'drop') return 'drop';
  if (outcome.kind === 'query') return 'query';
  return `rcode ${outcome.rcode}`;
}

describe('decodeQuery: well-formed queries', () => {
  it('reads header, question as asked and its lowercased form', () => {
    const outcome = decodeQuery(query({ name: 'WwW.Example.TEST', recursionDesired: true }));
    expect(outcome.kind).toBe('query');
    if (outcome.kind !== 'query') return;
    expect(outcome.header).toEqual({ id: 0x1234, flags: 0x0100, opcode: 0 });
    expect(outcome.question).toMatchObject({ name: 'WwW.Example.TEST', lowerName: 'www.example.test', type: A, class: 1 });
    const { message, nameStart, nameEnd } = outcome.question;
    expect(message.toString('latin1', nameStart, nameEnd)).toContain('WwW');
    expect(outcome.edns).toBeUndefined();
  });

  it('reads EDNS: size, version, DO, all flag bits and options', () => {
    const outcome = decodeQuery(
      query({ edns: { udpSize: 4096, dnssecOk: true, flags: 0x0080, options: [{ code: 100, data: Buffer.from([1, 2]) }] } }),
    );
    if (outcome.kind !== 'query') throw new Error(summary(outcome));
    expect(outcome.edns).toMatchObject({ udpSize: 4096, version: 0, dnssecOk: true, flags: 0x8080, clientSubnet: undefined });
    expect(outcome.edns?.options).toEqual([{ code: 100, data: Buffer.from([1, 2]) }]);
  });

  it.each([
    [1, 24, [192, 0, 2], '192.0.2.0'],
    [1, 0, [], '0.0.0.0'],
    [1, 32, [10, 1, 2, 3], '10.1.2.3'],
    [1, 20, [10, 1, 0x20], '10.1.32.0'],
    [2, 56, [0x20, 0x01, 0x0d, 0xb8, 0, 1, 2], '2001:db8:1:200::'],
  ])('parses ECS family %i /%i (RFC 7871 §6)', (family, source, address, text) => {
    const outcome = decodeQuery(query({ edns: { options: [ecs(family, source, 0, address)] } }));
    if (outcome.kind !== 'query') throw new Error(summary(outcome));
    expect(outcome.edns?.clientSubnet?.subnet).toEqual({ family, sourcePrefixLength: source, address: text });
  });
});

describe('decodeQuery: what cannot be answered is dropped', () => {
  it.each([
    ['an empty datagram', Buffer.alloc(0)],
    ['11 bytes', Buffer.alloc(11)],
    [
      'a response (QR set)',
      (() => {
        const b = query();
        b[2] = 0x80;
        return b;
      })(),
    ],
  ])('%s', (_what, buf) => {
    expect(decodeQuery(buf).kind).toBe('drop');
  });
});

describe('decodeQuery: malformed queries get FORMERR, with what could be read', () => {
  const cases: Array<[string, Buffer, string]> = [
    [
      'QDCOUNT 0',
      (() => {
        const b = query();
        b.writeUInt16BE(0, 4);
        return b.subarray(0, 12);
      })(),
      'QDCOUNT 0',
    ],
    [
      'QDCOUNT 2',
      (() => {
        const q = query();
        const b = Buffer.concat([q, q.subarray(12)]);
        b.writeUInt16BE(2, 4);
        return b;
      })(),
      'QDCOUNT 2',
    ],
    ['a header only, QDCOUNT 1', query().subarray(0, 12), 'truncated'],
    ['a question without type/class', query().subarray(0, query().length - 2), 'truncated'],
    ['trailing bytes', Buffer.concat([query(), Buffer.from([0])]), 'trailing-bytes'],
    ['two OPT records', withExtra(query({ edns: {} }), OPT_RR, 1), 'duplicate-opt'],
    [
      'an OPT in the answer section',
      (() => {
        const b = withExtra(query(), OPT_RR);
        b.writeUInt16BE(1, 6);
        return b;
      })(),
      'opt-outside-additional',
    ],
    ['an OPT not owned by the root', withExtra(query(), [1, 0x61, 0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 0], 1), 'opt-not-root'],
    ['an option longer than the OPT', withExtra(query(), [0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 4, 0, 8, 0, 9], 1), 'bad-option-length'],
    ['an option header cut short', withExtra(query(), [0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 2, 0, 8], 1), 'bad-option-length'],
    ['RDATA past the end', withExtra(query(), [0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 9], 1), 'truncated'],
    ['ECS with unknown family 3', query({ edns: { options: [ecs(3, 0, 0, [])] } }), 'bad-client-subnet'],
    ['ECS IPv4 /33', query({ edns: { options: [ecs(1, 33, 0, [1, 2, 3, 4, 5])] } }), 'bad-client-subnet'],
    ['ECS IPv6 /129', query({ edns: { options: [ecs(2, 129, 0, new Array<number>(17).fill(0))] } }), 'bad-client-subnet'],
    ['ECS with too many address octets', query({ edns: { options: [ecs(1, 16, 0, [10, 1, 0])] } }), 'bad-client-subnet'],
    ['ECS with too few address octets', query({ edns: { options: [ecs(1, 24, 0, [10, 1])] } }), 'bad-client-subnet'],
    ['ECS with bits beyond the prefix', query({ edns: { options: [ecs(1, 23, 0, [10, 1, 1])] } }), 'bad-client-subnet'],
    ['ECS shorter than 4 octets', query({ edns: { options: [{ code: 8, data: Buffer.from([0, 1, 0]) }] } }), 'bad-client-subnet'],
    ['two ECS options', query({ edns: { options: [ecs(1, 8, 0, [10]), ecs(1, 8, 0, [11])] } }), 'duplicate-client-subnet'],
    ['QTYPE OPT', query({ type: 41 }), 'QTYPE OPT'],
    [
      'a compression loop in the question',
      Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0xc0, 12, 0, 1, 0, 1]),
      'pointer-loop',
    ],
    ['a label past the end', Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9, 0x61]), 'truncated'],
    [
      'a garbage answer record',
      (() => {
        const b = Buffer.concat([query(), Buffer.from([0xc0])]);
        b.writeUInt16BE(1, 6);
        return b;
      })(),
      'truncated',
    ],
  ];

  it.each(cases)('%s', (_what, buf, reason) => {
    const outcome = decodeQuery(buf);
    expect(summary(outcome)).toBe('rcode 1');
    if (outcome.kind === 'reject') {
      expect(outcome.reason).toContain(reason);
      expect(outcome.header.id).toBe(buf.readUInt16BE(0));
    }
  });

  it('keeps the question and the OPT for a FORMERR caused by ECS, so both are echoed', () => {
    const outcome = decodeQuery(query({ edns: { options: [ecs(3, 0, 0, [])] } }));
    if (outcome.kind !== 'reject') throw new Error(summary(outcome));
    expect(outcome.question?.name).toBe('www.example.test');
    expect(outcome.edns?.version).toBe(0);
  });

  it('keeps the first OPT when there are two', () => {
    const outcome = decodeQuery(withExtra(query({ edns: { dnssecOk: true } }), OPT_RR, 1));
    if (outcome.kind !== 'reject') throw new Error(summary(outcome));
    expect(outcome.edns?.dnssecOk).toBe(true);
  });
});

describe('decodeQuery: other rejections', () => {
  it('NOTIMP for an unknown opcode, without echoing the question', () => {
    const buf = query();
    buf[2] = 15 << 3;
    const outcome = decodeQuery(buf);
    expect(summary(outcome)).toBe('rcode 4');
    if (outcome.kind === 'reject') expect(outcome.question).toBeUndefined();
  });

  it.each([1, 2, 4, 5])('NOTIMP for opcode %i even with a malformed body', (opcode) => {
    const buf = Buffer.from([0, 1, opcode << 3, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0xff]);
    expect(summary(decodeQuery(buf))).toBe('rcode 4');
  });

  it('BADVERS for EDNS version 1, keeping question and OPT (RFC 6891 §6.1.3)', () => {
    const outcome = decodeQuery(query({ edns: { version: 1, options: [{ code: 100, data: Buffer.alloc(0) }] } }));
    if (outcome.kind !== 'reject') throw new Error(summary(outcome));
    expect(outcome.rcode).toBe(16);
    expect(outcome.question?.name).toBe('www.example.test');
    expect(outcome.edns?.version).toBe(1);
  });

  it('does not look into the options of an unknown EDNS version', () => {
    const outcome = decodeQuery(query({ edns: { version: 1, options: [ecs(9, 0, 0, [])] } }));
    expect(summary(outcome)).toBe('rcode 16');
  });
});
