import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { failure } from '../api/conveniences/stack.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork, until } from '../helpers/scenario.js';
import { API_TOKEN, authorize, health, metric, stopAll } from './support.js';

const LEASE_TTL_MS = 1500;

/**
 * docs/architecture.md roles: two api and two dns processes on one Redis. Whatever either
 * api process changes, both dns processes answer; exactly one api process runs
 * the reconciler (the lease), and when it is killed the other takes over.
 */
describe('two api and two dns processes on one Redis', () => {
  let redis: RedisServer;
  const apis: PlinkdProcess[] = [];
  const dnses: PlinkdProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const common = {
      store: redis.url,
      accessKeys: ACCESS_KEYS,
      apiTokens: API_TOKEN,
      transitionDelayMs: 100,
      extraArgs: ['--lease-ttl', String(LEASE_TTL_MS)],
    };
    for (let i = 0; i < 2; i++) apis.push(await startPlinkd({ ...common, role: 'api' }));
    for (let i = 0; i < 2; i++) dnses.push(await startPlinkd({ ...common, role: 'dns' }));
  });
  afterAll(async () => {
    await stopAll([...apis, ...dnses]);
    await redis?.destroy();
  });

  const leaders = async (alive: readonly PlinkdProcess[]): Promise<boolean[]> =>
    Promise.all(alive.map(async (p) => (await health(p.apiUrl)).body.reconciler?.leader === true));

  it('gives the reconciler lease to exactly one api process', async () => {
    await until(
      () => leaders(apis),
      (l) => l.filter(Boolean).length === 1,
    );
    // It stays that way across several renewals.
    for (let i = 0; i < 6; i++) {
      expect((await leaders(apis)).filter(Boolean)).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, LEASE_TTL_MS / 3));
    }
    const gauges = await Promise.all(apis.map((p) => metric(p.apiUrl, 'plinkd_reconciler_leader')));
    expect(gauges.sort()).toEqual([0, 1]);
  });

  it('answers in both dns processes what either api process changed', async () => {
    const [a, b] = apis as [PlinkdProcess, PlinkdProcess];
    const providerA = clientsFor(a.apiUrl, 'provider');
    const consumerB = clientsFor(b.apiUrl, 'consumer');
    const serviceId = await createActiveService(providerA);
    await call(providerA.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const network = await createNetwork(consumerB, 11, ['cn-hangzhou-h']);
    const viaB = await createConnectedEndpoint(consumerB, network, serviceId, ['cn-hangzhou-h']);
    const viaA = await createConnectedEndpoint(clientsFor(a.apiUrl, 'consumer'), network, serviceId, ['cn-hangzhou-h']);
    for (const dns of dnses) {
      for (const endpoint of [viaA, viaB]) {
        const answer = await until(
          () => dig({ host: dns.dnsHost, port: dns.dnsPort }, [endpoint.endpointDomain, 'A']),
          (r) => r.answer.length === 1,
        );
        expect(answer.answer[0]?.data).toMatch(/^10\.11\.0\.\d+$/);
        // The policy API answers from the dns process's own replica.
        expect(await authorize(dns.apiUrl, endpoint.endpointId)).toEqual({
          status: 200,
          body: { decision: 'Allow', statement: 0, sid: null },
        });
      }
    }
  });

  it('never answers the cloud API from a dns process', async () => {
    const dns = dnses[0]!;
    const refused = await failure(call(clientsFor(dns.apiUrl, 'consumer').vpc, 'DescribeVpcs'));
    expect(refused).toMatchObject({ code: 'RoleNotServed', status: 404 });
    expect(refused.message).toMatch(/--role api/);
    const healthz = await health(dns.apiUrl);
    expect(healthz).toMatchObject({ status: 200, body: { status: 'ok', role: 'dns' } });
    expect(healthz.body.reconciler).toBeUndefined();
    expect(await metric(dns.apiUrl, 'plinkd_store_up')).toBe(1);
  });

  it('hands the reconciler to the other api process when the holder is killed', async () => {
    const flags = await leaders(apis);
    const holder = apis[flags.indexOf(true)]!;
    const survivor = apis[flags.indexOf(false)]!;
    await holder.stop(true);

    const provider = clientsFor(survivor.apiUrl, 'provider');
    const consumer = clientsFor(survivor.apiUrl, 'consumer');
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const network = await createNetwork(consumer, 12, ['cn-hangzhou-i']);
    // Created after the kill: only a reconciler that took over can connect it.
    const endpoint = await createConnectedEndpoint(consumer, network, serviceId, ['cn-hangzhou-i']);
    expect((await health(survivor.apiUrl)).body.reconciler?.leader).toBe(true);
    for (const dns of dnses) {
      const answer = await until(
        () => dig({ host: dns.dnsHost, port: dns.dnsPort }, [endpoint.endpointDomain, 'A']),
        (r) => r.answer.length === 1,
      );
      expect(answer.answer[0]?.data).toMatch(/^10\.12\.0\.\d+$/);
    }
  });
});
