import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomDomainProjection } from '../../../src/dns/projection/custom-domain-projection.js';
import { EndpointProjection } from '../../../src/dns/projection/endpoint-projection.js';
import { createRegionZone } from '../../../src/dns/projection/region-zone.js';
import { PrivateZoneArbiter, ZoneRegistry } from '../../../src/dns/registry/index.js';
import { DnsHandler, type QuerySource } from '../../../src/dns/server/index.js';
import { decodeMessage, encodeQuery } from '../../../src/dns/wire/index.js';
import type { Endpoint } from '../../../src/model/types.js';
import { Replica } from '../../../src/replica/replica.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import type { Transaction } from '../../../src/store/types.js';
import { endpointDoc, serviceDoc, zoneDoc } from '../../control/fixtures.js';
import { StaticViews } from '../../helpers/static-authority.js';

/**
 * The endpoint projection over a real replica, through the DNS handler: an
 * edit that changes no name (description, tags, a reconciler timestamp) keeps
 * every cached reply; an address change drops exactly the replies of the names
 * that carry it, and those are answered with the new address.
 */
const SUFFIX = 'epsrv-test.cn-hangzhou.privatelink.aliyuncs.com';
const UDP: QuerySource = { address: '127.0.0.1', port: 5353, transport: 'udp' };

function endpoint(n: number, ip: (zone: string) => string = (z) => `10.0.${n}.${z === 'cn-hangzhou-h' ? 1 : 2}`): Endpoint {
  const id = `ep-${n}`;
  return endpointDoc({
    endpointId: id,
    endpointDomain: `${id}.${SUFFIX}`,
    zones: ['cn-hangzhou-h', 'cn-hangzhou-i'].map((zoneId) =>
      zoneDoc(zoneId, { eniIp: ip(zoneId), zoneDomain: `${id}-${zoneId}.${SUFFIX}` }),
    ),
  });
}

const namesOf = (n: number): string[] => [`ep-${n}.${SUFFIX}`, `ep-${n}-cn-hangzhou-h.${SUFFIX}`, `ep-${n}-cn-hangzhou-i.${SUFFIX}`];

