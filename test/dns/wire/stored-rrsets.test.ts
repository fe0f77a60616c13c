import { describe, expect, it } from 'vitest';
import { recordsResult } from '../../../src/dns/lookup/rrsets.js';
import { RRType, type QueryView } from '../../../src/dns/lookup/types.js';
import { zoneFromText } from '../../../src/dns/masterfile/index.js';
import { ZoneRegistry } from '../../../src/dns/registry/index.js';
import { encodeResponse, type ResponseSpec } from '../../../src/dns/wire/response-encode.js';
import { decodeMessage } from '../../../src/dns/wire/index.js';
import type { DecodedQuestion } from '../../../src/dns/wire/query-decode.js';
import type { Zone } from '../../../src/dns/zone/index.js';

const ORIGIN = 'cn-hangzhou.privatelink.aliyuncs.com';
const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'];

/** Every kind of data a zone stores: address runs (with and without affinity, in families and alone) and record sets. */
function fixture(): Zone {
  const zone = zoneFromText(
    ORIGIN,
    [
      `$ORIGIN ${ORIGIN}.`,
      '$TTL 60',
      '@ SOA ns hostmaster 1 2 3 4 30',
      '@ NS ns',
      'ns A 192.0.2.53',
      'alias CNAME ep-1.epsrv-1',
      'chain CNAME alias',
      'away CNAME www.example.com.',
      'lost CNAME nowhere',
      'mail MX 10 ep-2.epsrv-1',
      'srv SRV 1 2 443 ep-2.epsrv-1',
      'txt TXT "hello" "world"',
      'sub NS ns.sub',
      'ns.sub A 192.0.2.54',
      'ns.sub AAAA 2001:db8::54',
      '*.wild A 192.0.2.99',
      'many A 10.9.0.1',
      'many A 10.9.0.2',
      'many AAAA 2001:DB8:0:0::1',
      'many AAAA 2001:db8::ffff:1',
    ].join('\n'),
  );
  zone.setAddressFamily(
    `ep-1.epsrv-1.${ORIGIN}`,
    ZONES.map((z, i) => ({ ttl: 60, data: { kind: 'A', address: `10.0.${i}.1` }, affinityZone: z })),
    ZONES.map((z, i) => ({ ttl: 60, data: { kind: 'AAAA', address: `2408:4005:1:${i}::1` }, affinityZone: z })),
    ZONES.map((z, i) => ({
      name: `ep-1-${z}.epsrv-1.${ORIGIN}`,
      a: [{ ttl: 60, data: { kind: 'A', address: `10.0.${i}.1` } }],
      aaaa: [{ ttl: 60, data: { kind: 'AAAA', address: `2408:4005:1:${i}::1` } }],
    })),
  );
  zone.setAddresses(`ep-2.epsrv-1.${ORIGIN}`, [{ ttl: 30, data: { kind: 'A', address: '10.1.0.1' } }], []);
  zone.pinName(`epsrv-2.${ORIGIN}`);
  return zone;
}

const NAMES = [
  '',
  'ns',
  'alias',
  'chain',
  'away',
  'lost',
  'mail',
  'srv',
  'txt',
  'sub',
  'a.sub',
  'x.wild',
  'many',
  'ep-1.epsrv-1',
  'ep-1-cn-hangzhou-h.epsrv-1',
  'ep-1-cn-hangzhou-x.epsrv-1',
  'ep-2.epsrv-1',
  'epsrv-1',
  'epsrv-2',
  'missing',
];
const TYPES = [RRType.A, RRType.AAAA, RRType.CNAME, RRType.NS, RRType.SOA, RRType.MX, RRType.SRV, RRType.TXT, RRType.ANY, 43];

function question(name: string, type: number): DecodedQuestion {
  const labels = name === '' ? [] : name.split('.');
  const wire = Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
  return { name, lowerName: name, message: wire, nameStart: 0, nameEnd: wire.length, type, class: 1 };
}

function spec(q: DecodedQuestion, sections: Pick<ResponseSpec, 'answer' | 'authority' | 'additional'>): ResponseSpec {
  return {
    id: 7,
    opcode: 0,
    rcode: 0,
    authoritative: true,
    recursionDesired: false,
    checkingDisabled: false,
    question: q,
    ...sections,
    additionalRequired: false,
    edns: undefined,
  };
}

describe('stored RRsets on the wire', () => {
  it.each([
    ['first', undefined],
    ['first', 'cn-hangzhou-i'],
    ['only', 'cn-hangzhou-j'],
    ['only', 'cn-hangzhou-x'],
  ] as const)('encode exactly as the records made from them (affinity %s, asker in %s)', (mode, zoneId) => {
    const registry = new ZoneRegistry({ affinityMode: mode });
    registry.setPublicZone(fixture());
    const view: QueryView = { vpcId: undefined, zoneId };
    let answered = 0;
    for (const label of NAMES) {
      const name = label === '' ? ORIGIN : `${label}.${ORIGIN}`;
      for (const type of TYPES) {
        const query = { name, type, view };
        const stored = registry.lookupRRsets(query);
        const records = registry.lookup(query);
        expect(recordsResult(stored)).toEqual(records);
        const q = question(name, type);
        for (const limit of [512, 65535]) {
          const fromStored = encodeResponse(spec(q, stored), limit);
          expect(fromStored).toEqual(encodeResponse(spec(q, records), limit));
          answered += decodeMessage(fromStored).answer.length;
        }
      }
    }
    expect(answered).toBeGreaterThan(100);
  });

  it('keeps addresses as they were given, in canonical text, without duplicates', () => {
    const zone = fixture();
    expect(zone.rrset(`many.${ORIGIN}`, RRType.AAAA).map((rr) => rr.data)).toEqual([
      { kind: 'AAAA', address: '2001:db8::1' },
      { kind: 'AAAA', address: '2001:db8::ffff:1' },
    ]);
    zone.setRRset(`many.${ORIGIN}`, RRType.A, [
      { ttl: 90, data: { kind: 'A', address: '10.9.0.2' } },
      { ttl: 70, data: { kind: 'A', address: '10.9.0.1' } },
      { ttl: 80, data: { kind: 'A', address: '10.9.0.2' } },
    ]);
    expect(zone.rrset(`many.${ORIGIN}`, RRType.A).map((rr) => `${rr.ttl} ${rr.data.kind === 'A' ? rr.data.address : ''}`)).toEqual([
      '70 10.9.0.2',
      '70 10.9.0.1',
    ]);
  });
});
