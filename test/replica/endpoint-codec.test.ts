import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoint, EndpointZone } from '../../src/model/types.js';
import { loadDoc, releaseDoc, storeDoc } from '../../src/replica/doc-codec.js';
import { PackMemo } from '../../src/replica/pack-memo.js';
import { StringPool } from '../../src/replica/string-pool.js';
import { endpointDoc } from './fixtures.js';

/** One memo per pool, as a replica has. */
const memos = new WeakMap<StringPool, PackMemo>();
function memoOf(pool: StringPool): PackMemo {
  let memo = memos.get(pool);
  if (memo === undefined) memos.set(pool, (memo = new PackMemo(pool)));
  return memo;
}

/** Stored and read back: equal as JSON text, so key order and every value survive. */
function roundTrip(pool: StringPool, doc: Endpoint): { stored: unknown; back: Endpoint } {
  const stored = storeDoc(memoOf(pool), 'endpoint', doc.endpointId, doc);
  const back = loadDoc(pool, 'endpoint', doc.endpointId, stored) as Endpoint;
  return { stored, back };
}

// Text that may hold the packed form's separators, other control characters and non-ASCII.
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '-', '.', ' ', '\u001f', '\u001e', '\u0000', 'é', '字', '"', '\\') });
const id = fc.stringMatching(/^[a-z0-9]{1,20}$/);
const time = fc.option(fc.integer({ min: 0, max: 2 ** 50 }), { nil: null });

const zoneArb = (endpointId: string): fc.Arbitrary<EndpointZone> =>
  fc.record({
    zoneId: fc.constantFrom('cn-hangzhou-h', 'cn-hangzhou-i', 'x'),
    regionId: fc.constantFrom('cn-hangzhou', 'cn-beijing'),
    vSwitchId: id.map((s) => `vsw-${s}`),
    eniId: fc.oneof(
      id.map((s) => `eni-${s}`),
      text,
    ),
    eniIp: fc.oneof(fc.ipV4(), text),
    zoneIpv6Address: fc.option(fc.oneof(fc.ipV6(), text), { nil: null }),
    zoneDomain: fc.oneof(
      id.map((s) => `${endpointId}-cn-hangzhou-h.${s}.example`),
      text,
    ),
    zoneStatus: fc.constantFrom('Connected', 'Creating', 'Deleting') as fc.Arbitrary<EndpointZone['zoneStatus']>,
    resourceId: fc.option(text, { nil: null }),
    transitionDueAt: time,
  });

const endpointArb: fc.Arbitrary<Endpoint> = id.chain((suffix) => {
  const endpointId = `ep-${suffix}`;
  return fc.record({
    endpointId: fc.constant(endpointId),
    uid: fc.stringMatching(/^\d{16}$/),
    regionId: fc.constant('cn-hangzhou'),
    endpointName: text,
    endpointDescription: text,
    endpointType: fc.constantFrom('Interface', 'Reverse') as fc.Arbitrary<Endpoint['endpointType']>,
    vpcId: id.map((s) => `vpc-${s}`),
    serviceId: id.map((s) => `epsrv-${s}`),
    serviceName: text,
    serviceUid: fc.stringMatching(/^\d{16}$/),
    securityGroupIds: fc.array(text, { maxLength: 3 }),
    zones: fc.array(zoneArb(endpointId), { maxLength: 4 }),
    endpointDomain: fc.oneof(
      id.map((s) => `${endpointId}.${s}.example`),
      text,
    ),
    addressIpVersion: fc.constantFrom('IPv4', 'DualStack') as fc.Arbitrary<Endpoint['addressIpVersion']>,
    policyDocument: text,
    privateServiceDomainEnabled: fc.boolean(),
    tags: fc.array(fc.record({ key: text, value: text }), { maxLength: 2 }),
    endpointStatus: fc.constantFrom('Active', 'Pending') as fc.Arbitrary<Endpoint['endpointStatus']>,
    connectionStatus: fc.constantFrom('Connected', 'Disconnected') as fc.Arbitrary<Endpoint['connectionStatus']>,
    endpointBusinessStatus: fc.constantFrom('Normal', 'FinancialLocked') as fc.Arbitrary<Endpoint['endpointBusinessStatus']>,
    ownBusinessStatus: fc.constantFrom('Normal', 'FinancialLocked') as fc.Arbitrary<Endpoint['ownBusinessStatus']>,
    suspendedConnection: fc.constant(null),
    bandwidth: fc.integer({ min: 0, max: 10_000 }),
    trafficControlMode: fc.constantFrom('Scalability', 'BandwidthLimit') as fc.Arbitrary<Endpoint['trafficControlMode']>,
    zoneAffinityEnabled: fc.boolean(),
    resourceGroupId: text,
    connectionModifiedAt: text,
    transitionDueAt: time,
    createdAt: fc.oneof(fc.constant('2026-11-26T00:00:00.000Z'), text),
  });
});

const sgChange = fc.option(
  fc.record({ securityGroupId: text, change: fc.constantFrom('Attaching', 'Detaching') as fc.Arbitrary<'Attaching' | 'Detaching'> }),
  { nil: null },
);

