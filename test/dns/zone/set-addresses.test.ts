import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType, type RData } from '../../../src/dns/lookup/types.js';
import { Zone, ZoneDataError, type RecordInput } from '../../../src/dns/zone/index.js';

const ORIGIN = 'cn-hangzhou.privatelink.aliyuncs.com';
const SOA: RecordInput = {
  ttl: 600,
  data: {
    kind: 'SOA',
    mname: `ns1.${ORIGIN}`,
    rname: `hostmaster.${ORIGIN}`,
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum: 30,
  } as RData,
};
const zone = (): Zone => new Zone(ORIGIN, SOA);
const a = (address: string, affinityZone?: string): RecordInput => ({
  ttl: 60,
  data: { kind: 'A', address },
  ...(affinityZone ? { affinityZone } : {}),
});
const aaaa = (address: string): RecordInput => ({ ttl: 60, data: { kind: 'AAAA', address } });
const dump = (z: Zone): string[] =>
  [...z.records()].map((r) => `${r.name} ${r.type} ${JSON.stringify(r.data)} ${r.affinityZone ?? ''}`).sort();

describe('Zone.setAddresses: A and AAAA of a name in one step', () => {
  it('creates, replaces and deletes the two RRsets together', () => {
    const z = zone();
    const name = `ep-1.epsrv-1.${ORIGIN}`;
    z.setAddresses(name, [a('10.0.0.1', 'cn-hangzhou-h'), a('10.0.1.1', 'cn-hangzhou-i')], [aaaa('2408:4005:1:1::1')]);
    expect(z.lookup(name, RRType.A).answer.map((r) => r.data)).toEqual([
      { kind: 'A', address: '10.0.0.1' },
      { kind: 'A', address: '10.0.1.1' },
    ]);
    expect(z.lookup(name, RRType.AAAA).answer.map((r) => r.data)).toEqual([{ kind: 'AAAA', address: '2408:4005:1:1::1' }]);
    z.setAddresses(name, [a('10.0.0.9')], []);
    expect(z.lookup(name, RRType.A).answer.map((r) => r.data)).toEqual([{ kind: 'A', address: '10.0.0.9' }]);
    expect(z.lookup(name, RRType.AAAA).status).toBe('noData');
    z.setAddresses(name, [], []);
    expect(z.lookup(name, RRType.A).status).toBe('nameError');
    // The service name above it was only an empty non-terminal: gone too.
    expect(z.lookup(`epsrv-1.${ORIGIN}`, RRType.A).status).toBe('nameError');
    expect(z.nameCount).toBe(1);
  });

  it('leaves the other types of the name alone', () => {
    const z = zone();
    const name = `x.${ORIGIN}`;
    z.setRRset(name, RRType.TXT, [{ ttl: 60, data: { kind: 'TXT', texts: ['keep'] } }]);
    z.setAddresses(name, [a('10.0.0.1')], [aaaa('::1')]);
    z.setAddresses(name, [], []);
    expect(z.lookup(name, RRType.TXT).answer).toHaveLength(1);
    expect(z.lookup(name, RRType.A).status).toBe('noData');
  });

  it('refuses bad data and a CNAME owner without changing anything', () => {
    const z = zone();
    const name = `ep-2.epsrv-1.${ORIGIN}`;
    z.setAddresses(name, [a('10.0.0.1')], []);
    const before = dump(z);
    expect(() => z.setAddresses(name, [a('10.0.0.2')], [aaaa('not-an-address')])).toThrow(ZoneDataError);
    expect(() => z.setAddresses(name, [a('300.0.0.1')], [])).toThrow(ZoneDataError);
    expect(() => z.setAddresses(`outside.example`, [a('10.0.0.1')], [])).toThrow(ZoneDataError);
    z.setRRset(`alias.${ORIGIN}`, RRType.CNAME, [{ ttl: 60, data: { kind: 'CNAME', target: name } }]);
    const withAlias = dump(z);
    expect(() => z.setAddresses(`alias.${ORIGIN}`, [a('10.0.0.3')], [])).toThrow(/CNAME/);
    expect(dump(z)).toEqual(withAlias);
    expect(before.every((line) => withAlias.includes(line))).toBe(true);
  });

  it('stores IPv6 addresses in canonical form (RFC 5952), with or without a dotted tail', () => {
    const z = zone();
    const name = `v6.${ORIGIN}`;
    z.setAddresses(
      name,
      [],
      [aaaa('2001:DB8:0:0:0:0:0:1'), aaaa('2408:4005:0001:0000:0000:0000:0000:00ff'), aaaa('::ffff:192.0.2.1'), aaaa('fe80:0:0:1:0:0:0:1')],
    );
    expect(z.lookup(name, RRType.AAAA).answer.map((r) => (r.data as { address: string }).address)).toEqual([
      '2001:db8::1',
      '2408:4005:1::ff',
      '::ffff:c000:201',
      'fe80:0:0:1::1',
    ]);
  });

  it('ends in the same zone as the two setRRset calls it replaces, for any sequence', () => {
    const names = ['ep-1.s', 'ep-1-h.s', 'ep-2.s', 'ep-2.t', 'deep.ep-1.s'].map((n) => `${n}.${ORIGIN}`);
    const v4 = fc.array(fc.ipV4(), { maxLength: 3 });
    const v6 = fc.array(fc.ipV6(), { maxLength: 2 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), v4, v6), { maxLength: 25 }), (steps) => {
        const fast = zone();
        const slow = zone();
        for (const [name, four, six] of steps) {
          fast.setAddresses(
            name,
            four.map((x) => a(x)),
            six.map(aaaa),
          );
          slow.setRRset(
            name,
            RRType.A,
            four.map((x) => a(x)),
          );
          slow.setRRset(name, RRType.AAAA, six.map(aaaa));
        }
        expect(dump(fast)).toEqual(dump(slow));
        expect(fast.nameCount).toBe(slow.nameCount);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Zone.setAddressFamily: bad data refused as setAddresses refuses it', () => {
  it('throws the same error for a bad address, TTL, affinity zone or kind in the name or a member, changing nothing', () => {
    const name = `ep-1.epsrv-1.${ORIGIN}`;
    const member = `ep-1-cn-hangzhou-h.epsrv-1.${ORIGIN}`;
    const bad: RecordInput[] = [
      a('10.0.0.256'),
      a('010.0.0.1'),
      { ttl: -1, data: { kind: 'A', address: '10.0.0.1' } },
      { ttl: 1.5, data: { kind: 'A', address: '10.0.0.1' } },
      { ttl: 60, data: { kind: 'A', address: '10.0.0.1' }, affinityZone: '' },
      { ttl: 60, data: { kind: 'AAAA', address: '10.0.0.1' } },
      { ttl: 60, data: { kind: 'A', address: 'not an address' }, affinityZone: 'with space' },
    ];
    for (const record of bad) {
      // The error setAddresses gives for the record, on a zone of its own.
      const expected = (() => {
        try {
          zone().setAddresses(member, [record], []);
        } catch (err) {
          return (err as Error).message;
        }
        throw new Error(`setAddresses took ${JSON.stringify(record)}`);
      })();
      const z = zone();
      z.setAddressFamily(name, [a('10.0.0.1')], [], [{ name: member, a: [a('10.0.0.2')], aaaa: [] }]);
      const before = dump(z);
      expect(() => z.setAddressFamily(name, [a('10.0.0.1')], [], [{ name: member, a: [record], aaaa: [] }])).toThrow(
        new ZoneDataError(expected),
      );
      expect(() => z.setAddressFamily(member, [record], [], [])).toThrow(new ZoneDataError(expected));
      expect(dump(z)).toEqual(before);
    }
    const badV6 = zone();
    expect(() => badV6.setAddressFamily(name, [], [aaaa('2408::1::2')], [])).toThrow(ZoneDataError);
    expect(badV6.nameCount).toBe(1);
  });
});
