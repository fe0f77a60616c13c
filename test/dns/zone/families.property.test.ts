import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType, type RData } from '../../../src/dns/lookup/types.js';
import { Zone, type RecordInput } from '../../../src/dns/zone/index.js';

/**
 * Zone.setAddressFamily against setAddresses name by name: after any mix of
 * families, single-name changes, other types, deletions and pins, a zone that
 * keeps families must answer every query exactly as one that never did
 * (owners, sections, statuses, affinity tags), list the same records and
 * count the same names. Labels are chosen so that dashes make families
 * overlap: "e", "e-a" and "e-a-b" can each own members named like the others.
 */
const ORIGIN = 'z';
const PARENT = `s.${ORIGIN}`;
const OWNERS = ['e', 'e-a', 'e-a-b', 'f'];
const SUFFIXES = ['a', 'b', 'a-b', 'x'];
const leafLabels = new Set<string>(OWNERS);
for (const owner of OWNERS) for (const suffix of SUFFIXES) leafLabels.add(`${owner}-${suffix}`);
const leaves = [...leafLabels].map((label) => `${label}.${PARENT}`);
const queries = [ORIGIN, PARENT, ...leaves, ...leaves.map((n) => `q.${n}`), `nope.${PARENT}`, `e-zz.${PARENT}`];
const QTYPES = [RRType.A, RRType.AAAA, RRType.TXT, RRType.ANY, RRType.CNAME];

const SOA: RecordInput = {
  ttl: 600,
  data: {
    kind: 'SOA',
    mname: `ns.${ORIGIN}`,
    rname: `h.${ORIGIN}`,
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum: 30,
  } as RData,
};

interface Addresses {
  a: number[];
  aaaa: number[];
  affinity: boolean;
}
const addressesArb: fc.Arbitrary<Addresses> = fc.record({
  a: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
  aaaa: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
  affinity: fc.boolean(),
});
const recordsOf = (x: Addresses): { a: RecordInput[]; aaaa: RecordInput[] } => ({
  a: x.a.map((n) => ({ ttl: 60, data: { kind: 'A', address: `10.0.0.${n}` }, ...(x.affinity ? { affinityZone: `zone-${n}` } : {}) })),
  aaaa: x.aaaa.map((n) => ({ ttl: 60, data: { kind: 'AAAA', address: `2408::${n}` } })),
});

type Op =
  | { op: 'family'; owner: string; own: Addresses; members: Array<{ suffix: string; addresses: Addresses }> }
  | { op: 'addresses'; name: string; addresses: Addresses }
  | { op: 'txt'; name: string }
  | { op: 'deleteName'; name: string }
  | { op: 'pin'; name: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('family' as const),
      owner: fc.constantFrom(...OWNERS),
      own: addressesArb,
      members: fc.uniqueArray(fc.record({ suffix: fc.constantFrom(...SUFFIXES), addresses: addressesArb }), {
        selector: (m) => m.suffix,
        maxLength: 4,
      }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('addresses' as const), name: fc.constantFrom(...leaves), addresses: addressesArb }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('txt' as const), name: fc.constantFrom(...leaves, ...leaves.map((n) => `q.${n}`)) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteName' as const), name: fc.constantFrom(...leaves) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pin' as const), name: fc.constantFrom(...leaves) }) },
);

function apply(zone: Zone, op: Op, families: boolean): void {
  switch (op.op) {
    case 'family': {
      const own = recordsOf(op.own);
      const members = op.members.map((m) => ({ name: `${op.owner}-${m.suffix}.${PARENT}`, ...recordsOf(m.addresses) }));
      const name = `${op.owner}.${PARENT}`;
      if (families && zone.setAddressFamily(name, own.a, own.aaaa, members)) return;
      zone.setAddresses(name, own.a, own.aaaa);
      for (const member of members) zone.setAddresses(member.name, member.a, member.aaaa);
      return;
    }
    case 'addresses': {
      const records = recordsOf(op.addresses);
      zone.setAddresses(op.name, records.a, records.aaaa);
      return;
    }
    case 'txt':
      // A CNAME-free other type beside the addresses (and names below a leaf).
      zone.setRRset(op.name, RRType.TXT, [{ ttl: 60, data: { kind: 'TXT', texts: ['t'] } }]);
      return;
    case 'deleteName':
      zone.deleteName(op.name);
      return;
    case 'pin':
      zone.pinName(op.name);
      return;
  }
}

