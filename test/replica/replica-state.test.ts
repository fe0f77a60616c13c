import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/model/types.js';
import { ReplicaState } from '../../src/replica/replica-state.js';
import { StringPool } from '../../src/replica/string-pool.js';
import type { Change } from '../../src/store/types.js';
import { endpointDoc } from './fixtures.js';

const put = (doc: Endpoint): Change => ({ kind: 'endpoint', id: doc.endpointId, doc });
const drop = (id: string): Change => ({ kind: 'endpoint', id, doc: null });

describe('ReplicaState over packed documents', () => {
  it('answers get, values, ownedBy and count as the documents applied', () => {
    const state = new ReplicaState();
    const docs = Array.from({ length: 20 }, (_, n) => endpointDoc(n, n % 4 === 0 ? { uid: '3333333333333333' } : {}));
    for (const doc of docs) expect(state.apply(put(doc))).toBeUndefined();
    expect(state.count('endpoint')).toBe(20);
    expect(state.get('endpoint', docs[3]!.endpointId)).toEqual(docs[3]);
    expect([...state.values('endpoint')].sort((a, b) => a.endpointId.localeCompare(b.endpointId))).toEqual(docs);
    expect(
      state
        .ownedBy('endpoint', '3333333333333333')
        .map((d) => d.endpointId)
        .sort(),
    ).toEqual(docs.filter((_, n) => n % 4 === 0).map((d) => d.endpointId));
    expect(state.get('endpoint', 'ep-missing')).toBeUndefined();
  });

  it('returns the replaced document and moves it between owners', () => {
    const state = new ReplicaState();
    const before = endpointDoc(1);
    state.apply(put(before));
    const after = { ...before, uid: '3333333333333333', endpointStatus: 'Deleting' as const };
    expect(state.apply(put(after))).toEqual(before);
    expect(state.ownedBy('endpoint', before.uid)).toEqual([]);
    expect(state.ownedBy('endpoint', '3333333333333333')).toEqual([after]);
    expect(state.apply(drop(before.endpointId))).toEqual(after);
    expect(state.count('endpoint')).toBe(0);
  });

  it('gives every pool entry back once its documents are gone', () => {
    const pool = new StringPool();
    const state = new ReplicaState(pool);
    for (let n = 0; n < 30; n++) state.apply(put(endpointDoc(n)));
    for (let n = 0; n < 30; n += 2) state.apply(put(endpointDoc(n, { vpcId: 'vpc-moved', endpointStatus: 'Pending' })));
    expect(pool.size).toBeGreaterThan(0);
    for (let n = 0; n < 30; n++) state.apply(drop(endpointDoc(n).endpointId));
    expect(pool.size).toBe(0);
  });

  it('diffs two states of one replica into exactly the changed documents', () => {
    const pool = new StringPool();
    const old = new ReplicaState(pool);
    const next = new ReplicaState(pool);
    for (let n = 0; n < 10; n++) old.apply(put(endpointDoc(n)));
    for (let n = 1; n < 12; n++) next.apply(put(n === 5 ? endpointDoc(5, { endpointStatus: 'Deleting' }) : endpointDoc(n)));
    const diff = old.diffTo(next);
    const summary = diff.map(({ change, previous }) => [
      change.id,
      change.doc === null ? 'deleted' : (change.doc as Endpoint).endpointStatus,
      previous === undefined ? 'new' : 'had',
    ]);
    expect(summary.sort()).toEqual(
      [
        [endpointDoc(0).endpointId, 'deleted', 'had'],
        [endpointDoc(5).endpointId, 'Deleting', 'had'],
        [endpointDoc(10).endpointId, 'Active', 'new'],
        [endpointDoc(11).endpointId, 'Active', 'new'],
      ].sort(),
    );
    old.dispose();
    expect(next.get('endpoint', endpointDoc(7).endpointId)).toEqual(endpointDoc(7));
  });

  it('replays its content as changes that decode on read, and refuses a read after the document moved on', () => {
    const state = new ReplicaState();
    const doc = endpointDoc(4);
    state.apply(put(doc));
    const [replayed] = [...state.asChanges()];
    expect(replayed!.change.doc).toEqual(doc);
    const [stale] = [...state.asChanges()];
    state.apply(put({ ...doc, endpointStatus: 'Deleting' }));
    expect(() => stale!.change.doc).toThrow(/moved on/);
  });
});
