import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloudError } from '../../src/errors/catalogue.js';
import { Plane } from '../../src/control/plane.js';
import type { Vpc } from '../../src/model/types.js';
import type { AppliedChange } from '../../src/replica/applied-change.js';
import { Replica, type ReplicaEvents } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { parseRedisTarget } from '../../src/store/redis/connection.js';
import { RedisKeys } from '../../src/store/redis/keys.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import {
  type Change,
  type ChangeFollower,
  type FollowHandlers,
  type GapReason,
  type Kind,
  type Snapshot,
  type Store,
} from '../../src/store/types.js';
import { replicaKinds } from '../../src/replica/role-kinds.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { redisCli, sleep } from './support.js';
import { vpcDocument, writeVpcBatches, expectReplicaEqualsStore } from '../helpers/store-documents.js';
import { healthz } from '../helpers/healthz.js';

/**
 * docs/reliability.md, "The change stream": a batch that cannot be decoded or
 * applied is a gap — the replica reloads a snapshot, counts the resync by its
 * reason and reports it once — never a batch skipped in silence; a subscriber
 * that throws is reported as such and the stream goes on. In every case the
 * replica ends up holding exactly what the store holds.
 */

/** A subscriber's view of the VPCs, built only from what it was handed. */
function vpcView(): { seen: Map<string, Vpc>; onChanges(applied: readonly AppliedChange[]): void } {
  const seen = new Map<string, Vpc>();
  return {
    seen,
    onChanges(applied) {
      for (const { change } of applied) {
        if (change.kind !== 'vpc') continue;
        if (change.doc === null) seen.delete(change.id);
        else seen.set(change.id, change.doc);
      }
    },
  };
}

function expectViewMatches(view: Map<string, Vpc>, replica: Replica): void {
  const held = new Map([...replica.values('vpc')].map((v) => [v.vpcId, v]));
  expect(new Map([...view].sort())).toEqual(new Map([...held].sort()));
}

