import { afterEach, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/model/types.js';
import { Replica, type AppliedChange } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { endpointDoc } from './fixtures.js';

/** Records the endpoint documents a subscriber was handed, and the objects themselves. */
function recorder(): { onChanges(applied: readonly AppliedChange[]): void; docs: Endpoint[]; batches: number } {
  const seen = { docs: [] as Endpoint[], batches: 0, onChanges: (applied: readonly AppliedChange[]) => {} };
  seen.onChanges = (applied) => {
    seen.batches += 1;
    for (const { change } of applied) if (change.kind === 'endpoint' && change.doc !== null) seen.docs.push(change.doc);
  };
  return seen;
}

describe('Replica.subscribeTogether: one replay for several subscribers', () => {
  let replica: Replica | undefined;
  afterEach(() => replica?.stop());

  it('replays after the attach function, once, the same decoded documents to every subscriber', async () => {
    const store = new MemoryStore();
    await store.transact(async (tx) => {
      for (let n = 0; n < 2500; n++) tx.put('endpoint', endpointDoc(n).endpointId, endpointDoc(n));
    });
    replica = new Replica(store);
    await replica.start();
    const first = recorder();
    const second = recorder();
    const r = replica;
    const returned = r.subscribeTogether(() => {
      r.subscribe(first);
      // Nothing is replayed while attaching.
      expect(first.docs).toHaveLength(0);
      r.subscribe(second);
      return 'attached';
    });
    expect(returned).toBe('attached');
    expect(first.docs).toHaveLength(2500);
    expect(second.docs).toHaveLength(2500);
    // Several batches (a big replica is not handed over as one array)…
    expect(first.batches).toBeGreaterThan(1);
    // …and each document decoded once: both subscribers read the very same object.
    for (let i = 0; i < 2500; i++) expect(second.docs[i]).toBe(first.docs[i]);
    expect(JSON.stringify(first.docs[7])).toBe(JSON.stringify(replica.get('endpoint', first.docs[7]!.endpointId)));

    // Afterwards both follow the stream like any subscriber.
    await store.transact(async (tx) => tx.put('endpoint', endpointDoc(9999).endpointId, endpointDoc(9999)));
    const deadline = Date.now() + 5000;
    while (second.docs.length < 2501 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(first.docs.at(-1)?.endpointId).toBe(endpointDoc(9999).endpointId);
    expect(second.docs.at(-1)?.endpointId).toBe(endpointDoc(9999).endpointId);
  });

  it('a plain subscribe outside it still replays at once', async () => {
    const store = new MemoryStore();
    await store.transact(async (tx) => tx.put('endpoint', endpointDoc(1).endpointId, endpointDoc(1)));
    replica = new Replica(store);
    await replica.start();
    const alone = recorder();
    replica.subscribe(alone);
    expect(alone.docs.map((d) => d.endpointId)).toEqual([endpointDoc(1).endpointId]);
  });
});
