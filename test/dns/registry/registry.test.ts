import { describe, expect, it } from 'vitest';
import { RRType, type QueryView } from '../../../src/dns/lookup/types.js';
import { zoneFromText } from '../../../src/dns/masterfile/index.js';
import { ZoneRegistry, ZoneRegistryError } from '../../../src/dns/registry/index.js';
import { Zone, ZoneDataError } from '../../../src/dns/zone/index.js';
import { expectResult, lines, rrs } from '../zone/zone-text.js';

const REGION = 'cn-hangzhou.privatelink.aliyuncs.com';

function zone(origin: string, body: string): Zone {
  return zoneFromText(origin, `$ORIGIN ${origin}.\n$TTL 60\n@ SOA ns hostmaster 1 2 3 4 30\n@ NS ns\n${body}`);
}
const view = (vpcId?: string, zoneId?: string): QueryView => ({ vpcId, zoneId });

function fixture(): ZoneRegistry {
  const registry = new ZoneRegistry();
  registry.setPublicZone(zone(REGION, 'ep-1.epsrv-1 A 10.0.0.1'));
  registry.setPublicZone(zone('example.com', 'www A 192.0.2.80'));
  registry.setPrivateZone('pz-a', zone('svc.example.internal', '@ A 10.1.0.1'), ['vpc-a']);
  registry.setPrivateZone('pz-b', zone('svc.example.internal', '@ A 10.2.0.1'), ['vpc-b', 'vpc-d']);
  registry.setPrivateZone('pz-parent', zone('example.internal', 'x A 10.1.0.9'), ['vpc-a']);
  registry.setPrivateZone('pz-shadow', zone('example.com', 'www A 10.9.9.9'), ['vpc-a']);
  registry.setPrivateZone('pz-wide', zone('privatelink.aliyuncs.com', 'other A 10.3.0.1'), ['vpc-a']);
  return registry;
}

describe('views: which zones answer whom', () => {
  const registry = fixture();
  const cases: Array<{ why: string; v: QueryView; q: string; expected: string | 'refused' | 'nxdomain' }> = [
    {
      why: 'public zones answer without a VPC',
      v: view(),
      q: `ep-1.epsrv-1.${REGION}`,
      expected: `ep-1.epsrv-1.${REGION}. 60 IN A 10.0.0.1`,
    },
    {
      why: 'public zones answer in every VPC',
      v: view('vpc-z'),
      q: `ep-1.epsrv-1.${REGION}`,
      expected: `ep-1.epsrv-1.${REGION}. 60 IN A 10.0.0.1`,
    },
    { why: 'a private name is refused without a VPC', v: view(), q: 'svc.example.internal', expected: 'refused' },
    { why: 'a private name is refused in an unbound VPC', v: view('vpc-c'), q: 'svc.example.internal', expected: 'refused' },
    {
      why: 'same name, VPC a: its own zone',
      v: view('vpc-a'),
      q: 'svc.example.internal',
      expected: 'svc.example.internal. 60 IN A 10.1.0.1',
    },
    {
      why: 'same name, VPC b: its own zone',
      v: view('vpc-b'),
      q: 'svc.example.internal',
      expected: 'svc.example.internal. 60 IN A 10.2.0.1',
    },
    {
      why: 'same name, VPC d: bound to the same zone as b',
      v: view('vpc-d'),
      q: 'svc.example.internal',
      expected: 'svc.example.internal. 60 IN A 10.2.0.1',
    },
    { why: 'the parent private zone is only bound to a', v: view('vpc-b'), q: 'x.example.internal', expected: 'refused' },
    { why: 'longest visible suffix: the child zone, not the parent', v: view('vpc-a'), q: 'no.svc.example.internal', expected: 'nxdomain' },
    {
      why: 'a private zone shadows a public zone of the same name',
      v: view('vpc-a'),
      q: 'www.example.com',
      expected: 'www.example.com. 60 IN A 10.9.9.9',
    },
    { why: 'elsewhere the public zone answers', v: view('vpc-b'), q: 'www.example.com', expected: 'www.example.com. 60 IN A 192.0.2.80' },
    {
      why: 'a longer public zone beats a shorter private one',
      v: view('vpc-a'),
      q: `ep-1.epsrv-1.${REGION}`,
      expected: `ep-1.epsrv-1.${REGION}. 60 IN A 10.0.0.1`,
    },
    {
      why: 'outside it the shorter private zone answers',
      v: view('vpc-a'),
      q: 'other.privatelink.aliyuncs.com',
      expected: 'other.privatelink.aliyuncs.com. 60 IN A 10.3.0.1',
    },
    { why: 'names in no zone are refused (never an open resolver)', v: view('vpc-a'), q: 'www.example.org', expected: 'refused' },
    { why: 'the root is in no zone', v: view('vpc-a'), q: '', expected: 'refused' },
    { why: 'query names in any case', v: view('vpc-b'), q: 'SVC.Example.INTERNAL', expected: 'svc.example.internal. 60 IN A 10.2.0.1' },
  ];

  it.each(cases)('$why', ({ v, q, expected }) => {
    const result = registry.lookup({ name: q, type: RRType.A, view: v });
    if (expected === 'refused') expectResult(result, { status: 'notAuthoritative' });
    else if (expected === 'nxdomain') expect(result.status).toBe('nameError');
    else expectResult(result, { status: 'success', answer: expected });
  });

  it('zoneFor names the answering zone', () => {
    expect(registry.zoneFor('a.svc.example.internal', view('vpc-b'))).toBe(registry.privateZone('pz-b')?.zone);
    expect(registry.zoneFor('a.svc.example.internal', view('vpc-c'))).toBeUndefined();
  });
});

