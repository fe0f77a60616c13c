import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType } from '../../../src/dns/lookup/types.js';
import { ZoneRegistry } from '../../../src/dns/registry/index.js';
import { DnsHandler, type QuerySource } from '../../../src/dns/server/index.js';
import { encodeQuery } from '../../../src/dns/wire/index.js';
import { Zone, type RecordInput } from '../../../src/dns/zone/index.js';
import { StaticViews } from '../../helpers/static-authority.js';

/**
 * Replies dropped per name or per zone (DnsAuthority.changesSince) must never
 * leave a stale one: after any sequence of changes — addresses, CNAME chains,
 * NS cuts with glue, MX targets, wildcards, empty non-terminals, pins, address
 * families, zones added below and removed — a handler with its reply cache
 * answers every query byte for byte as one without a cache.
 */
const ORIGIN = 'z.test';
const LABELS = ['a', 'b', '*', 'a-h'];
const names: string[] = [ORIGIN];
for (const l1 of LABELS) {
  names.push(`${l1}.${ORIGIN}`);
  for (const l2 of LABELS) names.push(`${l2}.${l1}.${ORIGIN}`);
}
const queryNames = [...names, ...names.map((n) => `q.${n}`)].filter((n) => !n.includes('*'));
const TYPES = [RRType.A, RRType.TXT, RRType.MX, RRType.NS, RRType.ANY];
const below = names.filter((n) => n !== ORIGIN);

const soa: RecordInput = {
  ttl: 60,
  data: { kind: 'SOA', mname: `ns.${ORIGIN}`, rname: `h.${ORIGIN}`, serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 30 },
};

type Op =
  | { op: 'a'; name: string; n: number }
  | { op: 'txt'; name: string; n: number }
  | { op: 'cname'; name: string; target: string }
  | { op: 'ns'; name: string; target: string }
  | { op: 'mx'; name: string; target: string }
  | { op: 'delete'; name: string }
  | { op: 'pin' | 'unpin'; name: string }
  | { op: 'family'; n: number }
  | { op: 'subzone' | 'nosubzone' | 'soa'; n: number };

const name = fc.constantFrom(...below);
const target = fc.constantFrom(...names);
const n = fc.integer({ min: 1, max: 4 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('a' as const), name, n }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('txt' as const), name, n }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('cname' as const), name, target }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('ns' as const), name, target }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('mx' as const), name, target }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), name }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constantFrom('pin' as const, 'unpin' as const), name }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('family' as const), n }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constantFrom('subzone' as const, 'nosubzone' as const, 'soa' as const), n }), weight: 1 },
);

const a = (i: number): RecordInput => ({ ttl: 60, data: { kind: 'A', address: `192.0.2.${i}` } });

function apply(registry: ZoneRegistry, zone: Zone, op: Op): void {
  try {
    switch (op.op) {
      case 'a':
        return zone.setRRset(op.name, RRType.A, [a(op.n)]);
      case 'txt':
        return zone.setRRset(op.name, RRType.TXT, [{ ttl: 60, data: { kind: 'TXT', texts: [`t${op.n}`] } }]);
      case 'cname':
        return zone.setRRset(op.name, RRType.CNAME, [{ ttl: 60, data: { kind: 'CNAME', target: op.target } }]);
      case 'ns':
        return zone.setRRset(op.name, RRType.NS, [{ ttl: 60, data: { kind: 'NS', target: op.target } }]);
      case 'mx':
        return zone.setRRset(op.name, RRType.MX, [{ ttl: 60, data: { kind: 'MX', preference: 10, exchange: op.target } }]);
      case 'delete':
        zone.deleteName(op.name);
        return;
      case 'pin':
        return zone.pinName(op.name);
      case 'unpin':
        return zone.unpinName(op.name);
      case 'family':
        zone.setAddressFamily(`a.${ORIGIN}`, [a(op.n)], [], [{ name: `a-h.${ORIGIN}`, a: [a(op.n + 10)], aaaa: [] }]);
        return;
      case 'subzone': {
        const sub = new Zone(`b.${ORIGIN}`, soa);
        sub.setRRset(`a.b.${ORIGIN}`, RRType.A, [a(100 + op.n)]);
        registry.setPublicZone(sub);
        return;
      }
      case 'nosubzone':
        registry.removePublicZone(`b.${ORIGIN}`);
        return;
      case 'soa':
        return zone.setRRset(ORIGIN, RRType.SOA, [{ ...soa, data: { ...soa.data, kind: 'SOA', serial: op.n } as RecordInput['data'] }]);
    }
  } catch {
    // Refused changes (a CNAME beside other data) change nothing: the point is what was applied.
  }
}

const UDP: QuerySource = { address: '127.0.0.1', port: 5353, transport: 'udp' };

describe('reply cache invalidation by what changed', () => {
  it('drops the answers leading to a CNAME target that becomes an empty non-terminal', () => {
    const registry = new ZoneRegistry();
    const zone = new Zone(ORIGIN, soa);
    registry.setPublicZone(zone);
    const views = new StaticViews([], []);
    const cached = new DnsHandler({ authority: registry, views });
    const query = encodeQuery({ id: 7, name: `a-h.${ORIGIN}`, type: RRType.A });
    apply(registry, zone, { op: 'cname', name: `a-h.${ORIGIN}`, target: `a.${ORIGIN}` });
    expect((cached.handle(query, UDP)?.[3] ?? 0) & 0xf).toBe(3); // NXDOMAIN: the target does not exist
    apply(registry, zone, { op: 'txt', name: `a-h.a.${ORIGIN}`, n: 1 });
    expect((cached.handle(query, UDP)?.[3] ?? 0) & 0xf).toBe(0); // NODATA: the target is now an empty non-terminal
  });

  it('never serves a reply a change made stale', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 14 }), (ops) => {
        const registry = new ZoneRegistry();
        const zone = new Zone(ORIGIN, soa);
        registry.setPublicZone(zone);
        const views = new StaticViews([], []);
        const cached = new DnsHandler({ authority: registry, views });
        const fresh = new DnsHandler({ authority: registry, views, replyCacheEntries: 0 });
        const queries = queryNames.flatMap((qname) => TYPES.map((type) => encodeQuery({ id: 7, name: qname, type })));
        for (const op of [...ops, { op: 'a' as const, name: `b.${ORIGIN}`, n: 9 }]) {
          // Twice: the reply cache admits a question at its second miss.
          for (let pass = 0; pass < 2; pass++) for (const q of queries) cached.handle(q, UDP);
          apply(registry, zone, op);
          for (const q of queries) {
            const got = cached.handle(q, UDP);
            const want = fresh.handle(q, UDP);
            if (!got?.equals(want ?? Buffer.alloc(0))) {
              expect({ op, reply: got?.toString('hex') }).toEqual({ op, reply: want?.toString('hex') });
            }
          }
        }
        // The cache did serve replies: a test that always missed would prove nothing.
        expect(cached.replyCacheStats.hits).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
