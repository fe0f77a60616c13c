import { afterEach, describe, expect, it } from 'vitest';
import { Plane } from '../../src/control/plane.js';
import { Reconciler } from '../../src/control/reconciler.js';
import { createLogger } from '../../src/log/logger.js';
import { Replica } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { endpointDoc, serviceDoc, zoneDoc } from './fixtures.js';

/** The reconciler against a real memory store and replica, with a clock the test moves. */
describe('Reconciler', () => {
  const running: Array<() => void> = [];
  afterEach(() => {
    for (const stop of running.splice(0)) stop();
  });

  async function setup(
    now: () => number,
    delay = 50,
    before?: (store: MemoryStore) => Promise<unknown>,
    watch?: (replica: Replica) => void,
  ): Promise<{ plane: Plane; store: MemoryStore; replica: Replica }> {
    const store = new MemoryStore();
    await before?.(store);
    const replica = new Replica(store);
    await replica.start();
    watch?.(replica);
    const plane = new Plane(
      store,
      replica,
      {
        regions: [{ regionId: 'cn-hangzhou', zoneIds: ['cn-hangzhou-h'] }],
        domainSuffix: 'privatelink.aliyuncs.com',
        transitionDelayMs: delay,
      },
      now,
    );
    const reconciler = new Reconciler(
      plane,
      createLogger('error', () => undefined),
    );
    reconciler.start();
    running.push(
      () => reconciler.stop(),
      () => replica.stop(),
    );
    return { plane, store, replica };
  }

  const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('keeps a transition going when its timer fires before the due time by the plane clock', async () => {
    let clock = 1_000_000;
    const { plane, replica } = await setup(() => clock);
    await plane.write(async (tx) =>
      tx.put('service', 'epsrv-test', serviceDoc({ serviceStatus: 'Creating', transitionDueAt: clock + 50 })),
    );
    // The timer fires after ~50 ms of real time, but the plane clock has not moved: not due yet.
    await settle(120);
    expect(replica.get('service', 'epsrv-test')?.serviceStatus).toBe('Creating');
    clock += 50;
    await settle(150);
    expect(replica.get('service', 'epsrv-test')?.serviceStatus).toBe('Active');
  });

  it.each([
    // As stores written before the address ranges hold it: read as ranges, written back as ranges.
    ['the legacy form', { vSwitchId: 'vsw-h', v4: { '10.0.0.1': 'eni-h', '10.0.0.2': 'eni-x' }, v6: {} }, null, ''],
    ['ranges', { vSwitchId: 'vsw-h', v4Ranges: '10.0.0.1-10.0.0.2', v6Ranges: '' }, null, ''],
    [
      'the legacy form, with IPv6 entries',
      {
        vSwitchId: 'vsw-h',
        v4: { '10.0.0.1': 'eni-h', '10.0.0.2': 'eni-x' },
        v6: { '2408:4005:1:1::1': 'eni-h', '2408:4005:1:1::2': 'eni-x' },
      },
      '2408:4005:1:1::1',
      '2408:4005:1:1::2',
    ],
  ])(
    'drives an endpoint from Creating to Connected, binding its zone, and deletes it releasing its addresses (allocation in %s)',
    async (_form, allocation, zoneIpv6Address, v6Left) => {
      const { plane, replica } = await setup(Date.now, 0);
      await plane.write(async (tx) => {
        tx.put('service', 'epsrv-test', serviceDoc());
        tx.put('ipAllocation', 'vsw-h', allocation);
        tx.put(
          'endpoint',
          'ep-test',
          endpointDoc({
            endpointStatus: 'Creating',
            connectionStatus: 'Disconnected',
            transitionDueAt: Date.now(),
            zones: [zoneDoc('cn-hangzhou-h', { zoneStatus: 'Creating', transitionDueAt: Date.now(), zoneIpv6Address })],
          }),
        );
      });
      await settle(100);
      expect(replica.get('endpoint', 'ep-test')).toMatchObject({
        endpointStatus: 'Active',
        connectionStatus: 'Connected',
        zones: [{ zoneStatus: 'Connected', resourceId: 'nlb-h1' }],
      });
      await plane.write(async (tx) => {
        const endpoint = (await tx.get('endpoint', 'ep-test'))!;
        tx.put('endpoint', 'ep-test', {
          ...endpoint,
          endpointStatus: 'Deleting',
          connectionStatus: 'Deleting',
          transitionDueAt: Date.now(),
        });
      });
      await settle(100);
      expect(replica.get('endpoint', 'ep-test')).toBeUndefined();
      expect(replica.get('ipAllocation', 'vsw-h')).toEqual({ vSwitchId: 'vsw-h', v4Ranges: '10.0.0.2', v6Ranges: v6Left });
    },
  );

  it('a reconciler taking over finishes what was already due, reading only the due documents', async () => {
    const due = Date.now() + 30;
    const read: string[] = [];
    const { replica } = await setup(
      Date.now,
      0,
      (store) =>
        store.transact(async (tx) => {
          tx.put('service', 'epsrv-test', serviceDoc({ serviceStatus: 'Creating', transitionDueAt: due }));
          tx.put('service', 'epsrv-settled', serviceDoc({ serviceId: 'epsrv-settled' }));
          tx.put('endpoint', 'ep-settled', endpointDoc({ endpointId: 'ep-settled', serviceId: 'epsrv-settled' }));
          tx.put(
            'endpoint',
            'ep-test',
            endpointDoc({ zones: [zoneDoc('cn-hangzhou-h', { zoneStatus: 'Connecting', transitionDueAt: due })] }),
          );
        }),
      (ready) => {
        const get = ready.get.bind(ready);
        ready.get = ((kind, id) => {
          read.push(`${kind}/${id}`);
          return get(kind, id);
        }) as Replica['get'];
        // What a subscriber is handed (a replay of the content would hand over the settled ones too).
        const subscribe = ready.subscribe.bind(ready);
        ready.subscribe = (subscriber, options) =>
          subscribe(
            {
              onChanges: (applied) => {
                for (const { change } of applied) read.push(`change ${change.kind}/${change.id}`);
                subscriber.onChanges(applied);
              },
            },
            options,
          );
        const values = ready.values.bind(ready);
        ready.values = ((kind) => {
          read.push(`all ${kind}`);
          return values(kind);
        }) as Replica['values'];
      },
    );
    // Started in setup() on a replica that already held all four documents.
    await settle(150);
    expect(replica.get('service', 'epsrv-test')?.serviceStatus).toBe('Active');
    expect(replica.get('endpoint', 'ep-test')?.zones[0]?.zoneStatus).toBe('Connected');
    expect(read.filter((r) => r.includes('settled'))).toEqual([]);
  });

  it('deleting a service marks its disconnected endpoints ServiceDeleted in the same step', async () => {
    const { plane, replica } = await setup(Date.now, 0);
    await plane.write(async (tx) => {
      tx.put('service', 'epsrv-test', serviceDoc({ serviceStatus: 'Deleting', resources: [], transitionDueAt: Date.now() + 30 }));
      tx.put(
        'endpoint',
        'ep-test',
        endpointDoc({ connectionStatus: 'Disconnected', zones: [zoneDoc('cn-hangzhou-h', { zoneStatus: 'Wait' })] }),
      );
    });
    await settle(120);
    expect(replica.get('service', 'epsrv-test')).toBeUndefined();
    expect(replica.get('endpoint', 'ep-test')).toMatchObject({ connectionStatus: 'ServiceDeleted', zones: [{ zoneStatus: 'Wait' }] });
  });
});
