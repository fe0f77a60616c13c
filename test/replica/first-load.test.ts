import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint, Vpc } from '../../src/model/types.js';
import type { AppliedChange } from '../../src/replica/applied-change.js';
import { Replica } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { Change, Kind, Store } from '../../src/store/types.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { endpointDoc } from './fixtures.js';
import { vpcDocument } from '../helpers/store-documents.js';

const ENDPOINTS = 2500;

const vpcDoc = (vpcId: string): Vpc => vpcDocument(vpcId, '', '2222222222222222');

/**
 * A subscriber attached before the load: records what it was handed, in order, and whether
 * the replica could already answer for each endpoint's VPC at that moment (projections look
 * up what a document refers to from inside onChanges).
 */
function recorder(replica: Replica): {
  kinds: Kind[];
  endpoints: Map<string, Endpoint>;
  vpcMissing: string[];
  batches: number;
  onChanges(applied: readonly AppliedChange[]): void;
} {
  const seen = {
    kinds: [] as Kind[],
    endpoints: new Map<string, Endpoint>(),
    vpcMissing: [] as string[],
    batches: 0,
    onChanges(applied: readonly AppliedChange[]): void {
      seen.batches += 1;
      for (const { change } of applied) {
        seen.kinds.push(change.kind);
        if (change.kind === 'endpoint' && change.doc !== null) {
          seen.endpoints.set(change.id, change.doc);
          if (replica.get('vpc', change.doc.vpcId) === undefined) seen.vpcMissing.push(change.id);
        } else if (change.kind === 'endpoint') seen.endpoints.delete(change.id);
      }
    },
  };
  return seen;
}

/** Endpoints written first, their VPCs after: the load must still hand VPCs over first. */
async function fill(store: Store): Promise<void> {
  await store.transact(async (tx) => {
    for (let n = 0; n < ENDPOINTS; n++) tx.put('endpoint', endpointDoc(n).endpointId, endpointDoc(n));
  });
  await store.transact(async (tx) => {
    for (let v = 0; v < 5; v++) tx.put('vpc', endpointDoc(v).vpcId, vpcDoc(endpointDoc(v).vpcId));
  });
}

function expectLoadedInOrder(seen: ReturnType<typeof recorder>, replica: Replica): void {
  expect(seen.endpoints.size).toBe(ENDPOINTS);
  expect(seen.vpcMissing).toEqual([]);
  expect(seen.kinds.lastIndexOf('vpc')).toBeLessThan(seen.kinds.indexOf('endpoint'));
  // What the subscriber was handed is what the replica holds.
  for (const n of [0, 1, 1234, ENDPOINTS - 1]) {
    const id = endpointDoc(n).endpointId;
    expect(JSON.stringify(seen.endpoints.get(id))).toBe(JSON.stringify(replica.get('endpoint', id)));
    expect(seen.endpoints.get(id)).toEqual(endpointDoc(n));
  }
}

