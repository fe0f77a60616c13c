import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Vpc } from '../../src/model/types.js';
import { Replica } from '../../src/replica/replica.js';
import { parseRedisTarget, type RedisTarget } from '../../src/store/redis/connection.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import { KINDS, type Store } from '../../src/store/types.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { redisCli, sleep } from './support.js';
import { TcpProxy } from './tcp-proxy.js';

/**
 * docs/architecture.md: "Redis Streams: resumable, no lost updates". A replica whose
 * connection is cut, stalled or kept away while writes continue must end up
 * holding exactly what the store holds — every document compared — whether it
 * resumed from its last ID or had to reload a snapshot.
 */
describe('replica sync under a broken follower connection', () => {
  let redis: RedisServer;
  let namespace = 0;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    redis = await startRedis();
    // Small stream nodes, so MAXLEN ~ trims promptly in the trimming tests.
    await redisCli(redis.port, ['CONFIG', 'SET', 'stream-node-max-entries', '10']);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => redis?.destroy());

  function vpc(id: string, description: string): Vpc {
    return {
      vpcId: id,
      uid: '1',
      regionId: 'cn-hangzhou',
      vpcName: id,
      description,
      cidrBlock: '10.0.0.0/8',
      ipv6CidrBlock: null,
      status: 'Available',
      createdAt: '2026-11-25T00:00:00Z',
      resourceGroupId: '',
    };
  }

  /** A store whose follower connects through `proxy` (when given) and a started replica on it. */
  async function openReplica(options: { proxy?: TcpProxy; streamMaxLength?: number }): Promise<{ store: Store; replica: Replica }> {
    namespace += 1;
    const direct = parseRedisTarget(redis.url);
    const viaProxy = options.proxy === undefined ? direct : parseRedisTarget(`redis://127.0.0.1:${options.proxy.port}`);
    const target: RedisTarget = { ...direct, connect: (purpose) => (purpose === 'follow' ? viaProxy : direct).connect(purpose) };
    const store = await RedisStore.open(target, { namespace: `sync${namespace}`, streamMaxLength: options.streamMaxLength ?? 1_000_000 });
    const replica = new Replica(store);
    await replica.start();
    cleanups.push(async () => {
      replica.stop();
      await store.close();
    });
    return { store, replica };
  }

  /** Creates, rewrites and deletes documents, one or two per batch; returns the last position. */
  async function writeBatches(store: Store, from: number, count: number): Promise<string> {
    let last = '';
    for (let i = from; i < from + count; i++) {
      const { position } = await store.transact(async (tx) => {
        tx.put('vpc', `vpc-${i % 97}`, vpc(`vpc-${i % 97}`, `write ${i}`));
        if (i % 7 === 0) tx.delete('vpc', `vpc-${(i * 3) % 97}`);
      });
      last = position ?? last;
    }
    return last;
  }

  /** Every document of every kind equal in the replica and the store, and nothing else in the replica. */
  async function expectSameAsStore(store: Store, replica: Replica): Promise<number> {
    const snapshot = await store.snapshot();
    const perKind = new Map<string, number>();
    let compared = 0;
    snapshot.forEach((change) => {
      perKind.set(change.kind, (perKind.get(change.kind) ?? 0) + 1);
      expect(replica.get(change.kind, change.id), `${change.kind}/${change.id}`).toEqual(change.doc);
      compared += 1;
    });
    for (const kind of KINDS) expect(replica.count(kind), kind).toBe(perKind.get(kind) ?? 0);
    return compared;
  }

  async function killFollowers(): Promise<number> {
    const clients = await redisCli(redis.port, ['CLIENT', 'LIST']);
    let killed = 0;
    for (const line of clients.split('\n')) {
      const id = /^id=(\d+) .*name=plinkd-follow /.exec(line)?.[1];
      if (id !== undefined) killed += Number((await redisCli(redis.port, ['CLIENT', 'KILL', 'ID', id])).trim());
    }
    return killed;
  }

  it('resumes from its last ID after CLIENT KILL mid-stream, without a snapshot reload', async () => {
    const { store, replica } = await openReplica({});
    await writeBatches(store, 0, 50);
    let kills = 0;
    let writing = true;
    const killer = (async () => {
      while (writing) {
        kills += await killFollowers();
        await sleep(40);
      }
    })();
    // Write until the follower was cut at least 5 times (bounded: 6,000 batches).
    let last = '';
    for (let written = 50; kills < 5 && written < 6050; written += 20) last = await writeBatches(store, written, 20);
    writing = false;
    await killer;
    await replica.waitFor(last, 15_000);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(replica.resyncs).toBe(0);
    expect(await expectSameAsStore(store, replica)).toBeGreaterThan(50);
  });

  it('reloads a snapshot when the stream was trimmed past it while it was disconnected', async () => {
    const proxy = await TcpProxy.start(redis.port);
    cleanups.push(() => proxy.close());
    const { store, replica } = await openReplica({ proxy, streamMaxLength: 20 });
    await writeBatches(store, 0, 30);
    proxy.cut(true);
    await writeBatches(store, 30, 300);
    proxy.allow();
    const last = await writeBatches(store, 330, 5);
    await replica.waitFor(last, 15_000);
    expect(replica.resyncs).toBeGreaterThanOrEqual(1);
    await expectSameAsStore(store, replica);
  });

  it('notices batches trimmed away between two reads by their numbers, and reloads', async () => {
    const proxy = await TcpProxy.start(redis.port);
    cleanups.push(() => proxy.close());
    const { store, replica } = await openReplica({ proxy, streamMaxLength: 20 });
    await writeBatches(store, 0, 30);
    await sleep(100);
    // The follower's XREAD is answered by the first write below, but the answer
    // is held: by the time it asks again, the batches after it are trimmed away.
    // The connection never breaks, so only the batch numbers can tell.
    proxy.holdReplies();
    await writeBatches(store, 30, 300);
    await sleep(100);
    const connections = proxy.connections;
    proxy.release();
    const last = await writeBatches(store, 330, 5);
    await replica.waitFor(last, 15_000);
    expect(connections).toBe(1);
    expect(replica.resyncs).toBeGreaterThanOrEqual(1);
    await expectSameAsStore(store, replica);
  });
});
