import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { call, clientsFor, createActiveService, createNetwork, until } from '../helpers/scenario.js';
import { stopAll } from './support.js';

/**
 * docs/reliability.md "A restart loses nothing that the API acknowledged (Redis with
 * AOF)": endpoints are being created when plinkd is killed with SIGKILL, then
 * Redis is killed with SIGKILL too and both are started again. Every endpoint
 * whose creation the API acknowledged is there, finishes connecting, and has
 * an address of its own. Redis runs with `appendonly yes` and `appendfsync
 * always`, the setting the README recommends: Redis writes and fsyncs the AOF
 * before it sends the reply that lets plinkd acknowledge.
 */
describe('durability across kill -9 of plinkd and of Redis', () => {
  let redis: RedisServer;
  let plinkd: PlinkdProcess;

  beforeAll(async () => {
    redis = await startRedis({ appendonly: true, extraArgs: ['--appendfsync', 'always'] });
    plinkd = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, transitionDelayMs: 50 });
  });
  afterAll(async () => {
    await stopAll([plinkd]);
    await redis?.destroy();
  });

  it('keeps every endpoint the API acknowledged', async () => {
    const provider = clientsFor(plinkd.apiUrl, 'provider');
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const network = await createNetwork(consumer, 30, ['cn-hangzhou-h']);

    const acknowledged: Array<{ endpointId: string; endpointDomain: string }> = [];
    let killed = false;
    const create = async (): Promise<void> => {
      while (!killed && acknowledged.length < 200) {
        try {
          const created = (await call(consumer.privatelink, 'CreateVpcEndpoint', {
            VpcId: network.vpcId,
            ServiceId: serviceId,
            'SecurityGroupId.1': 'sg-test1',
            'Zone.1.ZoneId': 'cn-hangzhou-h',
            'Zone.1.VSwitchId': network.vSwitches['cn-hangzhou-h'],
          })) as { EndpointId: string; EndpointDomain: string };
          if (!killed) acknowledged.push({ endpointId: created.EndpointId, endpointDomain: created.EndpointDomain });
        } catch {
          return; // the process died under this call: not acknowledged
        }
      }
    };
    const creators = Array.from({ length: 4 }, () => create());
    await until(
      async () => acknowledged.length,
      (n) => n >= 15,
      20_000,
    );
    // Replies that arrive after this point are not counted: the test only holds
    // plinkd to what it acknowledged before it died.
    const killing = plinkd.stop(true);
    killed = true;
    await killing;
    await Promise.all(creators);
    await redis.stop(true);
    await redis.restart();
    plinkd = await startPlinkd({
      store: redis.url,
      accessKeys: ACCESS_KEYS,
      transitionDelayMs: 50,
      apiPort: plinkd.apiPort,
      dnsPort: plinkd.dnsPort,
    });

    const again = clientsFor(plinkd.apiUrl, 'consumer');
    const addresses = new Set<string>();
    for (const { endpointId, endpointDomain } of acknowledged) {
      await until(
        () => call(again.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpointId }),
        (e) => e['ConnectionStatus'] === 'Connected',
        10_000,
      );
      const answer = await until(
        () => dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, [endpointDomain, 'A']),
        (r) => r.answer.length === 1,
      );
      addresses.add(answer.answer[0]!.data);
    }
    expect(addresses.size).toBe(acknowledged.length);
    const listed = (await call(again.privatelink, 'ListVpcEndpoints', { MaxResults: 1000 })) as {
      Endpoints: Array<{ EndpointId: string }>;
    };
    const present = new Set(listed.Endpoints.map((e) => e.EndpointId));
    for (const { endpointId } of acknowledged) expect(present.has(endpointId), endpointId).toBe(true);
  });
});
