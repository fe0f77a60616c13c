import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType } from '../../../src/dns/lookup/types.js';
import { encodeFamily, FamilyWriter, type FamilyMember } from '../../../src/dns/zone/families.js';
import { storeRRset } from '../../../src/dns/zone/rrset-store.js';
import { Zone, type RecordInput } from '../../../src/dns/zone/index.js';

/**
 * The family a first load writes in one buffer (FamilyWriter, the path setAddressFamily takes
 * for names in their stored form) against the general one (each RRset packed by storeRRset,
 * then encodeFamily): the same string, or the writer declines; and a family given in another
 * form (upper case, a trailing dot), which takes the general path, is stored as the same string.
 */
const recordArb = (kind: 'A' | 'AAAA'): fc.Arbitrary<RecordInput> =>
  fc.record({
    ttl: fc.integer({ min: 0, max: 3600 }),
    // Few distinct addresses, so duplicates (dropped, RFC 2181 §5) come up.
    data: fc.integer({ min: 1, max: 4 }).map((n) => (kind === 'A' ? { kind, address: `10.0.0.${n}` } : { kind, address: `2408::${n}` })),
    affinityZone: fc.option(fc.constantFrom('cn-hangzhou-h', 'z'), { nil: undefined }),
  });
const rrsetsArb = fc.record({
  a: fc.array(recordArb('A'), { maxLength: 4 }),
  aaaa: fc.array(recordArb('AAAA'), { maxLength: 3 }),
});

const SOA: RecordInput = {
  ttl: 600,
  data: { kind: 'SOA', mname: 'ns.z', rname: 'h.z', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 30 },
};

const run = (type: number, records: readonly RecordInput[]): string => (storeRRset(type, records) as string | undefined) ?? '';

describe('FamilyWriter', () => {
  it('writes the string encodeFamily makes of the packed RRsets', () => {
    fc.assert(
      fc.property(rrsetsArb, fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,8}$/), rrsetsArb), { maxLength: 4 }), (own, members) => {
        const writer = new FamilyWriter();
        writer.start();
        let written = writer.run(RRType.A, own.a) && writer.run(RRType.AAAA, own.aaaa);
        for (const [suffix, m] of members)
          written = written && writer.suffix(suffix) && writer.run(RRType.A, m.a) && writer.run(RRType.AAAA, m.aaaa);
        expect(written).toBe(true);
        const packed: FamilyMember[] = members.map(([suffix, m]) => ({ suffix, a: run(RRType.A, m.a), aaaa: run(RRType.AAAA, m.aaaa) }));
        expect(writer.finish()).toBe(encodeFamily({ a: run(RRType.A, own.a), aaaa: run(RRType.AAAA, own.aaaa) }, packed));
      }),
      { numRuns: 300 },
    );
  });

  it('declines a field longer than its one-character length, and text that is not one byte per character', () => {
    const writer = new FamilyWriter();
    writer.start();
    const many = Array.from({ length: 60 }, (_, i) => ({ ttl: 60, data: { kind: 'A' as const, address: `10.0.${i}.1` } }));
    expect(writer.run(RRType.A, many)).toBe(false); // 5 + 60 × 5 octets
    expect(writer.suffix('x'.repeat(256))).toBe(false);
    expect(writer.suffix('ü-\u0101')).toBe(false);
  });
});

describe('Zone.setAddressFamily: names in another form', () => {
  const a = (address: string, affinityZone?: string): RecordInput => ({
    ttl: 60,
    data: { kind: 'A', address },
    ...(affinityZone ? { affinityZone } : {}),
  });
  const family = (zone: Zone, own: string, members: string[]): boolean =>
    zone.setAddressFamily(
      own,
      [a('10.0.0.1', 'cn-h'), a('10.0.1.1', 'cn-i')],
      [],
      members.map((name, i) => ({ name, a: [a(`10.0.${i}.1`)], aaaa: [] })),
    );

  it('stores the same family for upper case and trailing dots as for the stored form', () => {
    const stored = new Zone('z', SOA);
    const other = new Zone('z', SOA);
    expect(family(stored, 'ep-1.s.z', ['ep-1-cn-h.s.z', 'ep-1-cn-i.s.z'])).toBe(true);
    expect(family(other, 'EP-1.S.Z.', ['Ep-1-CN-h.s.z.', 'ep-1-cn-i.S.z'])).toBe(true);
    const children = (zone: Zone): unknown[] => [...(zone.tree.find(['s']) as { children: Map<string, unknown> }).children];
    expect(children(other)).toEqual(children(stored));
    expect(children(stored)).toHaveLength(1);
  });

  it('refuses a member whose label or name would be too long, as the general path does', () => {
    const zone = new Zone('z', SOA);
    // 'ep-1-' and 59 characters make a 64-octet label (RFC 1035 §2.3.4).
    expect(() => family(zone, 'ep-1.s.z', [`ep-1-${'x'.repeat(59)}.s.z`])).toThrow(/octets long/);
    // An owner of 250 characters is 252 octets on the wire; its member `ep-1-xx` adds 3: 255, the most (RFC 1035 §2.3.4).
    const long = `${'y'.repeat(60)}.`.repeat(4);
    expect(() => family(zone, `ep-1.${long}z`, [`ep-1-xxx.${long}z`])).toThrow(/octets long/);
    expect(family(zone, `ep-1.${long}z`, [`ep-1-xx.${long}z`])).toBe(true);
  });
});
