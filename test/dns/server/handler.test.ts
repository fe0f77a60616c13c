import { describe, expect, it } from 'vitest';
import type { DnsAuthority, LookupQuery, LookupResult } from '../../../src/dns/lookup/types.js';
import { DnsHandler, type QueryLogEntry, type QuerySource } from '../../../src/dns/server/index.js';
import { Responder } from '../../../src/dns/server/responder.js';
import { decodeMessage, encodeQuery, type QuerySpec } from '../../../src/dns/wire/index.js';
import { StaticAuthority, StaticViews, rr } from '../../helpers/static-authority.js';
import { fixtureZones, ZONE } from './fixture.js';

const UDP: QuerySource = { address: '127.0.0.1', port: 5353, transport: 'udp' };
const TCP: QuerySource = { ...UDP, transport: 'tcp' };
const VPC_A: QuerySource = { ...UDP, address: '127.0.0.2' };

function views(): StaticViews {
  return new StaticViews([{ address: '127.0.0.2', vpcId: 'vpc-a' }], [{ prefix: '198.51.100.0', length: 24, zoneId: 'z-i' }]);
}

function handler(options: { cache?: boolean; authority?: DnsAuthority; log?: QueryLogEntry[] } = {}): DnsHandler {
  const log = options.log;
  return new DnsHandler({
    authority: options.authority ?? new StaticAuthority(fixtureZones()),
    views: views(),
    ...(options.cache === false && { replyCacheEntries: 0 }),
    ...(log !== undefined && { queryLog: (e: QueryLogEntry) => log.push(e) }),
  });
}

const ECS_V4 = { code: 8, data: Buffer.from([0, 1, 24, 0, 198, 51, 100]) };

/** Queries of every shape the fast path takes, each sent in several spellings. */
const SHAPES: Array<[string, Omit<QuerySpec, 'id'>, QuerySource]> = [
  ['A, no EDNS', { name: `www.${ZONE}`, type: 1 }, UDP],
  ['AAAA, EDNS 1232', { name: `www.${ZONE}`, type: 28, edns: {} }, UDP],
  ['NXDOMAIN with DO', { name: `missing.${ZONE}`, type: 1, edns: { dnssecOk: true } }, UDP],
  ['NODATA', { name: `www.${ZONE}`, type: 15, edns: { udpSize: 4096 } }, UDP],
  ['CNAME chain', { name: `alias.${ZONE}`, type: 1 }, UDP],
  ['referral', { name: `a.sub.${ZONE}`, type: 1 }, UDP],
  ['REFUSED', { name: 'www.example.com', type: 1, edns: {} }, UDP],
  ['truncated without EDNS', { name: `big.${ZONE}`, type: 1 }, UDP],
  ['fits EDNS', { name: `big.${ZONE}`, type: 1, edns: { udpSize: 1400 } }, UDP],
  ['truncated at 1232 with DO', { name: `huge.${ZONE}`, type: 16, edns: { udpSize: 65000, dnssecOk: true } }, UDP],
  ['whole over TCP', { name: `huge.${ZONE}`, type: 16 }, TCP],
  ['ECS with scope', { name: `www.${ZONE}`, type: 1, edns: { options: [ECS_V4] } }, UDP],
  [
    'unknown options ignored',
    { name: `www.${ZONE}`, type: 1, edns: { flags: 0x0080, options: [{ code: 100, data: Buffer.alloc(3) }] } },
    UDP,
  ],
  ['private zone in its VPC', { name: 'db.corp.internal', type: 1 }, VPC_A],
  ['private zone elsewhere', { name: 'db.corp.internal', type: 1 }, UDP],
  ['ANY', { name: `www.${ZONE}`, type: 255 }, UDP],
];

function respell(name: string, seed: number): string {
  return [...name].map((c, i) => ((i + seed) % 3 === 0 ? c.toUpperCase() : c)).join('');
}

