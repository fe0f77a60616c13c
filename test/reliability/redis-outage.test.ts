import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../api/conveniences/stack.js';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork, until, type Clients } from '../helpers/scenario.js';
import { startDnsLoad } from './dns-load.js';
import { health, metric, sleep, stopAll } from './support.js';

/**
 * docs/reliability.md "Redis down": a real redis-server (AOF on) is killed and started
 * again under a steady DNS query load. DNS never misses a beat; health and
 * metrics say what is wrong; the API refuses with 503 ServiceUnavailable and
 * changes nothing; and once Redis is back everything works again without a
 * restart of plinkd.
 */
describe('a Redis outage under DNS load', () => {
  let redis: RedisServer;
  let api: PlinkdProcess;
  let dns: PlinkdProcess;
  let provider: Clients;
  let consumer: Clients;

  beforeAll(async () => {
    redis = await startRedis({ appendonly: true });
    api = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, role: 'api', transitionDelayMs: 50 });
    dns = await startPlinkd({ store: redis.url, role: 'dns' });
    provider = clientsFor(api.apiUrl, 'provider');
    consumer = clientsFor(api.apiUrl, 'consumer');
  });
  afterAll(async () => {
    await stopAll([api, dns]);
    await redis?.destroy();
  });

  async function vpcNames(): Promise<string[]> {
    const listed = (await call(consumer.vpc, 'DescribeVpcs', { PageSize: 50 })) as { Vpcs: { Vpc: Array<{ VpcName: string }> } };
    return listed.Vpcs.Vpc.map((v) => v.VpcName);
  }

  it('keeps answering DNS, reports degraded, refuses API calls with 503, and recovers by itself', async () => {
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const network = await createNetwork(consumer, 20, ['cn-hangzhou-h']);
    const before = await createConnectedEndpoint(consumer, network, serviceId, ['cn-hangzhou-h']);
    const target = { host: dns.dnsHost, port: dns.dnsPort };
    const first = await until(
      () => dig(target, [before.endpointDomain, 'A']),
      (r) => r.answer.length === 1,
    );
    const address = first.answer[0]!.data;
    const vpcsBefore = await vpcNames();

    const load = startDnsLoad({
      host: dns.dnsHost,
      port: dns.dnsPort,
      name: before.endpointDomain,
      expected: [address],
      intervalMs: 2,
      maxQueries: 20_000,
      maxDurationMs: 40_000,
    });
    await sleep(300);
    await redis.stop(true);

    await until(
      () => health(dns.apiUrl),
      (h) => h.body.status === 'degraded',
      10_000,
    );
    expect(await health(dns.apiUrl)).toMatchObject({ status: 200, body: { status: 'degraded', store: { health: 'unavailable' } } });
    await until(
      () => health(api.apiUrl),
      (h) => h.status === 503,
      10_000,
    );
    expect((await health(api.apiUrl)).body.status).toBe('degraded');
    expect(await metric(dns.apiUrl, 'plinkd_store_up')).toBe(0);
    expect(await metric(api.apiUrl, 'plinkd_store_up')).toBe(0);

    const refused = await failure(call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.21.0.0/16', VpcName: 'during-outage' }));
    expect(refused).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
    expect((await failure(call(consumer.privatelink, 'DeleteVpcEndpoint', { EndpointId: before.endpointId }))).code).toBe(
      'ServiceUnavailable',
    );
    await sleep(1000);

    await redis.restart();
    await until(
      () => health(dns.apiUrl),
      (h) => h.status === 200 && h.body.status === 'ok',
      15_000,
    );
    await until(
      () => health(api.apiUrl),
      (h) => h.status === 200 && h.body.status === 'ok',
      15_000,
    );
    expect(await metric(dns.apiUrl, 'plinkd_store_up')).toBe(1);
    await sleep(300);
    const result = await load.stop();

    expect(result.failed).toEqual([]);
    expect(result.sent).toBeGreaterThan(500);
    expect(result.answered).toBe(result.sent);

    // Nothing the refused calls asked for happened.
    expect(await vpcNames()).toEqual(vpcsBefore);
    expect((await dig(target, [before.endpointDomain, 'A'])).answer).toHaveLength(1);

    // The API, the reconciler and the dns replica all work again.
    const after = await until(
      () => createConnectedEndpoint(consumer, network, serviceId, ['cn-hangzhou-h']).catch(() => undefined),
      (created) => created !== undefined,
      15_000,
    );
    const answered = await until(
      () => dig(target, [after!.endpointDomain, 'A']),
      (r) => r.answer.length === 1,
    );
    expect(answered.answer[0]?.data).toMatch(/^10\.20\.0\.\d+$/);

    // Each process, the DNS-only one too, logged the outage once and the return once, with the reason.
    for (const process of [api, dns]) {
      const lines = process.output().split('\n');
      const down = lines.filter((l) => l.includes('"msg":"store unavailable; serving what the replica holds"'));
      const up = lines.filter((l) => l.includes('"msg":"store available again"'));
      expect(down, process.output()).toHaveLength(1);
      expect(down[0]).toMatch(/"err":/);
      expect(up, process.output()).toHaveLength(1);
    }
    // Resumed, not reloaded: the counter exists per reason, at 0; and once idle the lag is 0.
    const text = await (await fetch(`${dns.apiUrl}/metrics`)).text();
    expect(text).toContain('# TYPE plinkd_replica_resyncs_total counter');
    expect(await metric(dns.apiUrl, 'plinkd_replica_resyncs_total{reason="position-lost"}')).toBe(0);
    await sleep(1_500);
    expect(await metric(dns.apiUrl, 'plinkd_replica_lag_seconds')).toBe(0);
  });
});

/**
 * A plinkd started before its Redis: it waits (logging each failed attempt with its reason),
 * serves nothing meanwhile — an empty replica would answer NXDOMAIN for every
 * endpoint — and comes up by itself once Redis does.
 */
describe('a dns process started before Redis', () => {
  let redis: RedisServer;
  let dns: PlinkdProcess | undefined;

  beforeAll(async () => {
    redis = await startRedis({ appendonly: true });
  });
  afterAll(async () => {
    if (dns !== undefined) await stopAll([dns]);
    await redis?.destroy();
  });

  it('waits for the store, then loads and serves', async () => {
    await redis.stop();
    let earlyOutput = (): string => '';
    const pending = startPlinkd({ store: redis.url, role: 'dns', onSpawn: (output) => (earlyOutput = output) });
    let ready = false;
    void pending.then(
      () => (ready = true),
      () => undefined,
    );
    // Until it has tried the store (a loaded machine may take seconds to start Node) and been refused.
    const retrying = /"msg":"store not reachable; retrying".*"reason":"connection refused/;
    for (let waited = 0; waited < 30_000 && !retrying.test(earlyOutput()); waited += 100) await sleep(100);
    expect(earlyOutput()).toMatch(retrying);
    await sleep(500);
    expect(ready).toBe(false);
    await redis.restart();
    dns = await pending;
    const soa = await dig({ host: dns.dnsHost, port: dns.dnsPort }, ['cn-hangzhou.privatelink.aliyuncs.com', 'SOA']);
    expect(soa.status).toBe('NOERROR');
    expect((await health(dns.apiUrl)).body.status).toBe('ok');
  });
});
