import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Replica } from '../../src/replica/replica.js';
import { parseRedisTarget } from '../../src/store/redis/connection.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import type { Endpoint } from '../../src/model/types.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { endpointDoc } from '../replica/fixtures.js';

describe('RedisStore.streamSnapshot and the replica loading from it', () => {
  let redis: RedisServer;
  let store: RedisStore;
  const count = 2500;

  beforeAll(async () => {
    redis = await startRedis();
    store = await RedisStore.open(parseRedisTarget(redis.url));
    // Several commits, so the stream has entries and the snapshot a position.
    for (let start = 0; start < count; start += 500) {
      await store.transact(async (tx) => {
        for (let n = start; n < start + 500; n++) tx.put('endpoint', endpointDoc(n).endpointId, endpointDoc(n));
      });
    }
    await store.transact(async (tx) => {
      tx.put('vpc', 'vpc-1', {
        vpcId: 'vpc-1',
        uid: '1',
        regionId: 'cn-hangzhou',
        vpcName: '',
        description: '',
        cidrBlock: '10.0.0.0/16',
        ipv6CidrBlock: null,
        status: 'Available',
        createdAt: 'now',
        resourceGroupId: '',
        dependents: {},
      });
    });
  });
  afterAll(async () => {
    await store.close();
    await redis.destroy();
  });

  it('hands the documents over in batches, each document at least once, with the stream position read first', async () => {
    const streamed = await store.streamSnapshot({ batchSize: 100 });
    const batches: number[] = [];
    const seen = new Map<string, unknown>();
    for await (const batch of streamed.batches()) {
      batches.push(batch.length);
      for (const change of batch) seen.set(`${change.kind}/${change.id}`, change.doc);
    }
    expect(batches.length).toBeGreaterThan(5);
    expect(seen.size).toBe(count + 1);
    expect(seen.get(`endpoint/${endpointDoc(1234).endpointId}`)).toEqual(endpointDoc(1234));
    const full = await store.snapshot();
    expect(streamed.position).toBe(full.position);
    let total = 0;
    full.forEach(() => (total += 1));
    expect(total).toBeGreaterThanOrEqual(count + 1);
  });

  it('reads only the kinds asked for, and a replica of some kinds neither loads nor follows the others', async () => {
    const streamed = await store.streamSnapshot({ kinds: ['vpc'] });
    const kinds = new Set<string>();
    for await (const batch of streamed.batches()) for (const change of batch) kinds.add(change.kind);
    expect([...kinds]).toEqual(['vpc']);

    const replica = new Replica(store, undefined, { kinds: ['vpc'] });
    await replica.start();
    try {
      expect(replica.count('vpc')).toBe(1);
      expect(replica.count('endpoint')).toBe(0);
      const seen: string[] = [];
      replica.subscribe({ onChanges: (applied) => seen.push(...applied.map((a) => a.change.kind)) });
      const { position } = await store.transact(async (tx) => {
        tx.put('endpoint', endpointDoc(9001).endpointId, endpointDoc(9001));
        tx.put('vpc', 'vpc-2', {
          vpcId: 'vpc-2',
          uid: '1',
          regionId: 'cn-hangzhou',
          vpcName: '',
          description: '',
          cidrBlock: '10.1.0.0/16',
          ipv6CidrBlock: null,
          status: 'Available',
          createdAt: 'now',
          resourceGroupId: '',
          dependents: {},
        });
      });
      await replica.waitFor(position!);
      expect(replica.count('endpoint')).toBe(0);
      expect(replica.get('vpc', 'vpc-2')?.cidrBlock).toBe('10.1.0.0/16');
      expect(seen).toEqual(['vpc', 'vpc']);
    } finally {
      replica.stop();
      await store.transact(async (tx) => {
        tx.delete('endpoint', endpointDoc(9001).endpointId);
        tx.delete('vpc', 'vpc-2');
      });
    }
  });

  it('loads a replica that answers with the stored documents and follows later writes', async () => {
    const replica = new Replica(store);
    await replica.start();
    try {
      expect(replica.count('endpoint')).toBe(count);
      expect(replica.get('endpoint', endpointDoc(77).endpointId)).toEqual(endpointDoc(77));
      const changed: Endpoint = { ...endpointDoc(77), endpointStatus: 'Deleting' };
      const { position } = await store.transact(async (tx) => tx.put('endpoint', changed.endpointId, changed));
      await replica.waitFor(position!);
      expect(replica.get('endpoint', changed.endpointId)).toEqual(changed);
    } finally {
      replica.stop();
    }
  });
});
