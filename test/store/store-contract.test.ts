import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/store/durable/data-dir.js';
import { openDurableStore } from '../../src/store/durable/durable-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import { parseRedisTarget } from '../../src/store/redis/connection.js';
import { comparePositions, ORIGIN_POSITION } from '../../src/store/position.js';
import type { ChangeBatch, Store } from '../../src/store/types.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRedisCluster, type RedisCluster } from '../helpers/redis-cluster.js';
import { vpcDocument } from '../helpers/store-documents.js';

function collect(store: Store, from: string): { batches: ChangeBatch[]; gaps: number; stop(): void } {
  const batches: ChangeBatch[] = [];
  const result = { batches, gaps: 0, stop: () => follower.stop() };
  const follower = store.follow(from, {
    onBatch: (batch) => batches.push(batch),
    onGap: () => {
      result.gaps += 1;
    },
  });
  return result;
}

async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

interface StoreFactory {
  name: string;
  create(options: { streamLength: number }): Promise<Store>;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
}

let redis: RedisServer | undefined;
let cluster: RedisCluster | undefined;
let namespaceCounter = 0;
let dataDirs: string | undefined;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const factories: StoreFactory[] = [
  { name: 'memory', create: async ({ streamLength }) => new MemoryStore({ streamLength }) },
  {
    // The same store kept in a data directory (--data-dir): every commit goes
    // through the journal's fsync before it resolves, and is streamed only then.
    name: 'memory with --data-dir',
    setup: async () => {
      dataDirs = mkdtempSync(join(tmpdir(), 'plinkd-contract-'));
    },
    teardown: async () => rmSync(dataDirs!, { recursive: true, force: true }),
    create: async ({ streamLength }) => {
      namespaceCounter += 1;
      const dir = openDataDir(join(dataDirs!, `store${namespaceCounter}`));
      return openDurableStore(dir, { streamLength, compactBytes: 16 * 1024, log: quiet });
    },
  },
  {
    name: 'redis',
    setup: async () => {
      redis = await startRedis();
    },
    teardown: async () => redis?.destroy(),
    create: async ({ streamLength }) => {
      namespaceCounter += 1;
      return RedisStore.open(parseRedisTarget(redis!.url), { namespace: `contract${namespaceCounter}`, streamMaxLength: streamLength });
    },
  },
  {
    // A real 3-master cluster: the commit script (EVALSHA), blocking XREAD on
    // the follower's own connection and the untagged nonce/lease keys all go
    // through ioredis' Cluster client and its slot routing.
    name: 'redis-cluster',
    setup: async () => {
      cluster = await startRedisCluster();
    },
    teardown: async () => cluster?.destroy(),
    create: async ({ streamLength }) => {
      namespaceCounter += 1;
      return RedisStore.open(parseRedisTarget(cluster!.url), { namespace: `contract${namespaceCounter}`, streamMaxLength: streamLength });
    },
  },
];