describe('control-plane API', () => {
  it('bindVpcs replaces the bound set, as BindZoneVpc does', () => {
    const registry = fixture();
    registry.bindVpcs('pz-a', ['vpc-c']);
    // VPC a now falls through to its parent private zone, which has no such name.
    expect(registry.lookup({ name: 'svc.example.internal', type: RRType.A, view: view('vpc-a') }).status).toBe('nameError');
    expect(registry.lookup({ name: 'svc.example.internal', type: RRType.A, view: view('vpc-c') }).status).toBe('success');
    registry.bindVpcs('pz-a', []);
    expect(registry.lookup({ name: 'svc.example.internal', type: RRType.A, view: view('vpc-c') }).status).toBe('notAuthoritative');
    expect([...(registry.privateZone('pz-a')?.vpcIds ?? [])]).toEqual([]);
  });

  it('refuses to bind a VPC to two private zones of one name, changing nothing', () => {
    const registry = fixture();
    const before = registry.generation;
    expect(() => registry.bindVpcs('pz-a', ['vpc-a', 'vpc-b'])).toThrow(ZoneRegistryError);
    expect(() => registry.setPrivateZone('pz-new', zone('svc.example.internal', ''), ['vpc-d'])).toThrow(
      /already bound to private zone pz-b/,
    );
    expect(registry.generation).toBe(before);
    expect(registry.lookup({ name: 'svc.example.internal', type: RRType.A, view: view('vpc-a') }).status).toBe('success');
    expect(registry.privateZone('pz-new')).toBeUndefined();
  });

  it('setPrivateZone replaces the data and keeps the bindings when none are given', () => {
    const registry = fixture();
    const old = registry.privateZone('pz-a')?.zone;
    expect(registry.setPrivateZone('pz-a', zone('svc.example.internal', '@ A 10.1.0.2'))).toBe(old);
    expectResult(registry.lookup({ name: 'svc.example.internal', type: RRType.A, view: view('vpc-a') }), {
      status: 'success',
      answer: 'svc.example.internal. 60 IN A 10.1.0.2',
    });
  });

  it('a zone renamed by replacement moves in the VPC index', () => {
    const registry = fixture();
    registry.setPrivateZone('pz-a', zone('renamed.internal', '@ A 10.1.0.3'));
    expect(registry.lookup({ name: 'svc.example.internal', type: RRType.A, view: view('vpc-a') }).status).toBe('nameError');
    expect(registry.lookup({ name: 'renamed.internal', type: RRType.A, view: view('vpc-a') }).status).toBe('success');
  });

  it('removing zones makes their names refused', () => {
    const registry = fixture();
    expect(registry.removePrivateZone('pz-b')).toBe(true);
    expect(registry.removePrivateZone('pz-b')).toBe(false);
    expect(registry.lookup({ name: 'svc.example.internal', type: RRType.A, view: view('vpc-b') }).status).toBe('notAuthoritative');
    expect(registry.removePublicZone(`${REGION}.`)).toBe(true);
    expect(registry.lookup({ name: `ep-1.epsrv-1.${REGION}`, type: RRType.A, view: view() }).status).toBe('notAuthoritative');
    expect(() => registry.bindVpcs('pz-b', ['vpc-b'])).toThrow(/no private zone pz-b/);
  });

  it('a zone object is registered once', () => {
    const registry = fixture();
    const shared = zone('dup.example', '');
    registry.setPublicZone(shared);
    expect(() => registry.setPrivateZone('pz-dup', shared, ['vpc-a'])).toThrow(ZoneDataError);
  });

  it('generation advances on every change, including record changes inside a zone', () => {
    const registry = new ZoneRegistry();
    const publicZone = zone(REGION, '');
    const privateZone = zone('p.internal', '');
    const steps: Array<[string, () => unknown]> = [
      ['add public', () => registry.setPublicZone(publicZone)],
      ['add private', () => registry.setPrivateZone('pz', privateZone, ['vpc-a'])],
      ['bind', () => registry.bindVpcs('pz', ['vpc-a', 'vpc-b'])],
      [
        'record in public',
        () => publicZone.setRRset(`ep.svc.${REGION}`, RRType.A, [{ ttl: 60, data: { kind: 'A', address: '10.0.0.1' } }]),
      ],
      ['record deleted', () => publicZone.deleteName(`ep.svc.${REGION}`)],
      [
        'record in private',
        () => privateZone.setRRset('www.p.internal', RRType.A, [{ ttl: 60, data: { kind: 'A', address: '10.0.0.2' } }]),
      ],
      ['remove private', () => registry.removePrivateZone('pz')],
      ['remove public', () => registry.removePublicZone(REGION)],
    ];
    for (const [step, act] of steps) {
      const before = registry.generation;
      act();
      expect(registry.generation, step).toBeGreaterThan(before);
    }
    const after = registry.generation;
    privateZone.setRRset('www.p.internal', RRType.A, [{ ttl: 60, data: { kind: 'A', address: '10.0.0.3' } }]);
    expect(registry.generation).toBe(after);
  });
  it('keeps changes by name only once the generation has been read: before, a reader catching up drops everything', () => {
    const registry = new ZoneRegistry();
    const region = zone(REGION, '');
    registry.setPublicZone(region);
    const address = (text: string) => [{ ttl: 60, data: { kind: 'A' as const, address: text } }];
    // A first load: nobody has asked for the generation, so no reader holds replies.
    region.setAddressFamily(
      `ep-1.svc.${REGION}`,
      address('10.0.0.1'),
      [],
      [{ name: `ep-1-z1.svc.${REGION}`, a: address('10.0.0.2'), aaaa: [] }],
    );
    region.setRRset(`x.svc.${REGION}`, RRType.A, address('10.0.0.3'));
    expect(registry.changesSince(0)).toBeUndefined();
    const read = registry.generation;
    expect(read).toBeGreaterThanOrEqual(3);
    expect(registry.changesSince(read)).toEqual([]);
    region.setAddressFamily(
      `ep-2.svc.${REGION}`,
      address('10.0.1.1'),
      [],
      [{ name: `ep-2-z1.svc.${REGION}`, a: address('10.0.1.2'), aaaa: [] }],
    );
    region.setAddressFamily(
      `ep-1.svc.${REGION}`,
      address('10.0.0.1'),
      [],
      [{ name: `ep-1-z1.svc.${REGION}`, a: address('10.0.0.9'), aaaa: [] }],
    );
    expect(registry.changesSince(read)).toEqual([
      // New names only: `svc` existed before (x.svc, ep-1.svc), so no ancestor's existence changed.
      { name: `ep-2.svc.${REGION}`, below: false },
      { name: `ep-2-z1.svc.${REGION}`, below: false },
      { name: `ep-1-z1.svc.${REGION}`, below: false },
    ]);
    expect(registry.generation).toBe(read + 3);
  });
});