describe('Replica: the first load goes to subscribers attached before it', () => {
  let replica: Replica | undefined;
  afterEach(() => replica?.stop());

  it('memory store: every document once, in kind order, each referent readable from inside onChanges', async () => {
    const store = new MemoryStore();
    await fill(store);
    replica = new Replica(store);
    const early = recorder(replica);
    replica.subscribe(early);
    expect(early.batches).toBe(0);
    await replica.start();
    expectLoadedInOrder(early, replica);
    expect(early.kinds).toHaveLength(ENDPOINTS + 5);

    // A subscriber joining afterwards gets the same content by replay.
    const late = recorder(replica);
    replica.subscribe(late);
    expect([...late.endpoints.keys()].sort()).toEqual([...early.endpoints.keys()].sort());
  });

  it('after a load that failed half way, the retry hands over exactly what differs', async () => {
    const store = new FailingOnceSnapshotStore();
    await fill(store);
    const errors: unknown[] = [];
    replica = new Replica(store, { storeHealthChanged: (health, err) => health === 'unavailable' && errors.push(err) });
    const seen = recorder(replica);
    replica.subscribe(seen);
    const started = replica.start();
    // The first attempt hands over the VPCs and some endpoints, then fails; meanwhile one endpoint is deleted.
    await store.failed;
    const gone = endpointDoc(3).endpointId;
    await store.transact(async (tx) => tx.delete('endpoint', gone));
    await started;
    expect(errors).toHaveLength(1);
    expect(seen.endpoints.has(gone)).toBe(false);
    expect(replica.get('endpoint', gone)).toBeUndefined();
    expect(seen.endpoints.size).toBe(ENDPOINTS - 1);
    expect(replica.count('endpoint')).toBe(ENDPOINTS - 1);
  });

  it('a document that cannot be applied half way through a batch: what came before it still reaches the subscribers', async () => {
    const store = new UnreadableOnceSnapshotStore();
    await fill(store);
    replica = new Replica(store);
    const seen = recorder(replica);
    replica.subscribe(seen);
    // The first attempt applies the VPCs and some endpoints of its one batch, then meets a
    // document it cannot apply; the retry reads the store as it is (no such document).
    await replica.start();
    expect(store.attempts).toBe(2);
    expect(seen.endpoints.size).toBe(ENDPOINTS);
    expect(replica.count('endpoint')).toBe(ENDPOINTS);
  });
});

/** A memory store whose first snapshot holds, half way through, an endpoint no replica can apply. */
class UnreadableOnceSnapshotStore extends MemoryStore {
  attempts = 0;

  async streamSnapshot(): Promise<{ position: string; batches(): AsyncIterable<Change[]> }> {
    const snapshot = await this.snapshot();
    const changes: Change[] = [];
    snapshot.forEach((change) => changes.push(change));
    changes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'vpc' ? -1 : 1));
    if (this.attempts++ === 0) changes.splice(1000, 0, { kind: 'endpoint', id: 'ep-unreadable', doc: {} as Endpoint });
    return {
      position: snapshot.position,
      async *batches(): AsyncIterable<Change[]> {
        yield changes;
      },
    };
  }
}

/**
 * A memory store that also streams its snapshot in batches, as the Redis store does,
 * and whose first stream breaks after two batches (Redis going away mid-load).
 */
class FailingOnceSnapshotStore extends MemoryStore {
  private attempts = 0;
  private markFailed: () => void = () => undefined;
  readonly failed = new Promise<void>((resolve) => {
    this.markFailed = resolve;
  });

  async streamSnapshot(): Promise<{ position: string; batches(): AsyncIterable<Change[]> }> {
    const snapshot = await this.snapshot();
    const changes: Change[] = [];
    snapshot.forEach((change) => changes.push(change));
    changes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'vpc' ? -1 : 1));
    const breaks = this.attempts++ === 0;
    const markFailed = (): void => this.markFailed();
    return {
      position: snapshot.position,
      async *batches(): AsyncIterable<Change[]> {
        for (let i = 0; i < changes.length; i += 500) {
          if (breaks && i >= 1000) {
            markFailed();
            // Give the test its turn to change the store before the retry.
            await new Promise((resolve) => setTimeout(resolve, 50));
            throw new Error('connection lost mid-snapshot');
          }
          yield changes.slice(i, i + 500);
        }
      },
    };
  }
}

describe('Replica: the first load from Redis, streamed', () => {
  let redis: RedisServer;
  let replica: Replica | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    replica?.stop();
    await store?.close();
  });
  afterAll(async () => {
    await redis.destroy();
  });

  it('hands the snapshot over batch by batch as it is read, VPCs before endpoints', async () => {
    store = await openStore(redis.url);
    await fill(store);
    replica = new Replica(store);
    const early = recorder(replica);
    replica.subscribe(early);
    await replica.start();
    expectLoadedInOrder(early, replica);
    // Streamed: several batches, not one array at the end.
    expect(early.batches).toBeGreaterThan(2);
  });
});
