import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMIT_SCRIPT } from '../../src/store/redis/commit-script.js';
import { parseRedisTarget } from '../../src/store/redis/connection.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import { Replica } from '../../src/replica/replica.js';
import { startRedisCluster, type RedisCluster } from '../helpers/redis-cluster.js';
import type { Vpc } from '../../src/model/types.js';
import { vpcDocument } from '../helpers/store-documents.js';

/**
 * What the store needs of ioredis' Cluster client, checked on the nodes
 * themselves: the commit runs as EVALSHA on the master owning the `{namespace}`
 * slot, and the replica's follower reads the stream there with XREAD on its own
 * connection, named plinkd-follow.
 */
describe('the Redis store on a 3-master cluster', () => {
  let cluster: RedisCluster;
  const direct: Redis[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    for (const node of cluster.nodes) direct.push(new Redis({ host: '127.0.0.1', port: node.port, lazyConnect: false }));
  });
  afterAll(async () => {
    for (const client of direct) client.disconnect();
    await cluster?.destroy();
  });

  const vpc = (id: string): Vpc => vpcDocument(id, '', '1');

  /** The node owning a key's slot, asked directly (CLUSTER KEYSLOT + CLUSTER SLOTS). */
  async function ownerOf(key: string): Promise<Redis> {
    const slot = Number(await direct[0]!.cluster('KEYSLOT', key));
    const ranges = await direct[0]!.cluster('SLOTS');
    const range = ranges.find(([from, to]) => slot >= from && slot <= to)!;
    const index = cluster.nodes.findIndex((n) => n.port === range[2]?.[1]);
    return direct[index]!;
  }

  function commandCalls(info: string, command: string): number {
    return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  }

  it('commits by EVALSHA on the owning master and reads the stream there', async () => {
    const store = await RedisStore.open(parseRedisTarget(cluster.url), { namespace: 'evalsha' });
    const replica = new Replica(store);
    try {
      await replica.start();
      const owner = await ownerOf('{evalsha}:changes');
      const { position } = await store.transact(async (tx) => tx.put('vpc', 'vpc-1', vpc('vpc-1')));
      await replica.waitFor(position!);
      await store.transact(async (tx) => tx.put('vpc', 'vpc-2', vpc('vpc-2')));
      expect(await owner.script('EXISTS', COMMIT_SCRIPT.sha)).toEqual([1]);
      // The first commit on a node finds no cached script (NOSCRIPT) and sends
      // EVAL once; every later one is an EVALSHA that succeeds.
      const stats = await owner.info('commandstats');
      expect(commandCalls(stats, 'evalsha')).toBeGreaterThanOrEqual(2);
      expect(commandCalls(stats, 'eval')).toBe(1);

      await expect.poll(() => replica.get('vpc', 'vpc-2')?.vpcId).toBe('vpc-2');
      const clients = String(await owner.client('LIST'));
      const follower = clients.split('\n').find((line) => /name=plinkd-follow\b/.test(line) && /cmd=xread\b/.test(line));
      expect(follower, clients).toBeDefined();
      // Nothing else in the store lives outside the one slot.
      for (const other of direct.filter((c) => c !== owner)) expect(await other.keys('{evalsha}*')).toEqual([]);
    } finally {
      replica.stop();
      await store.close();
    }
  });

  it('spreads nonce claims and leases over the masters by their own keys', async () => {
    const store = await RedisStore.open(parseRedisTarget(cluster.url), { namespace: 'spread' });
    try {
      for (let i = 0; i < 30; i++) expect(await store.claimOnce(`nonce-${i}`, 60)).toBe(true);
      const perNode = await Promise.all(direct.map((c) => c.keys('spread:claim:*')));
      expect(perNode.map((keys) => keys.length).reduce((a, b) => a + b, 0)).toBe(30);
      expect(perNode.filter((keys) => keys.length > 0).length).toBeGreaterThan(1);
      expect(await store.acquireLease('reconciler', 'me', 10_000)).toBe(true);
      expect(await store.renewLease('reconciler', 'me', 10_000)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
