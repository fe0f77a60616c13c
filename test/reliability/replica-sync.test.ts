import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Replica } from '../../src/replica/replica.js';
import { parseRedisTarget, type RedisTarget } from '../../src/store/redis/connection.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import type { Store } from '../../src/store/types.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { redisCli, sleep } from './support.js';
import { TcpProxy } from './tcp-proxy.js';
import { writeVpcBatches, expectReplicaEqualsStore } from '../helpers/store-documents.js';

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

  /**
   * A store whose follower connects through `proxy` (when given) and a started replica on it. The
   * follower's subscription to the commits' announcements goes through `announceProxy`, by
   * default the same proxy: cut, the follower learns of batches only by reading the stream.
   */
  async function openReplica(options: {
    proxy?: TcpProxy;
    announceProxy?: TcpProxy;
    streamMaxLength?: number;
  }): Promise<{ store: Store; replica: Replica }> {
    namespace += 1;
    const direct = parseRedisTarget(redis.url);
    const via = (proxy: TcpProxy | undefined): RedisTarget =>
      proxy === undefined ? direct : parseRedisTarget(`redis://127.0.0.1:${proxy.port}`);
    const viaProxy = via(options.proxy);
    const announceVia = via(options.announceProxy ?? options.proxy);
    const target: RedisTarget = {
      ...direct,
      connect: (purpose) => (purpose === 'follow' ? viaProxy : purpose === 'announce' ? announceVia : direct).connect(purpose),
    };
    const store = await RedisStore.open(target, { namespace: `sync${namespace}`, streamMaxLength: options.streamMaxLength ?? 1_000_000 });
    const replica = new Replica(store);
    await replica.start();
    cleanups.push(async () => {
      replica.stop();
      await store.close();
    });
    return { store, replica };
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

  it('takes each batch from its announcement, without a read of the stream per batch', async () => {
    const { store, replica } = await openReplica({});
    await writeVpcBatches(store, 0, 5, 97, 7);
    await sleep(100);
    const reads = async (): Promise<number> =>
      Number(/cmdstat_xread:calls=(\d+)/.exec(await redisCli(redis.port, ['INFO', 'commandstats']))?.[1] ?? 0);
    const before = await reads();
    for (let i = 0; i < 40; i++) await replica.waitFor(await writeVpcBatches(store, 5 + i, 1, 97, 7), 5_000);
    // A read per second at most (the poll), and one now and then when an announcement came while one was on its way.
    expect(await reads()).toBeLessThan(before + 10);
    expect(replica.resyncs).toBe(0);
    await expectReplicaEqualsStore(store, replica);
  });

  it('hears only its own database: announcements of a store of the same namespace in another are not its batches', async () => {
    const open = async (db: number): Promise<Store> => {
      const store = await RedisStore.open(parseRedisTarget(`${redis.url}/${db}`), { namespace: 'shared' });
      cleanups.push(() => store.close());
      return store;
    };
    const one = await open(1);
    const two = await open(2);
    const heard: string[] = [];
    const follower = two.follow('0-0', { onBatch: (batch) => heard.push(batch.position), onGap: () => heard.push('gap') });
    cleanups.push(() => follower.stop());
    await sleep(300);
    await writeVpcBatches(one, 0, 5, 97, 7);
    await sleep(300);
    expect(heard).toEqual([]);
    const own = await writeVpcBatches(two, 0, 2, 97, 7);
    await expect.poll(() => heard.at(-1)).toBe(own);
    expect(heard).toHaveLength(2);
  });

  it('applies an announcement directly only when it follows the entry it is at, whatever its number', async () => {
    // After a failover to a replica that was behind, the new master numbers its next batch like one
    // the follower already has: an announcement whose number is next but whose previous entry is not
    // the follower's must be left to a read of the stream (which holds no such entry here).
    const store = await RedisStore.open(parseRedisTarget(redis.url), { namespace: 'chain' });
    cleanups.push(() => store.close());
    const heard: string[] = [];
    const follower = store.follow('0-0', { onBatch: (batch) => heard.push(batch.position), onGap: () => heard.push('gap') });
    cleanups.push(() => follower.stop());
    const own = await writeVpcBatches(store, 0, 3, 97, 7);
    await expect.poll(() => heard.at(-1)).toBe(own);
    const channel = '{chain}:announcements:0';
    const payload = '[]';
    const forged = '9999999999999-0';
    await redisCli(redis.port, ['PUBLISH', channel, `${forged.replace('9-0', '8-0')} ${forged} 4 ${payload}`]);
    await sleep(1_500); // past a poll: a read finds nothing after our entry
    expect(heard).toEqual(heard.slice(0, 3));
    expect(heard).toHaveLength(3);
    // The same announcement chained to our entry is taken at once (bounded: while a poll's read
    // is on its way an announcement is left to the next read, so send it again).
    for (let i = 0; i < 20 && !heard.includes(forged); i++) {
      await redisCli(redis.port, ['PUBLISH', channel, `${own} ${forged} 4 ${payload}`]);
      await sleep(100);
    }
    expect(heard).toEqual([...heard.slice(0, 3), forged]);
  });

  it('commits and follows every batch by its poll when an ACL user may not use the announcements channel', async () => {
    // Redis 7 gives a new user no pub/sub channel (acl-pubsub-default resetchannels): the commit
    // script's PUBLISH is refused after the batch is written, and the follower's SUBSCRIBE too.
    await redisCli(redis.port, ['ACL', 'SETUSER', 'nochannel', 'on', '>nochannel-secret', '~*', 'resetchannels', '+@all']);
    const refused: string[] = [];
    const store = await RedisStore.open(parseRedisTarget(`redis://nochannel:nochannel-secret@127.0.0.1:${redis.port}`), {
      namespace: 'acl',
      onAnnouncementsRefused: (reason) => refused.push(reason),
    });
    cleanups.push(() => store.close());
    const heard: string[] = [];
    const onBatch = (batch: { position: string }): void => void heard.push(batch.position);
    const followers = [
      store.follow('0-0', { onBatch, onGap: () => heard.push('gap') }),
      store.follow('0-0', { onBatch: () => undefined, onGap: () => heard.push('gap') }),
    ];
    cleanups.push(() => followers.forEach((follower) => follower.stop()));
    const own = await writeVpcBatches(store, 0, 5, 97, 7);
    await expect.poll(() => heard.at(-1), { timeout: 5_000 }).toBe(own);
    expect(heard).toHaveLength(5);
    expect(heard).not.toContain('gap');
    // Said once per store, with Redis's reason, however many followers were refused.
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/NOPERM/);
  });

  it('resumes from its last ID after CLIENT KILL mid-stream, without a snapshot reload', async () => {
    const { store, replica } = await openReplica({});
    await writeVpcBatches(store, 0, 50, 97, 7);
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
    for (let written = 50; kills < 5 && written < 6050; written += 20) last = await writeVpcBatches(store, written, 20, 97, 7);
    writing = false;
    await killer;
    await replica.waitFor(last, 15_000);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(replica.resyncs).toBe(0);
    expect(await expectReplicaEqualsStore(store, replica)).toBeGreaterThan(50);
  });

  it('reloads a snapshot when the stream was trimmed past it while it was disconnected', async () => {
    const proxy = await TcpProxy.start(redis.port);
    cleanups.push(() => proxy.close());
    const { store, replica } = await openReplica({ proxy, streamMaxLength: 20 });
    await writeVpcBatches(store, 0, 30, 97, 7);
    proxy.cut(true);
    await writeVpcBatches(store, 30, 300, 97, 7);
    proxy.allow();
    const last = await writeVpcBatches(store, 330, 5, 97, 7);
    await replica.waitFor(last, 15_000);
    expect(replica.resyncs).toBeGreaterThanOrEqual(1);
    await expectReplicaEqualsStore(store, replica);
  });

  it('notices batches trimmed away between two reads by their numbers, and reloads', async () => {
    const proxy = await TcpProxy.start(redis.port);
    const announceProxy = await TcpProxy.start(redis.port);
    cleanups.push(
      () => proxy.close(),
      () => announceProxy.close(),
    );
    const { store, replica } = await openReplica({ proxy, announceProxy, streamMaxLength: 20 });
    await writeVpcBatches(store, 0, 30, 97, 7);
    await sleep(100);
    // Announcements would bring every batch in order: without them, only the stream's reads do.
    announceProxy.cut(true);
    // The follower's next read is answered, but the answer is held: by the time
    // it asks again, the batches after it are trimmed away.
    // The connection never breaks, so only the batch numbers can tell.
    proxy.holdReplies();
    await writeVpcBatches(store, 30, 300, 97, 7);
    await sleep(100);
    const connections = proxy.connections;
    proxy.release();
    const last = await writeVpcBatches(store, 330, 5, 97, 7);
    await replica.waitFor(last, 15_000);
    expect(connections).toBe(1);
    expect(replica.resyncs).toBeGreaterThanOrEqual(1);
    await expectReplicaEqualsStore(store, replica);
  });
});