describe('fast path', () => {
  it.each(SHAPES)('replays exactly what the full path would send: %s', (_what, spec, source) => {
    const log: QueryLogEntry[] = [];
    const fast = handler({ log });
    const full = handler({ cache: false });
    for (let i = 0; i < 6; i++) {
      const query = encodeQuery({ ...spec, id: 1000 + i, name: respell(spec.name, i), recursionDesired: i % 2 === 0 });
      if (i === 3) query[3] = (query[3] ?? 0) | 0x10; // CD
      const expected = full.handle(query, source);
      expect(fast.handle(query, source)).toEqual(expected);
    }
    // Cached at its second miss (the doorkeeper), replayed from the third.
    expect(log.map((e) => e.cached)).toEqual([false, false, true, true, true, true]);
  });

  it.each(SHAPES)('a miss answers from the scan what a decoded query gets: %s', (_what, spec, source) => {
    const authority = new StaticAuthority(fixtureZones());
    const decoding = new Responder(authority, views());
    const miss = handler({ authority, cache: false });
    for (let i = 0; i < 4; i++) {
      const query = encodeQuery({ ...spec, id: 2000 + i, name: respell(spec.name, i), recursionDesired: i % 2 === 0 });
      if (i === 1) query[3] = (query[3] ?? 0) | 0x10; // CD
      expect(miss.handle(query, source)).toEqual(decoding.respond(query, source)?.reply);
    }
    expect(miss.replyCacheStats.misses).toBe(4);
  });

  it('keeps different views, EDNS shapes and ECS subnets apart', () => {
    const h = handler();
    const reply = (spec: Omit<QuerySpec, 'id'>, source: QuerySource): ReturnType<typeof decodeMessage> =>
      decodeMessage(h.handle(encodeQuery({ ...spec, id: 1 }), source) ?? Buffer.alloc(0));
    expect(reply({ name: 'db.corp.internal', type: 1 }, VPC_A).rcode).toBe(0);
    expect(reply({ name: 'db.corp.internal', type: 1 }, UDP).rcode).toBe(5);
    expect(reply({ name: `big.${ZONE}`, type: 1, edns: {} }, UDP).answer).toHaveLength(40);
    expect(reply({ name: `big.${ZONE}`, type: 1 }, UDP).answer).toHaveLength(0);
    const other = { code: 8, data: Buffer.from([0, 1, 24, 0, 203, 0, 113]) };
    const scopes = [ECS_V4, other].map(
      (o) => reply({ name: `www.${ZONE}`, type: 1, edns: { options: [o] } }, UDP).edns?.options[0]?.data[3],
    );
    expect(scopes).toEqual([24, 0]);
  });

  it('drops every cached reply when the data changes (authority generation)', () => {
    const authority = new StaticAuthority(fixtureZones());
    const h = handler({ authority });
    const ask = (): string[] =>
      decodeMessage(h.handle(encodeQuery({ id: 1, name: `www.${ZONE}`, type: 1 }), UDP) ?? Buffer.alloc(0)).answer.map((a) =>
        JSON.stringify(a.data),
      );
    expect(ask()).toEqual([JSON.stringify({ kind: 'A', address: '192.0.2.10' })]);
    ask();
    const zones = fixtureZones();
    zones[0]?.records.push(rr(`www.${ZONE}`, 300, { kind: 'A', address: '192.0.2.11' }));
    authority.load(zones);
    expect(ask()).toHaveLength(2);
  });

  it('drops every cached reply when bindings change (views generation)', () => {
    const v = views();
    const h = new DnsHandler({ authority: new StaticAuthority(fixtureZones()), views: v });
    const ask = (): number =>
      decodeMessage(h.handle(encodeQuery({ id: 1, name: 'db.corp.internal', type: 1 }), UDP) ?? Buffer.alloc(0)).rcode;
    expect(ask()).toBe(5);
    v.bind([{ address: '127.0.0.1', vpcId: 'vpc-a' }]);
    expect(ask()).toBe(0);
  });

  it('holds no more replies than its budget', () => {
    const h = new DnsHandler({ authority: new StaticAuthority(fixtureZones()), views: views(), replyCacheEntries: 100 });
    for (let i = 0; i < 1000; i++) h.handle(encodeQuery({ id: i, name: `n${i}.${ZONE}`, type: 1 }), UDP);
    expect(h.cachedReplies).toBeGreaterThan(0);
    expect(h.cachedReplies).toBeLessThanOrEqual(100);
  });
});

