import { describe, expect, it } from 'vitest';
import { RRType, type RData } from '../../../src/dns/lookup/types.js';
import { zoneFromText } from '../../../src/dns/masterfile/index.js';
import { Zone, ZoneDataError } from '../../../src/dns/zone/index.js';
import { expectResult, lines, rrs } from './zone-text.js';

const ORIGIN = 'cn-hangzhou.privatelink.aliyuncs.com';
const SOA_DATA: RData = {
  kind: 'SOA',
  mname: `ns1.${ORIGIN}`,
  rname: `hostmaster.${ORIGIN}`,
  serial: 1,
  refresh: 3600,
  retry: 600,
  expire: 86400,
  minimum: 30,
};
const SOA = `${ORIGIN}. 30 IN SOA ns1.${ORIGIN}. hostmaster.${ORIGIN}. 1 3600 600 86400 30`;

function regionZone(): Zone {
  return new Zone(ORIGIN, { ttl: 3600, data: SOA_DATA });
}
const a = (address: string, affinityZone?: string) => ({ ttl: 60, data: { kind: 'A' as const, address }, affinityZone });

describe('mutations and empty non-terminal bookkeeping', () => {
  it('an endpoint name creates its service name as an empty non-terminal, and deleting the last one removes it', () => {
    const zone = regionZone();
    const svc = `epsrv-1.${ORIGIN}`;
    expectResult(zone.lookup(svc, RRType.A), { status: 'nameError', authority: SOA });
    zone.setRRset(`ep-1.${svc}`, RRType.A, [a('10.0.0.1')]);
    zone.setRRset(`ep-2.${svc}`, RRType.A, [a('10.0.0.2')]);
    expectResult(zone.lookup(svc, RRType.A), { status: 'noData', authority: SOA });
    expect(zone.deleteName(`ep-1.${svc}`)).toBe(true);
    expectResult(zone.lookup(svc, RRType.A), { status: 'noData', authority: SOA });
    expect(zone.deleteRRset(`ep-2.${svc}`, RRType.A)).toBe(true);
    expectResult(zone.lookup(svc, RRType.A), { status: 'nameError', authority: SOA });
    expectResult(zone.lookup(`ep-2.${svc}`, RRType.A), { status: 'nameError', authority: SOA });
    expect(zone.nameCount).toBe(1);
  });

  it('empty non-terminals several labels deep disappear together', () => {
    const zone = regionZone();
    zone.setRRset(`a.b.c.d.${ORIGIN}`, RRType.A, [a('10.0.0.1')]);
    for (const name of ['b.c.d', 'c.d', 'd']) {
      expect(zone.lookup(`${name}.${ORIGIN}`, RRType.A).status).toBe('noData');
    }
    zone.deleteName(`a.b.c.d.${ORIGIN}`);
    for (const name of ['a.b.c.d', 'b.c.d', 'c.d', 'd']) {
      expect(zone.lookup(`${name}.${ORIGIN}`, RRType.A).status).toBe('nameError');
    }
    expect([...zone.records()].map((rr) => rr.type)).toEqual([RRType.SOA]);
  });

  it('a name with data keeps it when a child is added and removed', () => {
    const zone = regionZone();
    zone.setRRset(`svc.${ORIGIN}`, RRType.TXT, [{ ttl: 60, data: { kind: 'TXT', texts: ['owner'] } }]);
    zone.setRRset(`ep.svc.${ORIGIN}`, RRType.A, [a('10.0.0.1')]);
    zone.deleteName(`ep.svc.${ORIGIN}`);
    expectResult(zone.lookup(`svc.${ORIGIN}`, RRType.TXT), { status: 'success', answer: `svc.${ORIGIN}. 60 IN TXT "owner"` });
    zone.deleteName(`svc.${ORIGIN}`);
    expect(zone.lookup(`svc.${ORIGIN}`, RRType.TXT).status).toBe('nameError');
  });

  it('deleting a name with descendants leaves an empty non-terminal', () => {
    const zone = regionZone();
    zone.setRRset(`svc.${ORIGIN}`, RRType.A, [a('10.0.0.9')]);
    zone.setRRset(`ep.svc.${ORIGIN}`, RRType.A, [a('10.0.0.1')]);
    zone.deleteName(`svc.${ORIGIN}`);
    expect(zone.lookup(`svc.${ORIGIN}`, RRType.A).status).toBe('noData');
    expect(zone.lookup(`ep.svc.${ORIGIN}`, RRType.A).status).toBe('success');
  });

  it('an empty non-terminal created later blocks a wildcard, and stops blocking when it goes (RFC 4592 §2.2.2)', () => {
    const zone = regionZone();
    zone.setRRset(`*.${ORIGIN}`, RRType.TXT, [{ ttl: 60, data: { kind: 'TXT', texts: ['wild'] } }]);
    expect(zone.lookup(`x.svc.${ORIGIN}`, RRType.TXT).status).toBe('success');
    zone.setRRset(`y.svc.${ORIGIN}`, RRType.A, [a('10.0.0.1')]);
    expectResult(zone.lookup(`x.svc.${ORIGIN}`, RRType.TXT), { status: 'nameError', authority: SOA });
    zone.deleteName(`y.svc.${ORIGIN}`);
    expectResult(zone.lookup(`x.svc.${ORIGIN}`, RRType.TXT), { status: 'success', answer: `x.svc.${ORIGIN}. 60 IN TXT "wild"` });
  });

  it('replaces an RRset whole; an empty list deletes it; return values say whether anything went', () => {
    const zone = regionZone();
    const name = `ep.svc.${ORIGIN}`;
    zone.setRRset(name, RRType.A, [a('10.0.0.1'), a('10.0.0.2')]);
    zone.setRRset(name, RRType.A, [a('10.0.0.3')]);
    expect(lines(zone.rrset(name, RRType.A))).toEqual(rrs(`${name}. 60 IN A 10.0.0.3`));
    zone.setRRset(name, RRType.A, []);
    expect(zone.rrset(name, RRType.A)).toEqual([]);
    expect(zone.deleteRRset(name, RRType.A)).toBe(false);
    expect(zone.deleteName(name)).toBe(false);
  });

  it('several types at one name are kept apart', () => {
    const zone = regionZone();
    const name = `ep.svc.${ORIGIN}`;
    zone.setRRset(name, RRType.A, [a('10.0.0.1')]);
    zone.setRRset(name, RRType.AAAA, [{ ttl: 60, data: { kind: 'AAAA', address: '2001:DB8:0:0::1' } }]);
    zone.setRRset(name, RRType.TXT, [{ ttl: 60, data: { kind: 'TXT', texts: ['x'] } }]);
    zone.deleteRRset(name, RRType.AAAA);
    expect(lines([...zone.records()].filter((rr) => rr.name === name))).toEqual(rrs(`${name}. 60 IN A 10.0.0.1\n${name}. 60 IN TXT "x"`));
    expect(zone.nameCount).toBe(2);
  });

  it('normalizes RRsets: lowest TTL for all (RFC 2181 §5.2), duplicates dropped (§5), IPv6 canonical', () => {
    const zone = regionZone();
    const name = `ep.svc.${ORIGIN}`;
    zone.setRRset(name, RRType.AAAA, [
      { ttl: 300, data: { kind: 'AAAA', address: '2001:DB8::1' } },
      { ttl: 60, data: { kind: 'AAAA', address: '2001:db8:0:0:0:0:0:1' } },
      { ttl: 120, data: { kind: 'AAAA', address: '2001:db8::2' } },
    ]);
    expect(lines(zone.rrset(name, RRType.AAAA))).toEqual(rrs(`${name}. 60 IN AAAA 2001:db8::1\n${name}. 60 IN AAAA 2001:db8::2`));
  });

  it('keeps affinity tags, also for zone ids the packed form cannot hold', () => {
    const zone = regionZone();
    const name = `ep.svc.${ORIGIN}`;
    for (const zoneId of ['cn-hangzhou-h', 'odd zone@id']) {
      zone.setRRset(name, RRType.A, [a('10.0.0.1', zoneId), a('10.0.0.2')]);
      expect(zone.rrset(name, RRType.A).map((rr) => rr.affinityZone)).toEqual([zoneId, undefined]);
    }
  });

  it('stored data does not change when the caller changes its objects', () => {
    const zone = regionZone();
    const texts = ['before'];
    const input = { ttl: 60, data: { kind: 'TXT' as const, texts } };
    zone.setRRset(`t.${ORIGIN}`, RRType.TXT, [input]);
    texts[0] = 'after';
    expect(zone.rrset(`t.${ORIGIN}`, RRType.TXT)[0]?.data).toEqual({ kind: 'TXT', texts: ['before'] });
  });

  it('the change listener hears every mutation and only one listener is allowed', () => {
    const zone = regionZone();
    let heard = 0;
    zone.setChangeListener(() => heard++);
    expect(() => zone.setChangeListener(() => undefined)).toThrow(ZoneDataError);
    zone.setRRset(`x.${ORIGIN}`, RRType.A, [a('10.0.0.1')]);
    zone.deleteRRset(`x.${ORIGIN}`, RRType.A);
    zone.deleteRRset(`x.${ORIGIN}`, RRType.A);
    expect(heard).toBe(2);
  });
});

