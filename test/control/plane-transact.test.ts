import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudError } from '../../src/errors/catalogue.js';
import { Plane } from '../../src/control/plane.js';
import { Replica } from '../../src/replica/replica.js';
import { parseRedisTarget } from '../../src/store/redis/connection.js';
import { RedisKeys } from '../../src/store/redis/keys.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import type { Kind } from '../../src/store/types.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { vpcDocument } from '../helpers/store-documents.js';
import { endpointDoc, serviceDoc, zoneDoc } from './fixtures.js';

const SETTINGS = {
  regions: [{ regionId: 'cn-hangzhou', zoneIds: ['cn-hangzhou-h'] }],
  domainSuffix: 'privatelink.aliyuncs.com',
  transitionDelayMs: 0,
};

/**
 * Plane.transact takes the replica's copy of what it reads (no read round trip) and relies on
 * the commit's compare-and-set: the copy's JSON must be the stored text exactly, and a stale copy
 * must cost a retry, never a lost update or a refusal made on it. Real Redis, real replicas.
 */
describe('Plane.transact on the replica’s copies', () => {
  let redis: RedisServer;
  let namespace = 0;
  const closers: Array<() => Promise<unknown> | void> = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await redis.destroy();
  });

  async function open(ns: string, started = true): Promise<{ store: RedisStore; replica: Replica; plane: Plane }> {
    const store = await RedisStore.open(parseRedisTarget(redis.url), { namespace: ns });
    const replica = new Replica(store);
    if (started) await replica.start();
    closers.push(
      () => store.close(),
      () => replica.stop(),
    );
    return { store, replica, plane: new Plane(store, replica, SETTINGS) };
  }

  it("gives back every document's stored text exactly, so a copy is as good as a read", async () => {
    const ns = `guess${++namespace}`;
    const { plane, replica } = await open(ns);
    const endpoint = endpointDoc({
      zones: [zoneDoc('cn-hangzhou-h', { zoneIpv6Address: '2408:4005:1:1::1', manualResourceId: 'nlb-h1' })],
      endpointDescription: 'quotes " and \\ and ünïcödé and \u2028',
      tags: [{ key: 'k', value: 'v' }],
    });
    await plane.write(async (tx) => {
      tx.put('service', 'epsrv-test', serviceDoc());
      tx.put('endpoint', endpoint.endpointId, endpoint);
      tx.put('ipAllocation', 'vsw-h', { vSwitchId: 'vsw-h', v4Ranges: '10.0.0.1', v6Ranges: '2408:4005:1:1::1' });
      tx.put('vpc', 'vpc-1', vpcDocument('vpc-1', 'a vpc'));
    });
    const client = new Redis(redis.url);
    closers.push(() => client.quit());
    const keys = new RedisKeys(ns);
    const docs: Array<[Kind, string]> = [
      ['service', 'epsrv-test'],
      ['endpoint', endpoint.endpointId],
      ['ipAllocation', 'vsw-h'],
      ['vpc', 'vpc-1'],
    ];
    for (const [kind, id] of docs)
      expect(JSON.stringify(replica.get(kind, id)), `${kind} ${id}`).toBe(await client.hget(keys.docs(kind), id));
  });

  it('loses no update when the copies are stale (two processes racing on one document)', async () => {
    const ns = `guess${++namespace}`;
    const a = await open(ns);
    const b = await open(ns);
    await a.plane.write(async (tx) => tx.put('vpc', 'counter', vpcDocument('counter', '0')));
    const racers = 30;
    await Promise.all(
      Array.from({ length: racers }, (_, i) =>
        (i % 2 === 0 ? a : b).plane.transact(async (tx) => {
          const current = await tx.get('vpc', 'counter');
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          tx.put('vpc', 'counter', vpcDocument('counter', String(Number(current!.description) + 1)));
        }),
      ),
    );
    expect((await a.store.get('vpc', 'counter'))?.description).toBe(String(racers));
  });

  it('answers a transaction that writes nothing from what the store holds, not from a stale copy', async () => {
    const ns = `guess${++namespace}`;
    const writer = await open(ns);
    await writer.plane.write(async (tx) => tx.put('vpc', 'vpc-y', vpcDocument('vpc-y', 'held')));
    const stale = await open(ns, false);
    const { value } = await stale.plane.transact(async (tx) => (await tx.get('vpc', 'vpc-y'))?.description ?? 'absent');
    expect(value).toBe('held');
    // A change the copy shows as already made (a put of what the copy holds) is made on the store.
    const older = await open(ns);
    await older.replica.stop();
    await writer.plane.write(async (tx) => tx.put('vpc', 'vpc-y', vpcDocument('vpc-y', 'changed')));
    await older.plane.transact(async (tx) => {
      await tx.get('vpc', 'vpc-y');
      tx.put('vpc', 'vpc-y', vpcDocument('vpc-y', 'held'));
    });
    expect((await writer.store.get('vpc', 'vpc-y'))?.description).toBe('held');
  });

  it('never refuses on a stale copy: the work runs again on reads', async () => {
    const ns = `guess${++namespace}`;
    const writer = await open(ns);
    await writer.plane.write(async (tx) => tx.put('vpc', 'vpc-x', vpcDocument('vpc-x', 'there')));
    // A replica that has not loaded anything: its copies say every document is absent.
    const stale = await open(ns, false);
    let runs = 0;
    const { value } = await stale.plane.transact(async (tx) => {
      runs++;
      const vpc = await tx.get('vpc', 'vpc-x');
      if (vpc === undefined) throw new CloudError('InvalidVpcId.NotFound');
      return vpc.description;
    });
    expect(value).toBe('there');
    expect(runs).toBe(2);
    // A refusal made on reads stands.
    await expect(
      stale.plane.transact(async (tx) => {
        if ((await tx.get('vpc', 'vpc-none')) === undefined) throw new CloudError('InvalidVpcId.NotFound');
      }),
    ).rejects.toMatchObject({ code: 'InvalidVpcId.NotFound' });
    // A write on a stale copy conflicts and is made again on what the store holds.
    await stale.plane.transact(async (tx) => {
      const vpc = await tx.get('vpc', 'vpc-x');
      tx.put('vpc', 'vpc-x', vpcDocument('vpc-x', `${vpc?.description ?? 'absent'}+`));
    });
    expect((await writer.store.get('vpc', 'vpc-x'))?.description).toBe('there+');
  });
});