const dump = (z: Zone): string[] =>
  [...z.records()].map((r) => `${r.name} ${r.type} ${JSON.stringify(r.data)} ${r.affinityZone ?? ''}`).sort();

describe('Zone.setAddressFamily: the same zone as name by name', () => {
  it('answers, lists and counts exactly as setAddresses for each name', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const compact = new Zone(ORIGIN, SOA);
        const plain = new Zone(ORIGIN, SOA);
        for (const op of ops) {
          apply(compact, op, true);
          apply(plain, op, false);
        }
        for (const name of queries)
          for (const type of QTYPES) expect(compact.lookup(name, type), `${name} ${type}`).toEqual(plain.lookup(name, type));
        expect(dump(compact)).toEqual(dump(plain));
        expect(compact.nameCount).toBe(plain.nameCount);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps an endpoint as one entry and resolves its zonal names through it', () => {
    const zone = new Zone(ORIGIN, SOA);
    const a = (address: string, affinityZone?: string): RecordInput => ({
      ttl: 60,
      data: { kind: 'A', address },
      ...(affinityZone ? { affinityZone } : {}),
    });
    const stored = zone.setAddressFamily(
      `ep-1.${PARENT}`,
      [a('10.0.0.1', 'cn-h'), a('10.0.1.1', 'cn-i')],
      [],
      [
        { name: `ep-1-cn-h.${PARENT}`, a: [a('10.0.0.1')], aaaa: [] },
        { name: `ep-1-cn-i.${PARENT}`, a: [a('10.0.1.1')], aaaa: [] },
      ],
    );
    expect(stored).toBe(true);
    expect(zone.tree.find(['s'])).toBeDefined();
    expect(zone.nameCount).toBe(4); // the apex and three endpoint names
    expect(zone.lookup(`EP-1-CN-I.${PARENT}`, RRType.A).answer).toEqual([
      { name: `ep-1-cn-i.${PARENT}`, type: RRType.A, class: 1, ttl: 60, data: { kind: 'A', address: '10.0.1.1' } },
    ]);
    expect(zone.lookup(`ep-1.${PARENT}`, RRType.A).answer.map((r) => r.affinityZone)).toEqual(['cn-h', 'cn-i']);
    expect(zone.lookup(`ep-1-cn-j.${PARENT}`, RRType.A).status).toBe('nameError');
    const service = zone.tree.find(['s']) as { children: Map<string, unknown> };
    expect(service.children.size).toBe(1);
    // An endpoint that loses a zone keeps its one entry.
    zone.setAddresses(`ep-1-cn-i.${PARENT}`, [], []);
    expect(zone.lookup(`ep-1-cn-i.${PARENT}`, RRType.A).status).toBe('nameError');
    expect(zone.lookup(`ep-1-cn-h.${PARENT}`, RRType.A).answer).toHaveLength(1);
    expect(service.children.size).toBe(1);
    expect(zone.nameCount).toBe(3);
    // A member named unlike the owner cannot join the family: the caller sets names one by one.
    expect(zone.setAddressFamily(`ep-2.${PARENT}`, [a('10.0.0.2')], [], [{ name: `other.${PARENT}`, a: [a('10.0.0.3')], aaaa: [] }])).toBe(
      false,
    );
    expect(zone.lookup(`ep-2.${PARENT}`, RRType.A).status).toBe('nameError');
  });
});
