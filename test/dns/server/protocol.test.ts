import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeQuery } from '../../../src/dns/wire/index.js';
import { dig, kdig } from '../../helpers/dig.js';
import { startFixture, ZONE, type Fixture } from './fixture.js';
import { frame, TcpClient, udpExchange } from './raw-client.js';

let fixture: Fixture;
const v4 = (): { host: string; port: number } => ({ host: '127.0.0.1', port: fixture.port });
const v6 = (): { host: string; port: number } => ({ host: '::1', port: fixture.port });

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture.close();
});

describe('answers, as an authoritative server gives them', () => {
  it('AA and the data for a name in the zone, over IPv4 and IPv6', async () => {
    for (const target of [v4(), v6()]) {
      const r = await dig(target, [`www.${ZONE}`, 'AAAA']);
      expect(r.status).toBe('NOERROR');
      expect(r.flags).toEqual(['qr', 'aa']);
      expect(r.answer).toEqual([{ name: `www.${ZONE}.`, ttl: 300, class: 'IN', type: 'AAAA', data: '2001:db8::10' }]);
    }
  });

  it('NXDOMAIN with the SOA, negative TTL = min(SOA TTL, MINIMUM)', async () => {
    const r = await dig(v4(), [`nope.${ZONE}`]);
    expect(r.status).toBe('NXDOMAIN');
    expect(r.flags).toContain('aa');
    expect(r.answer).toEqual([]);
    expect(r.authority).toMatchObject([{ name: `${ZONE}.`, type: 'SOA', ttl: 300 }]);
  });

  it('NODATA (NOERROR, no answer, SOA) for a type the name lacks and for an empty non-terminal', async () => {
    for (const args of [
      [`www.${ZONE}`, 'MX'],
      [`name.${ZONE}`, 'A'],
    ]) {
      const r = await dig(v4(), args);
      expect(r.status).toBe('NOERROR');
      expect(r.answer).toEqual([]);
      expect(r.authority.map((a) => a.type)).toEqual(['SOA']);
    }
  });

  it('NODATA for an unknown type (never NOTIMP)', async () => {
    const r = await kdig(v6(), [`www.${ZONE}`, 'TYPE65000']);
    expect(r.status).toBe('NOERROR');
    expect(r.authority.map((a) => a.type)).toEqual(['SOA']);
  });

  it('follows a CNAME inside the zone', async () => {
    const r = await dig(v4(), [`alias.${ZONE}`]);
    expect(r.answer.map((a) => `${a.type} ${a.data}`)).toEqual([`CNAME www.${ZONE}.`, 'A 192.0.2.10']);
  });

  it('a referral below a zone cut: no AA, NS in authority, glue in additional', async () => {
    const r = await dig(v4(), [`host.sub.${ZONE}`]);
    expect(r.status).toBe('NOERROR');
    expect(r.flags).not.toContain('aa');
    expect(r.authority.map((a) => `${a.type} ${a.data}`)).toEqual([`NS ns.sub.${ZONE}.`]);
    expect(r.additional.map((a) => `${a.name} ${a.data}`)).toEqual([`ns.sub.${ZONE}. 192.0.2.99`]);
  });

  it('REFUSED, without AA, outside every zone: never an open resolver', async () => {
    const r = await dig(v4(), ['www.example.com', '+rec']);
    expect(r.status).toBe('REFUSED');
    expect(r.flags).toEqual(['qr', 'rd']);
  });

  it('says why it refused with an Extended DNS Error (RFC 8914) when the query has EDNS, and only then', async () => {
    const outside = await dig(v4(), ['www.example.com']);
    expect(outside.edns?.options).toEqual([{ name: 'EDE', value: '20 (Not Authoritative): (no zone served here holds this name)' }]);
    const byKdig = await kdig(v6(), ['www.example.com', '+edns']);
    expect(byKdig.edns?.options).toEqual([{ name: 'EDE', value: '20: (no zone served here holds this name)' }]);
    const chaos = await dig(v4(), ['-c', 'CH', 'version.bind', 'TXT']);
    expect(chaos.edns?.options).toEqual([{ name: 'EDE', value: '20 (Not Authoritative): (only class IN is served)' }]);
    // No OPT in the query, none in the reply (RFC 6891 §7): the EDE cannot travel.
    const plain = await dig(v4(), ['www.example.com', '+noedns']);
    expect(plain.status).toBe('REFUSED');
    expect(plain.edns).toBeUndefined();
    // Answers carry none.
    expect((await dig(v4(), [`www.${ZONE}`])).edns?.options).toEqual([]);
  });

  it('a private zone answers only in its VPC (source 127.0.0.2), REFUSED elsewhere', async () => {
    const inside = await dig(v4(), ['-b', '127.0.0.2', 'db.corp.internal']);
    expect(inside.answer.map((a) => a.data)).toEqual(['10.0.0.5']);
    const outside = await dig(v4(), ['db.corp.internal']);
    expect(outside.status).toBe('REFUSED');
  });

  it('echoes the question as asked, and answers under that spelling', async () => {
    const r = await dig(v4(), ['WwW.ExAmPlE.TeSt']);
    expect(r.question).toEqual([{ name: 'WwW.ExAmPlE.TeSt.', class: 'IN', type: 'A' }]);
    expect(r.answer.map((a) => a.name)).toEqual(['WwW.ExAmPlE.TeSt.']);
    const again = await dig(v4(), ['wWw.eXaMpLe.tEsT']);
    expect(again.question[0]?.name).toBe('wWw.eXaMpLe.tEsT.');
  });

  it('echoes RD and never sets RA', async () => {
    const r = await dig(v4(), [`www.${ZONE}`, '+rec']);
    expect(r.flags).toEqual(['qr', 'aa', 'rd']);
  });

  it('answers QCLASS ANY from the IN data and refuses CH (no zones of that class)', async () => {
    const any = await dig(v4(), ['-c', 'ANY', `www.${ZONE}`]);
    expect(any.answer.map((a) => a.data)).toEqual(['192.0.2.10']);
    const chaos = await dig(v4(), ['-c', 'CH', 'version.bind', 'TXT']);
    expect(chaos.status).toBe('REFUSED');
  });

  it('answers ANY with one RRset (RFC 8482), over UDP and TCP', async () => {
    const udp = await kdig(v4(), [`www.${ZONE}`, 'ANY', '+ignore']);
    expect(udp.answer.map((a) => a.type)).toEqual(['A']);
    const tcp = await dig(v4(), [`www.${ZONE}`, 'ANY', '+tcp']);
    expect(tcp.answer.map((a) => a.type)).toEqual(['A']);
  });

  it('echoes ECS with the scope the view used (RFC 7871 §7.2.1)', async () => {
    const used = await dig(v4(), [`www.${ZONE}`, '+subnet=198.51.100.0/24']);
    expect(used.edns?.options).toEqual([{ name: 'CLIENT-SUBNET', value: '198.51.100.0/24/24' }]);
    const unused = await dig(v4(), [`www.${ZONE}`, '+subnet=203.0.113.0/24']);
    expect(unused.edns?.options).toEqual([{ name: 'CLIENT-SUBNET', value: '203.0.113.0/24/0' }]);
  });
});