describe('zone affinity (docs/dns.md ZoneAffinityEnabled)', () => {
  function affinityRegistry(mode: 'first' | 'only'): ZoneRegistry {
    const registry = new ZoneRegistry({ affinityMode: mode });
    const region = zone(REGION, 'alias CNAME ep-1.epsrv-1\nep-1-cn-hangzhou-i.epsrv-1 A 10.0.2.1');
    region.setRRset(`ep-1.epsrv-1.${REGION}`, RRType.A, [
      { ttl: 60, data: { kind: 'A', address: '10.0.1.1' }, affinityZone: 'cn-hangzhou-h' },
      { ttl: 60, data: { kind: 'A', address: '10.0.2.1' }, affinityZone: 'cn-hangzhou-i' },
      { ttl: 60, data: { kind: 'A', address: '10.0.3.1' }, affinityZone: 'cn-hangzhou-j' },
      { ttl: 60, data: { kind: 'A', address: '10.0.2.2' }, affinityZone: 'cn-hangzhou-i' },
    ]);
    registry.setPublicZone(region);
    return registry;
  }
  const addresses = (registry: ZoneRegistry, name: string, zoneId?: string): string[] =>
    registry
      .lookup({ name: `${name}.${REGION}`, type: RRType.A, view: view('vpc-a', zoneId) })
      .answer.flatMap((rr) => (rr.data.kind === 'A' ? [rr.data.address] : []));

  it.each([
    { mode: 'first' as const, zoneId: 'cn-hangzhou-i', expected: ['10.0.2.1', '10.0.2.2', '10.0.1.1', '10.0.3.1'] },
    { mode: 'first' as const, zoneId: 'cn-hangzhou-j', expected: ['10.0.3.1', '10.0.1.1', '10.0.2.1', '10.0.2.2'] },
    { mode: 'only' as const, zoneId: 'cn-hangzhou-i', expected: ['10.0.2.1', '10.0.2.2'] },
    { mode: 'only' as const, zoneId: 'cn-hangzhou-k', expected: ['10.0.1.1', '10.0.2.1', '10.0.3.1', '10.0.2.2'] },
    { mode: 'first' as const, zoneId: undefined, expected: ['10.0.1.1', '10.0.2.1', '10.0.3.1', '10.0.2.2'] },
    { mode: 'only' as const, zoneId: undefined, expected: ['10.0.1.1', '10.0.2.1', '10.0.3.1', '10.0.2.2'] },
  ])('mode $mode, asker in $zoneId', ({ mode, zoneId, expected }) => {
    const registry = affinityRegistry(mode);
    expect(addresses(registry, 'ep-1.epsrv-1', zoneId)).toEqual(expected);
    expect(addresses(registry, 'alias', zoneId)).toEqual(expected);
    expect(addresses(registry, 'ep-1-cn-hangzhou-i.epsrv-1', zoneId)).toEqual(['10.0.2.1']);
  });

  it('the CNAME stays first and the data itself is not reordered', () => {
    const registry = affinityRegistry('first');
    const result = registry.lookup({ name: `alias.${REGION}`, type: RRType.A, view: view(undefined, 'cn-hangzhou-j') });
    expect(result.answer[0]?.type).toBe(RRType.CNAME);
    expect(lines(registry.publicZone(REGION)?.rrset(`ep-1.epsrv-1.${REGION}`, RRType.A) ?? [])).toEqual(
      rrs(['10.0.1.1', '10.0.2.1', '10.0.3.1', '10.0.2.2'].map((a) => `ep-1.epsrv-1.${REGION}. 60 IN A ${a}`).join('\n')),
    );
    expect(registry.publicZone(REGION)?.rrset(`ep-1.epsrv-1.${REGION}`, RRType.A)[0]?.data).toEqual({ kind: 'A', address: '10.0.1.1' });
  });
});
