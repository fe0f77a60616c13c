import { expect } from 'vitest';
import type { Vpc } from '../../src/model/types.js';
import type { Replica } from '../../src/replica/replica.js';
import { KINDS, type Store } from '../../src/store/types.js';

/**
 * Documents and checks shared by the store and replica tests: one VPC document
 * of the stored shape, a write loop, and the "replica equals the store" check.
 */

export function vpcDocument(id: string, description = '', uid = '1000000000000001'): Vpc {
  return {
    vpcId: id,
    uid,
    regionId: 'cn-hangzhou',
    vpcName: id,
    description,
    cidrBlock: '10.0.0.0/8',
    ipv6CidrBlock: null,
    status: 'Available',
    createdAt: '2026-11-25T00:00:00Z',
    resourceGroupId: '',
    dependents: {},
  };
}

/**
 * Writes `count` batches over `modulus` VPC ids — a put each, a delete every
 * `deleteEvery`-th — and returns the last position.
 */
export async function writeVpcBatches(store: Store, from: number, count: number, modulus: number, deleteEvery: number): Promise<string> {
  let last = '';
  for (let i = from; i < from + count; i++) {
    const { position } = await store.transact(async (tx) => {
      tx.put('vpc', `vpc-${i % modulus}`, vpcDocument(`vpc-${i % modulus}`, `write ${i}`));
      if (i % deleteEvery === 0) tx.delete('vpc', `vpc-${(i * 3) % modulus}`);
    });
    last = position ?? last;
  }
  return last;
}

/** Every document of every kind equal in the replica and the store, nothing else in the replica; returns how many. */
export async function expectReplicaEqualsStore(store: Store, replica: Replica): Promise<number> {
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