describe('size limits and truncation', () => {
  it('truncates at 512 without EDNS: TC, no records', async () => {
    const r = await dig(v4(), [`big.${ZONE}`, '+noedns', '+ignore']);
    expect(r.flags).toContain('tc');
    expect(r.answer).toEqual([]);
    expect(r.size).toBeLessThanOrEqual(512);
  });

  it('fits the same answer into the 1232 bytes EDNS allows', async () => {
    const r = await dig(v4(), [`big.${ZONE}`, '+bufsize=1232', '+ignore']);
    expect(r.flags).not.toContain('tc');
    expect(r.answer).toHaveLength(40);
  });

  it('never sends more than 1232 over UDP, whatever the client offers; TC keeps the OPT', async () => {
    const r = await dig(v4(), [`huge.${ZONE}`, 'TXT', '+bufsize=4096', '+ignore', '+dnssec']);
    expect(r.flags).toContain('tc');
    expect(r.edns).toMatchObject({ version: 0, udpSize: 1232, flags: ['do'] });
    expect(r.size).toBeLessThanOrEqual(1232);
  });

  it('treats an EDNS size under 512 as 512 (RFC 6891 §6.2.5)', async () => {
    const r = await dig(v4(), [`big.${ZONE}`, '+bufsize=100', '+ignore']);
    expect(r.flags).toContain('tc');
    expect(r.size).toBeGreaterThan(0);
  });

  it('the truncated answer is complete over TCP (dig and kdig retry by themselves)', async () => {
    const viaDig = await dig(v4(), [`huge.${ZONE}`, 'TXT']);
    expect(viaDig.transport).toBe('TCP');
    expect(viaDig.answer).toHaveLength(90);
    const viaKdig = await kdig(v6(), [`big.${ZONE}`, '+noedns']);
    expect(viaKdig.answer).toHaveLength(40);
  });
});