describe('invalid data is refused with ZoneDataError', () => {
  const zone = zoneFromText(
    'example.com',
    `$ORIGIN example.com.
@ 300 IN SOA ns h 1 2 3 4 5
@ 300 IN NS ns
alias 300 IN CNAME www
www 300 IN A 192.0.2.1`,
  );
  const txt = { ttl: 60, data: { kind: 'TXT' as const, texts: ['x'] } };
  it.each([
    { what: 'a name outside the zone', act: () => zone.setRRset('www.example.org', RRType.TXT, [txt]), message: /outside zone/ },
    { what: 'data beside a CNAME', act: () => zone.setRRset('alias.example.com', RRType.TXT, [txt]), message: /CNAME/ },
    {
      what: 'a CNAME beside data',
      act: () => zone.setRRset('www.example.com', RRType.CNAME, [{ ttl: 60, data: { kind: 'CNAME', target: 'x' } }]),
      message: /CNAME must be the only/,
    },
    {
      what: 'two CNAMEs',
      act: () =>
        zone.setRRset('c.example.com', RRType.CNAME, [
          { ttl: 60, data: { kind: 'CNAME', target: 'x' } },
          { ttl: 60, data: { kind: 'CNAME', target: 'y' } },
        ]),
      message: /CNAME/,
    },
    {
      what: 'an SOA below the apex',
      act: () => zone.setRRset('www.example.com', RRType.SOA, [{ ttl: 60, data: SOA_DATA }]),
      message: /exactly one SOA/,
    },
    { what: 'deleting the apex SOA', act: () => zone.deleteRRset('example.com', RRType.SOA), message: /cannot be deleted/ },
    { what: 'deleting the apex', act: () => zone.deleteName('example.com'), message: /apex keeps its SOA/ },
    { what: 'a bad IPv4 address', act: () => zone.setRRset('x.example.com', RRType.A, [a('10.0.0.256')]), message: /not an IPv4 address/ },
    {
      what: 'a TTL over 2^31-1',
      act: () => zone.setRRset('x.example.com', RRType.A, [{ ...a('10.0.0.1'), ttl: 2 ** 31 }]),
      message: /RFC 2181/,
    },
    { what: 'data of the wrong kind', act: () => zone.setRRset('x.example.com', RRType.A, [txt]), message: /needs A data/ },
    {
      what: 'RAW data for a known type',
      act: () => zone.setRRset('x.example.com', RRType.A, [{ ttl: 1, data: { kind: 'RAW', type: 1, data: new Uint8Array(4) } }]),
      message: /needs A data/,
    },
    {
      what: 'a meta type',
      act: () => zone.setRRset('x.example.com', RRType.ANY, [{ ttl: 1, data: { kind: 'RAW', type: 255, data: new Uint8Array(0) } }]),
      message: /meta type/,
    },
    { what: 'a label over 63 octets', act: () => zone.setRRset(`${'x'.repeat(64)}.example.com`, RRType.TXT, [txt]), message: /63/ },
    { what: 'an empty label', act: () => zone.setRRset('a..example.com', RRType.TXT, [txt]), message: /empty label/ },
    {
      what: 'a TXT string over 255 octets',
      act: () => zone.setRRset('x.example.com', RRType.TXT, [{ ttl: 1, data: { kind: 'TXT', texts: ['é'.repeat(128)] } }]),
      message: /255/,
    },
  ])('$what', ({ act, message }) => {
    const before = [...zone.records()].length;
    expect(act).toThrow(ZoneDataError);
    expect(act).toThrow(message);
    expect([...zone.records()].length).toBe(before);
  });
});
