import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import type { ResourceRecord } from '../../../src/dns/lookup/types.js';
import { EncodeError } from '../../../src/dns/wire/errors.js';
import { decodeMessage } from '../../../src/dns/wire/message-decode.js';
import { decodeQuery, type DecodedQuestion } from '../../../src/dns/wire/query-decode.js';
import { encodeQuery } from '../../../src/dns/wire/query-encode.js';
import { encodeResponse, type ResponseSpec } from '../../../src/dns/wire/response-encode.js';
import { EVERY_KIND, record } from './records.js';

function questionOf(name: string, type = 1): DecodedQuestion {
  const outcome = decodeQuery(encodeQuery({ id: 1, name, type }));
  if (outcome.kind !== 'query') throw new Error('bad test query');
  return outcome.question;
}

function spec(overrides: Partial<ResponseSpec> = {}): ResponseSpec {
  return {
    id: 0xbeef,
    opcode: 0,
    rcode: 0,
    authoritative: true,
    recursionDesired: false,
    checkingDisabled: false,
    question: questionOf('www.example.test'),
    answer: [],
    authority: [],
    additional: [],
    additionalRequired: false,
    edns: undefined,
    ...overrides,
  };
}

function withoutCase(records: ResourceRecord[]): ResourceRecord[] {
  return records.map((r) => ({ ...r, name: r.name.toLowerCase() }));
}

describe('encodeResponse: round trip', () => {
  it('writes every RData kind and reads it back unchanged', () => {
    const wire = encodeResponse(spec({ answer: EVERY_KIND, authority: EVERY_KIND.slice(0, 3), additional: EVERY_KIND.slice(5) }), 65535);
    const decoded = decodeMessage(wire);
    expect(withoutCase(decoded.answer)).toEqual(EVERY_KIND);
    expect(withoutCase(decoded.authority)).toEqual(EVERY_KIND.slice(0, 3));
    expect(withoutCase(decoded.additional)).toEqual(EVERY_KIND.slice(5));
  });

  it('is read the same way by dns-packet, an independent decoder', () => {
    const wire = encodeResponse(spec({ answer: EVERY_KIND, edns: { dnssecOk: true, options: [] } }), 65535);
    const packet = dnsPacket.decode(wire);
    expect(packet.id).toBe(0xbeef);
    expect(packet.flag_aa).toBe(true);
    const answers = packet.answers ?? [];
    expect(answers.map((a) => a.type)).toEqual([
      'A',
      'AAAA',
      'NS',
      'CNAME',
      'PTR',
      'SOA',
      'MX',
      'TXT',
      'SRV',
      'UNKNOWN_666',
      'UNKNOWN_65280',
    ]);
    const byType = new Map<string, unknown>(answers.map((a) => [a.type as string, a] as const));
    expect(byType.get('A')).toMatchObject({ name: 'a.example.test', ttl: 300, data: '192.0.2.1' });
    expect(byType.get('AAAA')).toMatchObject({ data: '2001:db8::5:0:1' });
    expect(byType.get('SOA')).toMatchObject({
      data: { mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 2024010101, minimum: 300 },
    });
    expect(byType.get('MX')).toMatchObject({ data: { preference: 10, exchange: 'mail.example.test' } });
    expect(byType.get('SRV')).toMatchObject({ data: { priority: 1, weight: 5, port: 5060, target: 'sip.example.test' } });
    expect((byType.get('TXT') as { data: Buffer[] }).data.map(String)).toEqual(['v=spf1 -all', '', 'x'.repeat(255)]);
    expect([...(byType.get('UNKNOWN_666') as { data: Buffer }).data]).toEqual([0, 1, 2, 255]);
    const opt = (packet.additionals ?? []).find((a) => a.type === 'OPT') as { udpPayloadSize: number; flags: number } | undefined;
    expect(opt).toMatchObject({ udpPayloadSize: 1232, flags: 0x8000 });
  });

  it('echoes the question exactly as asked', () => {
    const wire = encodeResponse(spec({ question: questionOf('WwW.ExAmple.TEST', 28) }), 512);
    expect(decodeMessage(wire).questions).toEqual([{ name: 'WwW.ExAmple.TEST', type: 28, class: 1 }]);
  });

  it('sets QR, opcode, AA, RD, CD and the RCODE, and nothing else', () => {
    const wire = encodeResponse(spec({ rcode: 3, recursionDesired: true, checkingDisabled: true }), 512);
    expect(wire.readUInt16BE(2)).toBe(0x8000 | 0x0400 | 0x0100 | 0x0010 | 3);
    const plain = encodeResponse(spec({ authoritative: false, opcode: 15, rcode: 4, question: undefined }), 512);
    expect(plain.readUInt16BE(2)).toBe(0x8000 | (15 << 11) | 4);
    expect(plain.length).toBe(12);
  });

  it('puts BADVERS in the OPT extended RCODE with header RCODE 0 (RFC 6891 §6.1.3)', () => {
    const wire = encodeResponse(spec({ rcode: 16, authoritative: false, edns: { dnssecOk: false, options: [] } }), 512);
    expect(wire.readUInt16BE(2) & 0xf).toBe(0);
    const decoded = decodeMessage(wire);
    expect(decoded.rcode).toBe(16);
    expect(decoded.edns).toMatchObject({ version: 0, udpSize: 1232, flags: 0 });
  });
});