describe('rejections, byte by byte', () => {
  const host = '127.0.0.1';
  const query = (spec: Partial<Parameters<typeof encodeQuery>[0]> = {}): Buffer =>
    encodeQuery({ id: 0x4242, name: `www.${ZONE}`, type: 1, ...spec });

  it('FORMERR for two OPT records, with our OPT (RFC 6891 §6.1.1)', async () => {
    const base = query({ edns: {} });
    const twice = Buffer.concat([base, base.subarray(base.length - 11)]);
    twice.writeUInt16BE(2, 10);
    const reply = decodeMessage((await udpExchange(host, fixture.port, twice)) ?? Buffer.alloc(0));
    expect(reply.rcode).toBe(1);
    expect(reply.id).toBe(0x4242);
    expect(reply.edns?.udpSize).toBe(1232);
  });

  it('FORMERR for a malformed ECS option, question and OPT echoed (RFC 7871 §7.2.1)', async () => {
    const bad = query({ edns: { options: [{ code: 8, data: Buffer.from([0, 1, 24, 0, 10, 0]) }] } });
    const reply = decodeMessage((await udpExchange(host, fixture.port, bad)) ?? Buffer.alloc(0));
    expect(reply.rcode).toBe(1);
    expect(reply.questions).toEqual([{ name: `www.${ZONE}`, type: 1, class: 1 }]);
    expect(reply.edns?.options).toEqual([]);
  });

  it('FORMERR for no question, and for two', async () => {
    const none = query().subarray(0, 12);
    none.writeUInt16BE(0, 4);
    expect(decodeMessage((await udpExchange(host, fixture.port, Buffer.from(none))) ?? Buffer.alloc(0)).rcode).toBe(1);
    const q = query();
    const two = Buffer.concat([q, q.subarray(12)]);
    two.writeUInt16BE(2, 4);
    expect(decodeMessage((await udpExchange(host, fixture.port, two)) ?? Buffer.alloc(0))).toMatchObject({ rcode: 1, questions: [] });
  });

  it('NOTIMP for NOTIFY and UPDATE, with no sections echoed', async () => {
    for (const opcode of [4, 5]) {
      const q = query();
      q[2] = opcode << 3;
      const reply = decodeMessage((await udpExchange(host, fixture.port, q)) ?? Buffer.alloc(0));
      expect(reply).toMatchObject({ rcode: 4, opcode, questions: [], answer: [] });
      expect(reply.flags & 0x0400).toBe(0);
    }
  });

  it('silence for garbage without an ID and for responses', async () => {
    expect(await udpExchange(host, fixture.port, Buffer.from([1, 2, 3]), 300)).toBeNull();
    const response = query();
    response[2] = (response[2] ?? 0) | 0x80;
    expect(await udpExchange(host, fixture.port, response, 300)).toBeNull();
    expect((await dig(v4(), [`www.${ZONE}`])).status).toBe('NOERROR');
  });

  it('REFUSED for AXFR and IXFR over UDP and TCP: no zone transfers', async () => {
    for (const type of [252, 251]) {
      const udp = decodeMessage((await udpExchange(host, fixture.port, query({ name: ZONE, type }))) ?? Buffer.alloc(0));
      expect(udp.rcode).toBe(5);
      // With EDNS, the reason: RFC 8914 "Not Supported" (docs/dns.md "Extended DNS Errors").
      const withEdns = decodeMessage((await udpExchange(host, fixture.port, query({ name: ZONE, type, edns: {} }))) ?? Buffer.alloc(0));
      expect(withEdns.rcode).toBe(5);
      expect(withEdns.edns?.options.map((o) => [o.code, o.data.readUInt16BE(0), o.data.subarray(2).toString()])).toEqual([
        [15, 21, 'zone transfers are not served'],
      ]);
    }
    const client = await TcpClient.connect(host, fixture.port);
    await client.write(frame(query({ name: ZONE, type: 252 })));
    const [reply] = await client.waitForReplies(1);
    client.destroy();
    expect(decodeMessage(reply ?? Buffer.alloc(0))).toMatchObject({ rcode: 5, answer: [] });
  });
});

describe('operations', () => {
  it('logs each query, marking replies that came from the fast path', async () => {
    fixture.log.length = 0;
    await dig(v4(), ['LoGgEd.example.test', 'TXT']);
    await dig(v4(), ['logged.EXAMPLE.test', 'TXT']);
    await dig(v4(), ['LOGGED.example.test', 'TXT']);
    const entries = fixture.log.filter((e) => e.qname.toLowerCase() === 'logged.example.test');
    expect(entries.map((e) => [e.qname, e.qtype, e.rcode, e.protocol, e.cached])).toEqual([
      ['LoGgEd.example.test', 16, 3, 'udp', false],
      // Cached at its second miss (the reply cache's doorkeeper), replayed from the third.
      ['logged.EXAMPLE.test', 16, 3, 'udp', false],
      ['LOGGED.example.test', 16, 3, 'udp', true],
    ]);
    expect(entries[0]?.client).toBe('127.0.0.1');
    expect(fixture.errors).toEqual([]);
  });
});