describe('packed endpoints in the replica', () => {
  it('packs the documents the control plane writes, and reads them back exactly', () => {
    const pool = new StringPool();
    for (let n = 0; n < 50; n++) {
      const doc = endpointDoc(n);
      const { stored, back } = roundTrip(pool, doc);
      expect(typeof stored).toBe('string');
      expect(JSON.stringify(back)).toBe(JSON.stringify(doc));
    }
  });

  it('reads back any document exactly, key order included, packed or not', () => {
    fc.assert(
      fc.property(endpointArb, fc.option(sgChange, { nil: undefined }), (doc, change) => {
        const withChange: Endpoint = change === undefined ? doc : { ...doc, securityGroupChange: change };
        const pool = new StringPool();
        const { stored, back } = roundTrip(pool, withChange);
        expect(JSON.stringify(back)).toBe(JSON.stringify(withChange));
        releaseDoc(pool, 'endpoint', stored as Endpoint);
        expect(pool.size).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('packs documents of any shape (reordered, grown, other types) and reads them back exactly', () => {
    const pool = new StringPool();
    const base = endpointDoc(1);
    const { endpointId, uid, ...rest } = base;
    const reordered = { uid, endpointId, ...rest } as Endpoint;
    const extra = { ...base, futureField: { nested: [1, 'two'] } } as unknown as Endpoint;
    const otherType = { ...base, transitionDueAt: 'soon' } as unknown as Endpoint;
    const zoneExtra = { ...base, zones: [{ ...base.zones[0]!, extra: true } as EndpointZone] };
    const otherId = { ...base, endpointId: 'ep-other' };
    const stored = [reordered, extra, otherType, zoneExtra, otherId].map((doc) => {
      const packed = storeDoc(memoOf(pool), 'endpoint', base.endpointId, doc);
      expect(typeof packed).toBe('string');
      expect(JSON.stringify(loadDoc(pool, 'endpoint', base.endpointId, packed))).toBe(JSON.stringify(doc));
      return packed;
    });
    for (const s of stored) releaseDoc(pool, 'endpoint', s);
    expect(pool.size).toBe(0);
  });

  it('reads back keys a literal would mishandle: quotes, escapes, numbers, __proto__', () => {
    const pool = new StringPool();
    const base = endpointDoc(3);
    // JSON.parse makes "__proto__" an own property, as a document read from the store has it.
    const doc = JSON.parse(
      JSON.stringify({ ...base, 'we"ird\\key': 1, '0': 'zero', é字: null }).replace('{', '{"__proto__":{"x":1},'),
    ) as Endpoint;
    const packed = storeDoc(memoOf(pool), 'endpoint', base.endpointId, doc);
    expect(typeof packed).toBe('string');
    const back = loadDoc(pool, 'endpoint', base.endpointId, packed);
    expect(JSON.stringify(back)).toBe(JSON.stringify(doc));
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    // The next document of the same shape reuses what the first one compiled.
    const again = { ...(JSON.parse(JSON.stringify(doc)) as object), endpointName: 'other' } as Endpoint;
    expect(JSON.stringify(loadDoc(pool, 'endpoint', base.endpointId, storeDoc(memoOf(pool), 'endpoint', base.endpointId, again)))).toBe(
      JSON.stringify(again),
    );
  });

  it('keeps a document it cannot pack (a non-finite number) as it is, holding nothing in the pool', () => {
    const pool = new StringPool();
    const doc = { ...endpointDoc(3), bandwidth: Number.POSITIVE_INFINITY };
    const stored = storeDoc(memoOf(pool), 'endpoint', doc.endpointId, doc);
    expect(stored).toBe(doc);
    expect(pool.size).toBe(0);
  });

  it('hands out a fresh object on every read', () => {
    const pool = new StringPool();
    const { stored } = roundTrip(pool, endpointDoc(2));
    const a = loadDoc(pool, 'endpoint', endpointDoc(2).endpointId, stored as string) as Endpoint;
    a.zones[0]!.eniIp = 'changed';
    a.tags.push({ key: 'k', value: 'v' });
    const b = loadDoc(pool, 'endpoint', endpointDoc(2).endpointId, stored as string) as Endpoint;
    expect(b).toEqual(endpointDoc(2));
  });

  it('shares repeated strings and drops them with their last user', () => {
    const pool = new StringPool();
    const stored = Array.from({ length: 200 }, (_, n) => storeDoc(memoOf(pool), 'endpoint', endpointDoc(n).endpointId, endpointDoc(n)));
    // One entry per group: the fleet-wide values (2 address versions), each service's (7), each VPC's
    // with its vSwitches (15), plus the shapes, the policy and the JSON values — not one per value.
    expect(pool.size).toBeLessThan(40);
    for (const s of stored) releaseDoc(pool, 'endpoint', s);
    expect(pool.size).toBe(0);
  });

  it('reads back every document packed during a load, with the per-service and per-VPC memos', () => {
    const pool = new StringPool();
    const memo = memoOf(pool);
    memo.anchored(true);
    // Interleaved services and VPCs, as a snapshot in hash order brings them, some documents twice.
    const docs = Array.from({ length: 300 }, (_, n) => endpointDoc((n * 37) % 211));
    const stored = docs.map((doc) => storeDoc(memo, 'endpoint', doc.endpointId, doc));
    memo.anchored(false);
    docs.forEach((doc, n) => expect(JSON.stringify(loadDoc(pool, 'endpoint', doc.endpointId, stored[n]!))).toBe(JSON.stringify(doc)));
    for (const s of stored) releaseDoc(pool, 'endpoint', s);
    expect(pool.size).toBe(0);
  });

  it('keeps IP allocations as their JSON text', () => {
    const pool = new StringPool();
    const allocation = { vSwitchId: 'vsw-1', v4: { '10.0.0.1': 'eni-1' }, v6: {} };
    const stored = storeDoc(memoOf(pool), 'ipAllocation', 'vsw-1', allocation);
    expect(stored).toBe(JSON.stringify(allocation));
    expect(loadDoc(pool, 'ipAllocation', 'vsw-1', stored)).toEqual(allocation);
  });
});
