import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, errorCodeOf } from '../helpers/cloud.js';
import { dig, kdig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork, until } from '../helpers/scenario.js';

/**
 * Issue 2's "done when": cloud API → DNS answer, on both stores; on Redis the
 * state survives a restart of plinkd; deleting the endpoint makes its names NXDOMAIN.
 */
describe.each(['memory', 'redis'] as const)('walking skeleton on the %s store', (storeKind) => {
  let redis: RedisServer | undefined;
  let plinkd: PlinkdProcess;
  let store = 'memory';

  beforeAll(async () => {
    if (storeKind === 'redis') {
      redis = await startRedis({ appendonly: true });
      store = redis.url;
    }
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, store });
  });
  afterAll(async () => {
    await plinkd.stop();
    await redis?.destroy();
  });

  const target = (): { host: string; port: number } => ({ host: plinkd.dnsHost, port: plinkd.dnsPort });

  it('serves SOA and NS at the region apex with AA', async () => {
    const soa = await dig(target(), ['cn-hangzhou.privatelink.aliyuncs.com', 'SOA']);
    expect(soa.status).toBe('NOERROR');
    expect(soa.flags).toContain('aa');
    expect(soa.answer[0]?.type).toBe('SOA');
    const ns = await kdig(target(), ['cn-hangzhou.privatelink.aliyuncs.com', 'NS']);
    expect(ns.answer.map((r) => r.data)).toEqual(['ns1.cn-hangzhou.privatelink.aliyuncs.com.']);
  });

  it('answers the endpoint names created through the API, then NXDOMAIN once deleted', async () => {
    const provider = clientsFor(plinkd.apiUrl, 'provider');
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const network = await createNetwork(consumer, 7);
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const { endpointId, endpointDomain } = await createConnectedEndpoint(consumer, network, serviceId);

    const regionWide = await dig(target(), [endpointDomain, 'A']);
    expect(regionWide.status).toBe('NOERROR');
    expect(regionWide.flags).toContain('aa');
    expect(regionWide.answer.map((r) => r.data).sort()).toEqual(['10.7.0.1', '10.7.1.1', '10.7.2.1']);

    const zonal = await kdig(target(), [`${endpointId}-cn-hangzhou-i.${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`, 'A']);
    expect(zonal.answer.map((r) => r.data)).toEqual(['10.7.1.1']);

    // The question is echoed as asked.
    const shouted = await dig(target(), [endpointDomain.toUpperCase(), 'A']);
    expect(shouted.question[0]?.name).toBe(`${endpointDomain.toUpperCase()}.`);
    expect(shouted.answer).toHaveLength(3);

    // The service domain is an empty non-terminal: NODATA with the SOA.
    const service = await dig(target(), [`${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`, 'A']);
    expect(service.status).toBe('NOERROR');
    expect(service.answer).toHaveLength(0);
    expect(service.authority[0]?.type).toBe('SOA');

    // NODATA for another type at an existing name, NXDOMAIN for a missing one, REFUSED outside.
    expect((await dig(target(), [endpointDomain, 'TXT'])).status).toBe('NOERROR');
    const missing = await dig(target(), [`ep-missing.${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`, 'A']);
    expect(missing.status).toBe('NXDOMAIN');
    expect(missing.authority[0]?.type).toBe('SOA');
    expect((await dig(target(), ['www.example.com', 'A'])).status).toBe('REFUSED');

    if (storeKind === 'redis') {
      // kill -9 and start again on the same store and ports: nothing acknowledged is lost.
      await plinkd.stop(true);
      plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, store, apiPort: plinkd.apiPort, dnsPort: plinkd.dnsPort });
      const afterRestart = await dig(target(), [endpointDomain, 'A']);
      expect(afterRestart.answer.map((r) => r.data).sort()).toEqual(['10.7.0.1', '10.7.1.1', '10.7.2.1']);
      const attributes = await call(clientsFor(plinkd.apiUrl, 'consumer').privatelink, 'GetVpcEndpointAttribute', {
        EndpointId: endpointId,
      });
      expect(attributes['ConnectionStatus']).toBe('Connected');
    }

    const consumerNow = clientsFor(plinkd.apiUrl, 'consumer');
    await call(consumerNow.privatelink, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    const gone = await until(
      () => dig(target(), [endpointDomain, 'A']),
      (r) => r.status === 'NXDOMAIN',
    );
    expect(gone.authority[0]?.type).toBe('SOA');
    expect((await dig(target(), [`${endpointId}-cn-hangzhou-h.${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`, 'A'])).status).toBe(
      'NXDOMAIN',
    );
    await until(
      () => errorCodeOf(call(consumerNow.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpointId })).catch(() => 'exists'),
      (code) => code === 'EndpointNotFound',
    );
  });

  it('shuts down cleanly on SIGTERM: sockets and store closed, exit code 0', async () => {
    expect(await plinkd.stop()).toBe(0);
    expect(plinkd.output()).toMatch(/"msg":"stopped"/);
  });
});
