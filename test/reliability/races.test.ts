import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type RPCClient from '@alicloud/pop-core';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { call, clientsFor, createActiveService, createNetwork, until } from '../helpers/scenario.js';
import { stopAll } from './support.js';

/**
 * "Races": two api processes on one Redis take hundreds of parallel
 * calls on the same resources — endpoints drawing addresses from one vSwitch,
 * taggings of one endpoint, deletes racing with both. Afterwards every call
 * either succeeded or failed with a cloud error Code (never a 500), and the
 * state is whole: no address handed out twice, every surviving endpoint
 * readable and consistent through both processes.
 */
describe('hundreds of parallel calls through two api processes', () => {
  let redis: RedisServer;
  let a: PlinkdProcess;
  let b: PlinkdProcess;

  beforeAll(async () => {
    redis = await startRedis();
    a = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, role: 'api' });
    b = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, role: 'api' });
  });
  afterAll(async () => {
    await stopAll([a, b]);
    await redis?.destroy();
  });

  type Outcome = { ok: true; value: Record<string, unknown> } | { ok: false; code: string; status: number };

  async function attempt(client: RPCClient, action: string, params: Record<string, unknown>): Promise<Outcome> {
    try {
      return { ok: true, value: await call(client, action, params) };
    } catch (err) {
      const e = err as { code?: unknown; entry?: { response?: { statusCode?: unknown } } };
      if (typeof e.code !== 'string') throw err;
      return { ok: false, code: e.code, status: Number(e.entry?.response?.statusCode) };
    }
  }

  it('leaves no corrupt state and no address allocated twice', async () => {
    const provider = clientsFor(a.apiUrl, 'provider');
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const consumers = [clientsFor(a.apiUrl, 'consumer'), clientsFor(b.apiUrl, 'consumer')];
    const network = await createNetwork(consumers[0]!, 40, ['cn-hangzhou-h']);
    const create = (i: number): Promise<Outcome> =>
      attempt(consumers[i % 2]!.privatelink, 'CreateVpcEndpoint', {
        VpcId: network.vpcId,
        ServiceId: serviceId,
        'SecurityGroupId.1': 'sg-race',
        'Zone.1.ZoneId': 'cn-hangzhou-h',
        'Zone.1.VSwitchId': network.vSwitches['cn-hangzhou-h'],
        EndpointName: `race-${i}`,
      });

    const first = await Promise.all(Array.from({ length: 120 }, (_, i) => create(i)));
    const created = first.flatMap((o) => (o.ok ? [String(o.value['EndpointId'])] : []));
    expect(created.length).toBeGreaterThan(0);
    const target = created[0]!;
    const second = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) => create(1000 + i)),
      // 60 taggings of one endpoint, 15 distinct keys: a lost update would lose a key.
      ...Array.from({ length: 60 }, (_, i) =>
        attempt(consumers[i % 2]!.privatelink, 'TagResources', {
          ResourceType: 'VpcEndpoint',
          'ResourceId.1': target,
          'Tag.1.Key': `k${i % 15}`,
          'Tag.1.Value': `v${i}`,
        }),
      ),
      ...created.slice(1, 31).map((id, i) => attempt(consumers[i % 2]!.privatelink, 'DeleteVpcEndpoint', { EndpointId: id })),
    ]);

    for (const outcome of [...first, ...second]) {
      if (outcome.ok) continue;
      expect(outcome.code, JSON.stringify(outcome)).toMatch(/^[A-Z][A-Za-z]+(\.[A-Za-z]+)*$/);
      expect(outcome.code).not.toBe('InternalError');
      expect(outcome.status).toBeLessThan(500);
    }

    // Once deletes have finished, what is left is readable alike through both processes.
    const listAll = async (client: RPCClient): Promise<Array<Record<string, unknown>>> =>
      ((await call(client, 'ListVpcEndpoints', { MaxResults: 1000 })) as { Endpoints: Array<Record<string, unknown>> }).Endpoints;
    const settled = await until(
      () => listAll(consumers[0]!.privatelink),
      (list) => list.every((e) => e['EndpointStatus'] === 'Active' && e['ConnectionStatus'] === 'Connected'),
      20_000,
    );
    const viaB = await until(
      () => listAll(consumers[1]!.privatelink),
      (list) => list.length === settled.length,
    );
    expect(viaB.map((e) => e['EndpointId']).sort()).toEqual(settled.map((e) => e['EndpointId']).sort());

    const addresses: string[] = [];
    for (const endpoint of settled) {
      const zones = (await call(consumers[1]!.privatelink, 'ListVpcEndpointZones', { EndpointId: endpoint['EndpointId'] })) as {
        Zones: Array<{ EniIp: string; ZoneStatus: string }>;
      };
      expect(zones.Zones).toHaveLength(1);
      addresses.push(zones.Zones[0]!.EniIp);
    }
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const address of addresses) expect(address).toMatch(/^10\.40\.0\.\d+$/);

    const tags = (await call(consumers[0]!.privatelink, 'ListTagResources', { ResourceType: 'VpcEndpoint', 'ResourceId.1': target })) as {
      TagResources: Array<{ TagKey: string; TagValue: string }>;
    };
    const tagged = second.slice(60, 120);
    const keysTagged = new Set(tagged.flatMap((o, i) => (o.ok ? [`k${i % 15}`] : [])));
    expect(new Set(tags.TagResources.map((t) => t.TagKey))).toEqual(keysTagged);
    expect(keysTagged.size).toBeGreaterThan(0);
    // Each key holds the value of one of the calls that set it.
    for (const { TagKey, TagValue } of tags.TagResources) expect(Number(TagValue.slice(1)) % 15).toBe(Number(TagKey.slice(1)));
  });
});