describe.each(factories)('store contract: $name', (factory) => {
  const opened: Store[] = [];
  const open = async (streamLength = 10_000): Promise<Store> => {
    const store = await factory.create({ streamLength });
    opened.push(store);
    return store;
  };

  beforeAll(async () => factory.setup?.());
  afterAll(async () => {
    for (const store of opened) await store.close();
    await factory.teardown?.();
  });

  it('reads back what a transaction wrote, and nothing for unknown ids', async () => {
    const store = await open();
    expect(await store.get('vpc', 'vpc-none')).toBeUndefined();
    const { position } = await store.transact(async (tx) => tx.put('vpc', 'vpc-a', vpcDocument('vpc-a', 'first')));
    expect(position).not.toBeNull();
    expect((await store.get('vpc', 'vpc-a'))?.description).toBe('first');
  });

  it('writes nothing and appends nothing for an empty or unchanged transaction', async () => {
    const store = await open();
    await store.transact(async (tx) => tx.put('vpc', 'vpc-a', vpcDocument('vpc-a')));
    const unchanged = await store.transact(async (tx) => {
      const current = await tx.get('vpc', 'vpc-a');
      tx.put('vpc', 'vpc-a', current!);
    });
    expect(unchanged.position).toBeNull();
    expect((await store.transact(async () => 42)).value).toBe(42);
  });

  it('streams every batch in order with whole documents and deletions', async () => {
    const store = await open();
    const follower = collect(store, ORIGIN_POSITION);
    await store.transact(async (tx) => {
      tx.put('vpc', 'vpc-1', vpcDocument('vpc-1'));
      tx.put('vpc', 'vpc-2', vpcDocument('vpc-2'));
    });
    await store.transact(async (tx) => tx.delete('vpc', 'vpc-1'));
    await eventually(() => expect(follower.batches).toHaveLength(2));
    follower.stop();
    const [first, second] = follower.batches as [ChangeBatch, ChangeBatch];
    expect(comparePositions(first.position, second.position)).toBe(-1);
    expect(first.changes.map((c) => c.id).sort()).toEqual(['vpc-1', 'vpc-2']);
    expect(first.changes[0]?.doc).toMatchObject({ regionId: 'cn-hangzhou' });
    expect(second.changes).toEqual([{ kind: 'vpc', id: 'vpc-1', doc: null }]);
  });

  it('never loses an update when transactions race on one document', async () => {
    const store = await open();
    await store.transact(async (tx) => tx.put('vpc', 'counter', vpcDocument('counter', '0')));
    const racers = 40;
    await Promise.all(
      Array.from({ length: racers }, () =>
        store.transact(async (tx) => {
          const current = await tx.get('vpc', 'counter');
          // Yield between read and write so the racers interleave.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          tx.put('vpc', 'counter', vpcDocument('counter', String(Number(current!.description) + 1)));
        }),
      ),
    );
    expect((await store.get('vpc', 'counter'))?.description).toBe(String(racers));
  });

  it('answers reads made together (prefetch, concurrent gets) as one by one, and holds them as preconditions', async () => {
    const store = await open();
    await store.transact(async (tx) => {
      tx.put('vpc', 'pf-a', vpcDocument('pf-a', 'a0'));
      tx.put('vpc', 'pf-b', vpcDocument('pf-b', 'b0'));
    });
    let attempts = 0;
    const { value } = await store.transact(async (tx) => {
      attempts++;
      await tx.prefetch([
        ['vpc', 'pf-a'],
        ['vpc', 'pf-b'],
        ['vpc', 'pf-none'],
        ['vpc', undefined],
      ]);
      // Another writer changes a prefetched document the work never gets: the commit must still conflict.
      if (attempts === 1) await store.transact(async (other) => other.put('vpc', 'pf-b', vpcDocument('pf-b', 'b1')));
      const [a, a2, none] = await Promise.all([tx.get('vpc', 'pf-a'), tx.get('vpc', 'pf-a'), tx.get('vpc', 'pf-none')]);
      tx.put('vpc', 'pf-a', vpcDocument('pf-a', `${a?.description}+`));
      // A get after a put sees the put.
      return [a?.description, a2?.description, none, (await tx.get('vpc', 'pf-a'))?.description];
    });
    expect(attempts).toBe(2);
    expect(value).toEqual(['a0', 'a0', undefined, 'a0+']);
    expect((await store.get('vpc', 'pf-a'))?.description).toBe('a0+');
    expect((await store.get('vpc', 'pf-b'))?.description).toBe('b1');
  });

  it('refuses to create a document twice when both creators saw it absent', async () => {
    const store = await open();
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        store.transact(async (tx) => {
          if ((await tx.get('vpc', 'unique')) !== undefined) return 'exists';
          await new Promise((resolve) => setTimeout(resolve, 2));
          tx.put('vpc', 'unique', vpcDocument('unique', String(n)));
          return 'created';
        }),
      ),
    );
    expect(outcomes.filter((o) => o.value === 'created')).toHaveLength(1);
  });

  it('gives a snapshot whose position continues exactly into the stream', async () => {
    const store = await open();
    await store.transact(async (tx) => tx.put('vpc', 'vpc-old', vpcDocument('vpc-old')));
    const snapshot = await store.snapshot();
    const seen: string[] = [];
    snapshot.forEach((change) => seen.push(change.id));
    expect(seen).toContain('vpc-old');
    const follower = collect(store, snapshot.position);
    await store.transact(async (tx) => tx.put('vpc', 'vpc-new', vpcDocument('vpc-new')));
    await eventually(() => expect(follower.batches).toHaveLength(1));
    follower.stop();
    expect(follower.batches[0]?.changes[0]?.id).toBe('vpc-new');
  });

  it('reports a gap when the stream was trimmed past the follower', async () => {
    const store = await open(10);
    for (let i = 0; i < 300; i++) await store.transact(async (tx) => tx.put('vpc', `vpc-${i}`, vpcDocument(`vpc-${i}`)));
    const follower = collect(store, '0-1');
    await eventually(() => expect(follower.gaps).toBe(1));
    follower.stop();
  });

  it('claims a key once until it expires', async () => {
    const store = await open();
    expect(await store.claimOnce('nonce-1', 60)).toBe(true);
    expect(await store.claimOnce('nonce-1', 60)).toBe(false);
    expect(await store.claimOnce('nonce-2', 60)).toBe(true);
  });

  it('grants a lease to one holder at a time; only the holder renews or releases it', async () => {
    const store = await open();
    expect(await store.acquireLease('job', 'a', 60_000)).toBe(true);
    expect(await store.acquireLease('job', 'b', 60_000)).toBe(false);
    expect(await store.acquireLease('job', 'a', 60_000)).toBe(false);
    expect(await store.renewLease('job', 'a', 60_000)).toBe(true);
    expect(await store.renewLease('job', 'b', 60_000)).toBe(false);
    await store.releaseLease('job', 'b');
    expect(await store.acquireLease('job', 'b', 60_000)).toBe(false);
    await store.releaseLease('job', 'a');
    expect(await store.renewLease('job', 'a', 60_000)).toBe(false);
    expect(await store.acquireLease('job', 'b', 60_000)).toBe(true);
    // Leases of other names are independent.
    expect(await store.acquireLease('other', 'a', 60_000)).toBe(true);
  });

  it('lets a lease expire unless renewed, then another holder takes it', async () => {
    const store = await open();
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    // Timers fire late, never early: the margins below tolerate 300 ms of
    // scheduling delay on a loaded machine without the outcome changing.
    expect(await store.acquireLease('job', 'a', 600)).toBe(true);
    await sleep(400);
    expect(await store.renewLease('job', 'a', 600)).toBe(true);
    await sleep(300);
    // ≥ 700 ms after acquiring (past the first 600 ms), < 600 ms after the renewal: still held.
    expect(await store.acquireLease('job', 'b', 600)).toBe(false);
    await sleep(700);
    expect(await store.renewLease('job', 'a', 600)).toBe(false);
    expect(await store.acquireLease('job', 'b', 600)).toBe(true);
  });
});