describe('reply cache and replica changes', () => {
  let store: MemoryStore;
  let replica: Replica;
  let registry: ZoneRegistry;
  let handler: DnsHandler;

  beforeEach(async () => {
    store = new MemoryStore();
    replica = new Replica(store);
    await replica.start();
    registry = new ZoneRegistry();
    const zone = createRegionZone('cn-hangzhou', 'privatelink.aliyuncs.com', ['127.0.0.1'], 1);
    registry.setPublicZone(zone);
    new EndpointProjection(replica, () => zone).attach();
    const apex = { nameServer: `ns1.${zone.origin}`, hostmaster: `hostmaster.${zone.origin}` };
    new CustomDomainProjection(replica, new PrivateZoneArbiter(registry), apex, 1).attach();
    handler = new DnsHandler({ authority: registry, views: new StaticViews([], []) });
    await write((tx) => {
      tx.put('service', 'epsrv-test', serviceDoc());
      for (const n of [1, 2, 3]) tx.put('endpoint', `ep-${n}`, endpoint(n));
    });
  });
  afterEach(async () => {
    replica.stop();
    await store.close();
  });

  async function write(work: (tx: Transaction) => void): Promise<void> {
    const { position } = await store.transact(async (tx) => work(tx));
    if (position !== null) await replica.waitFor(position);
  }

  const all = [1, 2, 3].flatMap(namesOf);
  /** Asks every name for A; returns the addresses per name and how many were cache misses. */
  function askAll(): { answers: Record<string, string[]>; misses: number } {
    const before = handler.replyCacheStats.misses;
    const answers: Record<string, string[]> = {};
    for (const name of all) {
      const reply = decodeMessage(handler.handle(encodeQuery({ id: 1, name, type: 1 }), UDP) ?? Buffer.alloc(0));
      answers[name] = reply.answer.map((rr) => (rr.data.kind === 'A' ? rr.data.address : rr.data.kind)).sort();
    }
    return { answers, misses: handler.replyCacheStats.misses - before };
  }
  /** Asks every name twice: the reply cache admits a question at its second miss. */
  function warm(): void {
    askAll();
    askAll();
  }

  it('keeps every cached reply through edits that change no name', async () => {
    const first = askAll();
    expect(first.misses).toBe(all.length);
    expect(askAll().misses).toBe(all.length);
    expect(first.answers[`ep-1.${SUFFIX}`]).toEqual(['10.0.1.1', '10.0.1.2']);
    const generation = registry.generation;
    await write((tx) => {
      tx.put('endpoint', 'ep-1', { ...endpoint(1), endpointDescription: 'edited', tags: [{ key: 'k', value: 'v' }] });
      tx.put('endpoint', 'ep-2', { ...endpoint(2), connectionModifiedAt: '2026-06-01T00:00:00Z', transitionDueAt: 5 });
      tx.put('service', 'epsrv-test', serviceDoc({ serviceDescription: 'edited too' }));
    });
    expect(registry.generation).toBe(generation);
    const { hits, dropped } = handler.replyCacheStats;
    const again = askAll();
    expect(again.misses).toBe(0);
    expect(handler.replyCacheStats.hits - hits).toBe(all.length);
    expect(handler.replyCacheStats.dropped).toBe(dropped);
    expect(again.answers).toEqual(first.answers);
  });

  it('drops exactly the replies of the names an address change touches', async () => {
    warm();
    const { dropped } = handler.replyCacheStats;
    await write((tx) =>
      tx.put(
        'endpoint',
        'ep-2',
        endpoint(2, (z) => (z === 'cn-hangzhou-h' ? '10.9.9.9' : '10.0.2.2')),
      ),
    );
    const after = askAll();
    // The region-wide name and the zone-h name carry the address; the zone-i name does not.
    expect(after.misses).toBe(2);
    expect(handler.replyCacheStats.dropped - dropped).toBe(2);
    expect(after.answers[`ep-2.${SUFFIX}`]).toEqual(['10.0.2.2', '10.9.9.9']);
    expect(after.answers[`ep-2-cn-hangzhou-h.${SUFFIX}`]).toEqual(['10.9.9.9']);
    expect(after.answers[`ep-2-cn-hangzhou-i.${SUFFIX}`]).toEqual(['10.0.2.2']);
    expect(after.answers[`ep-1.${SUFFIX}`]).toEqual(['10.0.1.1', '10.0.1.2']);
  });

  it('a zone removed and added back drops its endpoint’s region-wide and zonal names only, never its service’s domain', async () => {
    // The service domain exists either way (pinned, with other endpoints' names below it): its NODATA stands.
    const ask = (name: string): number => {
      const reply = decodeMessage(handler.handle(encodeQuery({ id: 3, name, type: 1 }), UDP) ?? Buffer.alloc(0));
      return reply.answer.length;
    };
    warm();
    expect(ask(SUFFIX)).toBe(0);
    expect(ask(SUFFIX)).toBe(0);
    const withoutI = endpointDoc({ ...endpoint(2), zones: endpoint(2).zones.filter((z) => z.zoneId !== 'cn-hangzhou-i') });
    for (const doc of [withoutI, endpoint(2)]) {
      const { dropped, misses } = handler.replyCacheStats;
      await write((tx) => tx.put('endpoint', 'ep-2', doc));
      const after = askAll();
      expect(ask(SUFFIX)).toBe(0);
      expect(after.answers[`ep-2.${SUFFIX}`]).toHaveLength(doc.zones.length);
      // The region-wide name and the zone-i name, each asked again: nothing else.
      expect(after.misses).toBe(2);
      expect(handler.replyCacheStats.misses - misses).toBe(2);
      expect(handler.replyCacheStats.dropped - dropped).toBe(2);
    }
  });

  it('drops the replies of a deleted endpoint’s names only, which then answer NXDOMAIN', async () => {
    warm();
    await write((tx) => tx.delete('endpoint', 'ep-3'));
    const after = askAll();
    expect(after.misses).toBe(3);
    const reply = decodeMessage(handler.handle(encodeQuery({ id: 2, name: `ep-3.${SUFFIX}`, type: 1 }), UDP) ?? Buffer.alloc(0));
    expect(reply.rcode).toBe(3);
    expect(after.answers[`ep-1.${SUFFIX}`]).toEqual(['10.0.1.1', '10.0.1.2']);
  });
});
