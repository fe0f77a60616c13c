import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedisCluster, type RedisCluster } from '../helpers/redis-cluster.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork, until } from '../helpers/scenario.js';

/**
 * docs/architecture.md "Redis Cluster (`--store redis-cluster://h1:p1,h2:p2,…`)": the cloud
 * API on one process, DNS answered by another, both on a real 3-master cluster.
 */
describe('plinkd on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let api: PlinkdProcess;
  let dns: PlinkdProcess;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    api = await startPlinkd({ store: cluster.url, accessKeys: ACCESS_KEYS, role: 'api' });
    dns = await startPlinkd({ store: cluster.url, role: 'dns' });
  });
  afterAll(async () => {
    await api?.stop();
    await dns?.stop();
    await cluster?.destroy();
  });

  it('answers in DNS what the API created, and forgets it once deleted', async () => {
    const provider = clientsFor(api.apiUrl, 'provider');
    const consumer = clientsFor(api.apiUrl, 'consumer');
    const network = await createNetwork(consumer, 9);
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const { endpointId, endpointDomain } = await createConnectedEndpoint(consumer, network, serviceId);

    const target = { host: dns.dnsHost, port: dns.dnsPort };
    const answered = await until(
      () => dig(target, [endpointDomain, 'A']),
      (r) => r.answer.length === 3,
    );
    expect(answered.flags).toContain('aa');
    expect(answered.answer.map((r) => r.data).sort()).toEqual(['10.9.0.1', '10.9.1.1', '10.9.2.1']);

    await call(consumer.privatelink, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    const gone = await until(
      () => dig(target, [endpointDomain, 'A']),
      (r) => r.status === 'NXDOMAIN',
    );
    expect(gone.authority[0]?.type).toBe('SOA');

    const health = (await (await fetch(`${dns.apiUrl}/healthz`)).json()) as { status: string; store: { kind: string } };
    expect(health).toMatchObject({ status: 'ok', store: { kind: 'redis-cluster' } });
  });
});
