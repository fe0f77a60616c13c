import { describe, expect, it } from 'vitest';
import { nextDueOfEndpoint } from '../../src/model/transitions.js';
import type { VSwitch } from '../../src/model/types.js';
import { Replica } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Change, ChangeFollower, FollowHandlers } from '../../src/store/types.js';
import { serviceDoc } from '../control/fixtures.js';
import { endpointDoc } from './fixtures.js';

function vSwitchDoc(n: number, vpcId: string): VSwitch {
  return {
    vSwitchId: `vsw-${n}`,
    uid: '2222222222222222',
    regionId: 'cn-hangzhou',
    vpcId,
    zoneId: 'cn-hangzhou-h',
    vSwitchName: '',
    description: '',
    cidrBlock: `10.${n}.0.0/24`,
    ipv6CidrBlock: null,
    status: 'Available',
    createdAt: '2026-11-26T00:00:00Z',
    resourceGroupId: '',
  };
}

/** The answers the index gives, against the same answers found by walking every document. */
function expectIndexMatchesScan(replica: Replica): void {
  const services = new Set([...replica.values('endpoint')].map((e) => e.serviceId).concat(['epsrv-none']));
  for (const serviceId of services) {
    const scanned = [...replica.values('endpoint')].filter((e) => e.serviceId === serviceId).map((e) => e.endpointId);
    expect(replica.endpointIdsOfService(serviceId).sort(), serviceId).toEqual(scanned.sort());
  }
  const vpcs = new Set(
    [...replica.values('endpoint')]
      .map((e) => e.vpcId)
      .concat(
        [...replica.values('vSwitch')].map((v) => v.vpcId),
        ['vpc-none'],
      ),
  );
  for (const vpcId of vpcs) {
    expect(replica.endpointCountOfVpc(vpcId), vpcId).toBe([...replica.values('endpoint')].filter((e) => e.vpcId === vpcId).length);
    const scanned = [...replica.values('vSwitch')].filter((v) => v.vpcId === vpcId).map((v) => v.vSwitchId);
    expect(replica.vSwitchIdsOfVpc(vpcId).sort(), vpcId).toEqual(scanned.sort());
  }
  const dueEndpoints = [...replica.values('endpoint')].filter((e) => nextDueOfEndpoint(e) !== null).map((e) => e.endpointId);
  expect(replica.dueIds('endpoint').sort(), 'due endpoints').toEqual(dueEndpoints.sort());
  const dueServices = [...replica.values('service')].filter((s) => s.transitionDueAt !== null).map((s) => s.serviceId);
  expect(replica.dueIds('service').sort(), 'due services').toEqual(dueServices.sort());
}

/** A memory store that can hand the replica one batch it cannot apply (a forced resync). */
class PoisonableStore extends MemoryStore {
  poison = false;
  override follow(from: string, handlers: FollowHandlers): ChangeFollower {
    return super.follow(from, {
      ...handlers,
      onBatch: (batch) => {
        if (!this.poison) return handlers.onBatch(batch);
        this.poison = false;
        handlers.onBatch({ ...batch, changes: [{ kind: 'no-such-kind', id: 'x', doc: {} } as unknown as Change] });
      },
    });
  }
}

describe("the replica's dependents index (no fleet scans on API paths)", () => {
  it('answers as a walk over every document would, through loads, moves, deletes and a resync', async () => {
    const store = new PoisonableStore();
    await store.transact(async (tx) => {
      for (let n = 0; n < 40; n++) tx.put('endpoint', endpointDoc(n).endpointId, endpointDoc(n));
      for (let n = 0; n < 6; n++) tx.put('vSwitch', `vsw-${n}`, vSwitchDoc(n, `vpc-${n % 3}`));
      tx.put('service', 'epsrv-settled', serviceDoc({ serviceId: 'epsrv-settled' }));
      tx.put('service', 'epsrv-due', serviceDoc({ serviceId: 'epsrv-due', serviceStatus: 'Creating', transitionDueAt: 1_790_000_000_000 }));
    });
    const replica = new Replica(store);
    await replica.start();
    expectIndexMatchesScan(replica);
    expect(replica.endpointIdsOfService(endpointDoc(0).serviceId)).toHaveLength(6);
    expect(replica.dueIds('endpoint')).toHaveLength(14);
    expect(replica.dueIds('service')).toEqual(['epsrv-due']);

    // An endpoint moves to another service and VPC; one is deleted; a vSwitch moves.
    let { position } = await store.transact(async (tx) => {
      tx.put('endpoint', endpointDoc(1).endpointId, endpointDoc(1, { serviceId: 'epsrv-moved', vpcId: 'vpc-moved' }));
      tx.delete('endpoint', endpointDoc(2).endpointId);
      tx.put('vSwitch', 'vsw-0', vSwitchDoc(0, 'vpc-moved'));
      // Settled, and due through one zone only; the service settles.
      tx.put('endpoint', endpointDoc(3).endpointId, endpointDoc(3, { transitionDueAt: null }));
      const four = endpointDoc(4);
      tx.put('endpoint', four.endpointId, { ...four, zones: [{ ...four.zones[0]!, zoneStatus: 'Connecting', transitionDueAt: 5 }] });
      tx.put('service', 'epsrv-due', serviceDoc({ serviceId: 'epsrv-due' }));
    });
    await replica.waitFor(position!);
    expectIndexMatchesScan(replica);
    expect(replica.dueIds('endpoint')).toContain(endpointDoc(4).endpointId);
    expect(replica.dueIds('endpoint')).not.toContain(endpointDoc(3).endpointId);
    expect(replica.dueIds('service')).toEqual([]);
    expect(replica.endpointIdsOfService('epsrv-moved')).toEqual([endpointDoc(1).endpointId]);
    expect(replica.endpointCountOfVpc('vpc-moved')).toBe(1);

    // A batch the replica cannot apply: the resync's fresh state brings its own index.
    store.poison = true;
    ({ position } = await store.transact(async (tx) => {
      for (let n = 3; n < 10; n++) tx.delete('endpoint', endpointDoc(n).endpointId);
      tx.delete('vSwitch', 'vsw-1');
    }));
    await replica.waitFor(position!, 5_000);
    expect(replica.resyncs).toBe(1);
    expectIndexMatchesScan(replica);
    expect(replica.vSwitchIdsOfVpc('vpc-1')).toEqual(['vsw-4']);
  });
});