describe('internal errors', () => {
  class Failing implements DnsAuthority {
    generation = 1;
    private readonly inner = new StaticAuthority(fixtureZones());
    lookup(query: LookupQuery): LookupResult {
      if (query.name.startsWith('boom')) throw new Error('lookup exploded');
      if (query.name.startsWith('bad-data')) {
        return { status: 'success', answer: [rr(query.name, 1, { kind: 'A', address: 'not-an-ip' })], authority: [], additional: [] };
      }
      return this.inner.lookup(query);
    }
  }

  it.each(['boom', 'bad-data'])('answer SERVFAIL for %s, report it, and keep serving', (label) => {
    const errors: Error[] = [];
    const h = new DnsHandler({ authority: new Failing(), views: views(), onError: (e) => errors.push(e) });
    const reply = decodeMessage(h.handle(encodeQuery({ id: 9, name: `${label}.${ZONE}`, type: 1, edns: {} }), UDP) ?? Buffer.alloc(0));
    expect(reply).toMatchObject({ id: 9, rcode: 2, questions: [{ name: `${label}.${ZONE}`, type: 1, class: 1 }], answer: [] });
    expect(reply.edns?.udpSize).toBe(1232);
    // RFC 8914 "Other Error" with a text that points at the log, never at the cause.
    expect(reply.edns?.options.map((o) => [o.code, o.data.readUInt16BE(0), o.data.subarray(2).toString()])).toEqual([
      [15, 0, 'internal error answering this query; see the server log'],
    ]);
    expect(errors).toHaveLength(1);
    const again = h.handle(encodeQuery({ id: 10, name: `www.${ZONE}`, type: 1 }), UDP);
    expect(decodeMessage(again ?? Buffer.alloc(0)).rcode).toBe(0);
  });

  it('does not cache a SERVFAIL', () => {
    const h = new DnsHandler({ authority: new Failing(), views: views(), onError: () => undefined });
    h.handle(encodeQuery({ id: 1, name: `boom.${ZONE}`, type: 1 }), UDP);
    expect(h.cachedReplies).toBe(0);
  });

  it('survives a throwing view resolver and a throwing error hook', () => {
    const h = new DnsHandler({
      authority: new StaticAuthority(fixtureZones()),
      views: {
        generation: 1,
        resolve: () => {
          throw new Error('no views');
        },
      },
      onError: () => {
        throw new Error('hook failed too');
      },
    });
    const reply = h.handle(encodeQuery({ id: 3, name: `www.${ZONE}`, type: 1 }), UDP);
    expect(decodeMessage(reply ?? Buffer.alloc(0)).rcode).toBe(2);
  });
});

describe('metrics', () => {
  it('observes rcode, qtype, view and a duration for every reply', () => {
    const seen: Array<[number, number, string, number]> = [];
    const h = new DnsHandler({
      authority: new StaticAuthority(fixtureZones()),
      views: views(),
      metrics: { observe: (rcode, qtype, view, seconds) => seen.push([rcode, qtype, view, seconds]) },
    });
    h.handle(encodeQuery({ id: 1, name: 'db.corp.internal', type: 1 }), VPC_A);
    h.handle(encodeQuery({ id: 2, name: `nope.${ZONE}`, type: 28 }), UDP);
    h.handle(Buffer.from([0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), UDP);
    expect(seen.map(([r, t, v]) => [r, t, v])).toEqual([
      [0, 1, 'vpc-a'],
      [3, 28, '-'],
      [1, 0, '-'],
    ]);
    for (const [, , , seconds] of seen) expect(seconds).toBeGreaterThanOrEqual(0);
  });
});