describe('encodeResponse: compression (RFC 1035 §4.1.4)', () => {
  it('points owner names at the question and shares suffixes', () => {
    const answer = [
      record('www.example.test', { kind: 'CNAME', target: 'web.example.test' }),
      record('web.example.test', { kind: 'A', address: '192.0.2.7' }),
    ];
    const wire = encodeResponse(spec({ answer }), 512);
    const afterQuestion = 12 + 18 + 4;
    expect([...wire.subarray(afterQuestion, afterQuestion + 2)]).toEqual([0xc0, 12]);
    // CNAME target: "web" + pointer to "example.test" inside the question (offset 16).
    const targetAt = afterQuestion + 12;
    expect([...wire.subarray(targetAt, targetAt + 6)]).toEqual([3, 0x77, 0x65, 0x62, 0xc0, 16]);
    expect(wire.length).toBe(afterQuestion + 12 + 6 + 12 + 4);
    expect(dnsPacket.decode(wire).answers?.map((a) => a.name)).toEqual(['www.example.test', 'web.example.test']);
  });

  it('compresses many records with one shared suffix far below their plain size', () => {
    const answer = Array.from({ length: 40 }, (_, i) => record('www.example.test', { kind: 'NS', target: `ns${i}.provider.example.test` }));
    const wire = encodeResponse(spec({ answer }), 65535);
    const plain = answer.reduce((n) => n + 18 + 10 + 30, 12 + 22);
    expect(wire.length).toBeLessThan(plain / 2);
    expect(decodeMessage(wire).answer.map((r) => r.data)).toEqual(answer.map((r) => r.data));
  });

  it('does not compress the SRV target (RFC 2782) but does compress MX (RFC 1035)', () => {
    const srv = encodeResponse(
      spec({ answer: [record('www.example.test', { kind: 'SRV', priority: 0, weight: 0, port: 1, target: 'www.example.test' })] }),
      512,
    );
    expect(srv.subarray(-18).toString('latin1')).toBe('\x03www\x07example\x04test\x00');
    const mx = encodeResponse(
      spec({ answer: [record('www.example.test', { kind: 'MX', preference: 1, exchange: 'www.example.test' })] }),
      512,
    );
    expect([...mx.subarray(-2)]).toEqual([0xc0, 12]);
  });

  it('still decodes when the message grows past the 16 KiB pointer range', () => {
    const answer = Array.from({ length: 600 }, (_, i) => record('www.example.test', { kind: 'TXT', texts: [`${i}`.padEnd(40, '.')] }));
    answer.push(record('late.example.test', { kind: 'CNAME', target: 'later.example.test' }));
    const wire = encodeResponse(spec({ answer }), 65535);
    expect(wire.length).toBeGreaterThan(0x4000);
    expect(dnsPacket.decode(wire).answers?.at(-1)).toMatchObject({ name: 'late.example.test', data: 'later.example.test' });
  });
});

describe('encodeResponse: truncation', () => {
  const big = Array.from({ length: 30 }, (_, i) => record('www.example.test', { kind: 'A', address: `192.0.2.${i}` }));

  it('sets TC and keeps only header, question and OPT when the answer does not fit', () => {
    const wire = encodeResponse(spec({ answer: big, edns: { dnssecOk: true, options: [] } }), 512);
    const decoded = decodeMessage(wire);
    expect(decoded.flags & 0x0200).toBe(0x0200);
    expect(decoded.answer).toEqual([]);
    expect(decoded.questions).toHaveLength(1);
    expect(decoded.edns).toMatchObject({ udpSize: 1232, dnssecOk: true });
    expect(wire.length).toBeLessThanOrEqual(512);
  });

  it('sends the whole answer when the limit allows it', () => {
    const wire = encodeResponse(spec({ answer: big }), 1232);
    expect(wire.readUInt16BE(2) & 0x0200).toBe(0);
    expect(decodeMessage(wire).answer).toHaveLength(30);
  });

  it('drops optional additional data without TC (RFC 2181 §9)', () => {
    const wire = encodeResponse(spec({ answer: big.slice(0, 10), additional: big }), 512);
    const decoded = decodeMessage(wire);
    expect(decoded.flags & 0x0200).toBe(0);
    expect(decoded.answer).toHaveLength(10);
    expect(decoded.additional).toEqual([]);
  });

  it('sets TC when required glue does not fit', () => {
    const wire = encodeResponse(spec({ authority: big.slice(0, 2), additional: big, additionalRequired: true }), 512);
    expect(wire.readUInt16BE(2) & 0x0200).toBe(0x0200);
  });
});

describe('encodeResponse: data that cannot be encoded', () => {
  it.each<[string, ResourceRecord]>([
    ['a bad IPv4 address', record('a.test', { kind: 'A', address: '300.1.1.1' })],
    ['a bad IPv6 address', record('a.test', { kind: 'AAAA', address: '2001:db8::g' })],
    ['a label of 64 octets', record(`${'x'.repeat(64)}.test`, { kind: 'A', address: '192.0.2.1' })],
    ['a negative TTL', { ...record('a.test', { kind: 'A', address: '192.0.2.1' }), ttl: -1 }],
    ['a TTL over 2^31-1', { ...record('a.test', { kind: 'A', address: '192.0.2.1' }), ttl: 2 ** 31 }],
    ['a TXT string over 255 octets', record('a.test', { kind: 'TXT', texts: ['é'.repeat(128)] })],
    ['an MX preference over 65535', record('a.test', { kind: 'MX', preference: 70000, exchange: 'b.test' })],
    ['a TYPE that disagrees with the data', { ...record('a.test', { kind: 'A', address: '192.0.2.1' }), type: 28 }],
  ])('throws EncodeError for %s', (_what, rr) => {
    expect(() => encodeResponse(spec({ answer: [rr] }), 65535)).toThrow(EncodeError);
  });
});