/** What a replica reported, for the assertions. */
function recordEvents(): ReplicaEvents & { gaps: Array<[GapReason, unknown]>; subscriberErrors: unknown[]; health: string[] } {
  const gaps: Array<[GapReason, unknown]> = [];
  const subscriberErrors: unknown[] = [];
  const health: string[] = [];
  return {
    gaps,
    subscriberErrors,
    health,
    resyncStarted: (reason, cause) => gaps.push([reason, cause]),
    subscriberFailed: (err) => subscriberErrors.push(err),
    storeHealthChanged: (h) => health.push(h),
  };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * A memory store whose stream hands the replica a poisoned batch on demand:
 * the batch's real changes followed by `poison` — the replica applies the
 * first, refuses the second, and has missed nothing once it resynced.
 * Its snapshot can be held (a slow resync, as loading a 1M fleet is).
 */
class FaultyMemoryStore extends MemoryStore {
  private poisons: Change[] = [];
  private gate: Promise<void> | undefined;
  private openGate: () => void = () => undefined;
  snapshotsTaken = 0;

  poisonNextBatch(poison: Change): void {
    this.poisons.push(poison);
  }

  holdSnapshots(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  releaseSnapshots(): void {
    this.openGate();
    this.gate = undefined;
  }

  override async snapshot(): Promise<Snapshot> {
    this.snapshotsTaken += 1;
    if (this.gate !== undefined) await this.gate;
    return super.snapshot();
  }

  override follow(from: string, handlers: FollowHandlers): ChangeFollower {
    return super.follow(from, {
      ...handlers,
      onBatch: (batch) => {
        const poison = this.poisons.shift();
        handlers.onBatch(poison === undefined ? batch : { position: batch.position, changes: [...batch.changes, poison] });
      },
    });
  }
}

const UNKNOWN_KIND = { kind: 'no-such-kind', id: 'x', doc: {} } as unknown as Change;
const NOT_A_DOCUMENT = { kind: 'vpc', id: 'vpc-bad', doc: 'not a document' } as unknown as Change;

describe('a poisoned batch in the memory store is a gap, not a skip', () => {
  const replicas: Replica[] = [];
  afterEach(() => {
    for (const replica of replicas.splice(0)) replica.stop();
  });

  for (const [name, poison] of [
    ['a change of an unknown kind', UNKNOWN_KIND],
    ['a change whose document is not an object', NOT_A_DOCUMENT],
  ] as const) {
    it(`${name}: resync counted once as 'apply', replica and subscribers converge to the store`, async () => {
      const store = new FaultyMemoryStore();
      const events = recordEvents();
      const replica = new Replica(store, events);
      replicas.push(replica);
      await writeVpcBatches(store, 0, 20, 13, 5);
      await replica.start();
      const view = vpcView();
      replica.subscribe(view);

      store.poisonNextBatch(poison);
      const last = await writeVpcBatches(store, 20, 30, 13, 5);
      await replica.waitFor(last, 10_000);

      expect(events.gaps.map(([reason]) => reason)).toEqual(['apply']);
      expect(String(events.gaps[0]![1])).toMatch(/batch 0-21: /);
      expect(replica.resyncsByReason().get('apply')).toBe(1);
      expect(replica.catchingUp()).toBe(false);
      expect(await expectReplicaEqualsStore(store, replica)).toBeGreaterThan(5);
      expectViewMatches(view.seen, replica);
      expect(replica.get('vpc', 'vpc-bad')).toBeUndefined();
      expect(events.subscriberErrors).toEqual([]);
    });
  }

  it('a subscriber that throws is reported as a subscriber error; the stream and the other subscribers go on', async () => {
    const store = new MemoryStore();
    const events = recordEvents();
    const replica = new Replica(store, events);
    replicas.push(replica);
    await replica.start();
    let calls = 0;
    replica.subscribe({
      onChanges: () => {
        calls += 1;
        throw new Error('subscriber bug');
      },
    });
    const view = vpcView();
    replica.subscribe(view);
    const last = await writeVpcBatches(store, 0, 40, 13, 5);
    await replica.waitFor(last, 10_000);

    expect(calls).toBeGreaterThan(1);
    expect(events.subscriberErrors.length).toBe(calls);
    expect(String(events.subscriberErrors[0])).toMatch(/subscriber bug/);
    expect(events.gaps).toEqual([]);
    expect(events.health).toEqual([]);
    expect(replica.health()).toBe('ok');
    expect(replica.position).toBe(last);
    await expectReplicaEqualsStore(store, replica);
    expectViewMatches(view.seen, replica);
  });

  it('reports lag 0 once caught up, however long the store has been idle', async () => {
    const store = new FaultyMemoryStore();
    const replica = new Replica(store);
    replicas.push(replica);
    await replica.start();
    const last = await writeVpcBatches(store, 0, 5, 13, 5);
    await replica.waitFor(last, 10_000);
    await sleep(1_100);
    expect(replica.lagMilliseconds()).toBe(0);
    // Behind during a resync: the lag grows until the snapshot is in.
    store.holdSnapshots();
    store.poisonNextBatch(UNKNOWN_KIND);
    await writeVpcBatches(store, 5, 1, 13, 5);
    await until(() => replica.catchingUp(), 5_000, 'the resync');
    await sleep(300);
    expect(replica.lagMilliseconds()).toBeGreaterThanOrEqual(250);
    store.releaseSnapshots();
    await until(() => !replica.catchingUp(), 5_000, 'the end of the resync');
    await until(() => replica.lagMilliseconds() === 0, 5_000, 'lag 0');
  });
});

describe('writes while the replica catches up (docs/reliability.md)', () => {
  const replicas: Replica[] = [];
  afterEach(() => {
    for (const replica of replicas.splice(0)) replica.stop();
  });

  it('refuses a new write with ServiceUnavailable before committing while a resync loads, and takes writes again after', async () => {
    const store = new FaultyMemoryStore();
    const replica = new Replica(store);
    replicas.push(replica);
    await replica.start();
    const plane = new Plane(store, replica, { regions: [], domainSuffix: 'test', transitionDelayMs: 0, replicaWaitMs: 300 });

    await plane.write(async (tx) => tx.put('vpc', 'vpc-before', vpcDocument('vpc-before', 'before')));
    expect(replica.get('vpc', 'vpc-before')).toBeDefined();

    // A gap whose resync is slow (the snapshot is held, as a 1M-endpoint load takes minutes).
    store.holdSnapshots();
    store.poisonNextBatch(UNKNOWN_KIND);
    // This write commits; its batch is the poisoned one, so the replica cannot
    // confirm it within the bound: it is still answered as the success it is.
    const started = Date.now();
    await expect(
      plane.write(async (tx) => tx.put('vpc', 'vpc-committed', vpcDocument('vpc-committed', 'during'))),
    ).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await store.get('vpc', 'vpc-committed')).toBeDefined();
    await until(() => replica.catchingUp(), 5_000, 'the resync');
    expect(await healthz('api', store, replica)).toMatchObject({ status: 503, body: { status: 'degraded', replica: { resyncing: true } } });
    expect(await healthz('dns', store, replica)).toMatchObject({ status: 200, body: { status: 'degraded', replica: { resyncing: true } } });

    // New writes are refused before commit: nothing reaches the store.
    const refused = await plane
      .write(async (tx) => tx.put('vpc', 'vpc-refused', vpcDocument('vpc-refused', 'refused')))
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(CloudError);
    expect((refused as CloudError).code).toBe('ServiceUnavailable');
    expect(await store.get('vpc', 'vpc-refused')).toBeUndefined();

    store.releaseSnapshots();
    await until(() => !replica.catchingUp(), 5_000, 'the end of the resync');
    expect(replica.get('vpc', 'vpc-committed')).toBeDefined();
    await plane.write(async (tx) => tx.put('vpc', 'vpc-after', vpcDocument('vpc-after', 'after')));
    expect(replica.get('vpc', 'vpc-after')).toBeDefined();
    expect(await healthz('api', store, replica)).toMatchObject({ status: 200, body: { status: 'ok', replica: { resyncing: false } } });
    await expectReplicaEqualsStore(store, replica);
  });
});

describe('a poisoned entry in the Redis stream is a gap, not a skip', () => {
  let redis: RedisServer;
  let namespace = 0;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => redis?.destroy());

  async function openReplica(events: ReplicaEvents, kinds?: readonly Kind[]): Promise<{ store: Store; replica: Replica; keys: RedisKeys }> {
    namespace += 1;
    const name = `faults${namespace}`;
    const store = await RedisStore.open(parseRedisTarget(redis.url), { namespace: name });
    const replica = new Replica(store, events, kinds === undefined ? {} : { kinds });
    await replica.start();
    cleanups.push(async () => {
      replica.stop();
      await store.close();
    });
    return { store, replica, keys: new RedisKeys(name) };
  }

  /** Appends an entry as the commit script would — numbered, so only its content is wrong. */
  async function appendEntry(keys: RedisKeys, payload: string): Promise<void> {
    const sequence = (await redisCli(redis.port, ['INCR', keys.sequence])).trim();
    await redisCli(redis.port, ['XADD', keys.stream, '*', 'c', payload, 's', sequence]);
  }

  for (const [name, payload] of [
    ['text that is not JSON', '{"truncated'],
    ['a change of an unknown kind', JSON.stringify([['no-such-kind', 'x', '{}']])],
    ['a document that is not an object', JSON.stringify([['vpc', 'vpc-bad', '"text"']])],
  ] as const) {
    it(`${name}: resync counted once as 'decode', replica and subscribers converge to the store`, async () => {
      const events = recordEvents();
      const { store, replica, keys } = await openReplica(events);
      await writeVpcBatches(store, 0, 20, 13, 5);
      const view = vpcView();
      replica.subscribe(view);
      await appendEntry(keys, payload);
      const last = await writeVpcBatches(store, 20, 30, 13, 5);
      await replica.waitFor(last, 15_000);

      expect(events.gaps.map(([reason]) => reason)).toEqual(['decode']);
      expect(String(events.gaps[0]![1])).toMatch(/stream entry \d+-\d+: /);
      expect(replica.resyncsByReason().get('decode')).toBe(1);
      expect(events.health).toEqual([]);
      expect(await expectReplicaEqualsStore(store, replica)).toBeGreaterThan(5);
      expectViewMatches(view.seen, replica);
      expect(replica.get('vpc', 'vpc-bad')).toBeUndefined();
    });
  }

  it('a kind the replica leaves out is not parsed: a DNS-role replica applies the rest of the entry, with no gap', async () => {
    // The ENI address allocations that ride with zone edits are left out by a DNS-only process
    // (role-kinds.ts); it does not even parse them. A replica holding every kind does, and stops.
    for (const [kinds, gaps] of [
      [replicaKinds(false), []],
      [replicaKinds(true), ['decode']],
    ] as const) {
      const events = recordEvents();
      const { store, replica, keys } = await openReplica(events, kinds);
      await writeVpcBatches(store, 0, 5, 13, 5);
      const payload = JSON.stringify([
        ['ipAllocation', 'vsw-x', '{"truncated'],
        ['vpc', 'vpc-beside', JSON.stringify(vpcDocument('vpc-beside', 'beside'))],
      ]);
      await appendEntry(keys, payload);
      const last = await writeVpcBatches(store, 5, 10, 13, 5);
      await replica.waitFor(last, 15_000);
      expect(events.gaps.map(([reason]) => reason)).toEqual(gaps);
      if (gaps.length === 0) expect(replica.get('vpc', 'vpc-beside')?.description).toBe('beside');
    }
  });

  it("an entry without a batch number (not written by plinkd's commit script) is a 'decode' gap, never followed", async () => {
    const events = recordEvents();
    const { store, replica, keys } = await openReplica(events);
    await writeVpcBatches(store, 0, 5, 13, 5);
    // Well-formed content, no batch number: its change must not reach the replica.
    const rogue = JSON.stringify([['vpc', 'vpc-rogue', JSON.stringify(vpcDocument('vpc-rogue', 'rogue'))]]);
    await redisCli(redis.port, ['XADD', keys.stream, '*', 'c', rogue]);
    // The resync's snapshot resumes at the foreign entry (the stream's last): following goes on from
    // the numbered entry before it, once, rather than reloading again.
    await until(() => events.gaps.length > 0 && !replica.catchingUp(), 15_000, 'the resync');
    await sleep(500);
    const last = await writeVpcBatches(store, 5, 10, 13, 5);
    await replica.waitFor(last, 15_000);

    expect(events.gaps.map(([reason]) => reason)).toEqual(['decode']);
    expect(String(events.gaps[0]![1])).toMatch(/stream entry \d+-\d+: no batch number/);
    expect(replica.get('vpc', 'vpc-rogue')).toBeUndefined();
    await expectReplicaEqualsStore(store, replica);
  });

  it('a throwing subscriber does not stop the Redis follower, and lag is 0 once idle', async () => {
    const events = recordEvents();
    const { store, replica } = await openReplica(events);
    replica.subscribe({
      onChanges: () => {
        throw new Error('subscriber bug');
      },
    });
    const last = await writeVpcBatches(store, 0, 30, 13, 5);
    await replica.waitFor(last, 15_000);
    expect(events.subscriberErrors.length).toBeGreaterThan(0);
    expect(events.gaps).toEqual([]);
    expect(events.health).toEqual([]);
    await expectReplicaEqualsStore(store, replica);
    await sleep(1_100);
    expect(replica.lagMilliseconds()).toBe(0);
  });

  it('reports the store going away and coming back once each', async () => {
    const events = recordEvents();
    const { store, replica } = await openReplica(events);
    await writeVpcBatches(store, 0, 3, 13, 5);
    await redis.stop();
    await until(() => events.health.includes('unavailable'), 10_000, 'unavailable');
    await sleep(1_500);
    await redis.restart();
    await until(() => events.health.includes('ok'), 15_000, 'ok again');
    await sleep(500);
    expect(events.health).toEqual(['unavailable', 'ok']);
    expect(replica.health()).toBe('ok');
  });
});
