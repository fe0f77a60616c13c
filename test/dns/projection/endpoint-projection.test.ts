import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndpointProjection } from '../../../src/dns/projection/endpoint-projection.js';
import { createRegionZone } from '../../../src/dns/projection/region-zone.js';
import type { Zone } from '../../../src/dns/zone/index.js';
import type { Endpoint } from '../../../src/model/types.js';
import { Replica } from '../../../src/replica/replica.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import type { Transaction } from '../../../src/store/types.js';
import { endpointDoc, serviceDoc, zoneDoc } from '../../control/fixtures.js';

/**
 * The endpoint projection over a real replica: whatever order services and their endpoints
 * change in — in one batch or apart, a service's ZoneAffinityEnabled switched, a service
 * gone before its endpoints — the region zone holds what a fresh replica loading the same
 * store builds, and the region-wide name's records carry their zones exactly while the
 * service (or the endpoint) has zone affinity.
 */
const SUFFIX = 'epsrv-test.cn-hangzhou.privatelink.aliyuncs.com';

function endpoint(n: number, overrides: Partial<Endpoint> = {}): Endpoint {
  const id = `ep-${n}`;
  return endpointDoc({
    endpointId: id,
    endpointDomain: `${id}.${SUFFIX}`,
    zones: ['cn-hangzhou-h', 'cn-hangzhou-i'].map((zoneId, i) =>
      zoneDoc(zoneId, { eniIp: `10.0.${n}.${i + 1}`, zoneDomain: `${id}-${zoneId}.${SUFFIX}` }),
    ),
    ...overrides,
  });
}

const dump = (zone: Zone): string[] =>
  [...zone.records()].map((r) => `${r.name} ${r.type} ${JSON.stringify(r.data)} ${r.affinityZone ?? '-'}`).sort();

/** A replica and its region zone, the projection attached before the load as app.ts does. */
async function projected(store: MemoryStore): Promise<{ replica: Replica; zone: Zone }> {
  const replica = new Replica(store);
  const zone = createRegionZone('cn-hangzhou', 'privatelink.aliyuncs.com', ['127.0.0.1'], 1);
  new EndpointProjection(replica, () => zone).attach();
  await replica.start();
  return { replica, zone };
}

describe('EndpointProjection', () => {
  let store: MemoryStore;
  let live: { replica: Replica; zone: Zone };

  beforeEach(async () => {
    store = new MemoryStore();
    live = await projected(store);
  });
  afterEach(async () => {
    live.replica.stop();
    await store.close();
  });

  async function write(work: (tx: Transaction) => void): Promise<void> {
    const { position } = await store.transact(async (tx) => work(tx));
    if (position !== null) await live.replica.waitFor(position);
  }

  /** The live zone equals the zone a fresh replica builds from the store. */
  async function expectAsFreshLoad(): Promise<void> {
    const fresh = await projected(store);
    fresh.replica.stop();
    expect(dump(live.zone)).toEqual(dump(fresh.zone));
  }

  const tags = (n: number): (string | undefined)[] => live.zone.rrset(`ep-${n}.${SUFFIX}`, 1).map((r) => r.affinityZone);

  it('tags the region-wide records while the service has zone affinity, whatever the order of the changes', async () => {
    // The endpoint written before its service, in one batch.
    await write((tx) => {
      tx.put('endpoint', 'ep-1', endpoint(1));
      tx.put('service', 'epsrv-test', serviceDoc({ zoneAffinityEnabled: true }));
    });
    expect(tags(1)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
    await expectAsFreshLoad();
    await write((tx) => tx.put('endpoint', 'ep-2', endpoint(2)));
    expect(tags(2)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
    await write((tx) => tx.put('service', 'epsrv-test', serviceDoc({ zoneAffinityEnabled: false })));
    expect([tags(1), tags(2)]).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    await expectAsFreshLoad();
    // Switched on together with an endpoint's change, in either order.
    await write((tx) => {
      tx.put('service', 'epsrv-test', serviceDoc({ zoneAffinityEnabled: true }));
      tx.put('endpoint', 'ep-1', endpoint(1, { endpointDescription: 'edited' }));
    });
    expect([tags(1), tags(2)]).toEqual([
      ['cn-hangzhou-h', 'cn-hangzhou-i'],
      ['cn-hangzhou-h', 'cn-hangzhou-i'],
    ]);
    await expectAsFreshLoad();
  });

  it('keeps the rest of a batch when one endpoint cannot be published', async () => {
    // A 70-octet label is refused by the zone (RFC 1035 2.3.4: labels are 63 octets or less).
    const unpublishable = endpoint(9, { endpointDomain: `${'x'.repeat(70)}.${SUFFIX}` });
    await write((tx) => {
      tx.put('endpoint', 'ep-9', unpublishable);
      tx.put('service', 'epsrv-test', serviceDoc({ zoneAffinityEnabled: true }));
    });
    expect(live.replica.get('endpoint', 'ep-9')).toBeDefined();
    // The service change after the refused endpoint was still seen: a later endpoint is tagged.
    await write((tx) => tx.put('endpoint', 'ep-2', endpoint(2)));
    expect(tags(2)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
  });

  it('untags the names of a service that is gone, as a fresh load has them', async () => {
    await write((tx) => {
      tx.put('service', 'epsrv-test', serviceDoc({ zoneAffinityEnabled: true }));
      tx.put('endpoint', 'ep-1', endpoint(1));
    });
    expect(tags(1)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
    await write((tx) => tx.delete('service', 'epsrv-test'));
    expect(tags(1)).toEqual([undefined, undefined]);
    await expectAsFreshLoad();
    // An endpoint's own ZoneAffinityEnabled tags its names without the service.
    await write((tx) => tx.put('endpoint', 'ep-1', endpoint(1, { zoneAffinityEnabled: true })));
    expect(tags(1)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
    await expectAsFreshLoad();
  });
});
