import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from '../../../src/api/topology/types.js';
import { ACCOUNTS } from '../../helpers/cloud.js';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runPlinkd } from '../../helpers/cli.js';
import { API_TOKEN, buildWorld, getJson, type World } from './fixture.js';

describe('GET /v1/topology and plinkd topology', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  }, 120_000);
  afterAll(async () => {
    await world.plinkd.stop();
  });

  const topologyUrl = (): string => `${world.plinkd.apiUrl}/v1/topology`;

  it('needs the bearer token of /v1 and answers GET only', async () => {
    expect(await getJson(topologyUrl(), undefined)).toMatchObject({ status: 401, body: { code: 'Unauthorized' } });
    expect(await getJson(topologyUrl(), 'not-the-token-at-all')).toMatchObject({ status: 401 });
    expect(await getJson(topologyUrl(), API_TOKEN, { method: 'POST', body: '{}' })).toMatchObject({
      status: 405,
      body: { code: 'MethodNotAllowed' },
    });
  });

  it('shows every service, endpoint (zones, addresses, names and views), VPC, private zone, binding and gateway endpoint', async () => {
    const { status, body } = await getJson(topologyUrl(), API_TOKEN);
    expect(status).toBe(200);
    const topology = body as Topology;
    const { network } = world;
    expect(topology.totals).toEqual({ services: 1, endpoints: 1, vpcs: 1, privateZones: 1, resolverBindings: 1, gatewayEndpoints: 1 });
    expect(topology.truncated).toBe(false);
    expect(topology.services).toEqual([
      expect.objectContaining({
        serviceId: world.serviceId,
        owner: ACCOUNTS.provider.uid,
        status: 'Active',
        resourceType: 'nlb',
        zones: ['cn-hangzhou-h', 'cn-hangzhou-i'],
        resources: [expect.objectContaining({ zoneId: 'cn-hangzhou-h' }), expect.objectContaining({ zoneId: 'cn-hangzhou-i' })],
      }),
    ]);
    const [endpoint] = topology.endpoints;
    expect(endpoint).toMatchObject({
      endpointId: world.endpointId,
      owner: ACCOUNTS.consumer.uid,
      serviceId: world.serviceId,
      vpcId: network.vpcId,
      status: 'Active',
      connectionStatus: 'Connected',
      businessStatus: 'Normal',
    });
    expect(endpoint!.zones.map((z) => [z.zoneId, z.vSwitchId, z.status])).toEqual([
      ['cn-hangzhou-h', network.vSwitches['cn-hangzhou-h'], 'Connected'],
      ['cn-hangzhou-i', network.vSwitches['cn-hangzhou-i'], 'Connected'],
    ]);
    const addresses = endpoint!.zones.map((z) => z.addresses[0]!);
    expect(addresses.every((a) => /^10\.5\.[01]\.\d+$/.test(a))).toBe(true);
    expect(endpoint!.names[0]).toEqual({ name: world.endpointDomain, kind: 'endpoint', views: 'all', answered: true, addresses });
    expect(endpoint!.names.slice(1).map((n) => [n.kind, n.zoneId, n.addresses])).toEqual([
      ['zone', 'cn-hangzhou-h', [addresses[0]]],
      ['zone', 'cn-hangzhou-i', [addresses[1]]],
    ]);
    expect(topology.vpcs).toEqual([
      expect.objectContaining({
        vpcId: network.vpcId,
        owner: ACCOUNTS.consumer.uid,
        cidrBlock: '10.5.0.0/16',
        vSwitches: [
          expect.objectContaining({ vSwitchId: network.vSwitches['cn-hangzhou-h'], zoneId: 'cn-hangzhou-h', cidrBlock: '10.5.0.0/24' }),
          expect.objectContaining({ vSwitchId: network.vSwitches['cn-hangzhou-i'], zoneId: 'cn-hangzhou-i', cidrBlock: '10.5.1.0/24' }),
        ],
      }),
    ]);
    expect(topology.privateZones).toEqual([
      { zoneId: world.privateZoneId, zoneName: 'corp.example', owner: ACCOUNTS.consumer.uid, vpcs: [network.vpcId], recordCount: 2 },
    ]);
    expect(topology.resolverBindings).toEqual([
      { bindingId: world.bindingId, vpcId: network.vpcId, regionId: 'cn-hangzhou', sourceCidr: '127.0.0.2/32', zoneId: null },
    ]);
    expect(topology.gatewayEndpoints).toEqual([
      expect.objectContaining({ endpointId: world.gatewayEndpointId, vpcId: network.vpcId, serviceName: 'com.aliyun.cn-hangzhou.oss' }),
    ]);
  });

  it('holds no AccessKey, secret or account document', async () => {
    const response = await fetch(topologyUrl(), { headers: { authorization: `Bearer ${API_TOKEN}` } });
    const text = await response.text();
    for (const account of Object.values(ACCOUNTS)) {
      expect(text).not.toContain(account.secret);
      expect(text).not.toContain(account.accessKeyId);
    }
    expect(text).not.toMatch(/secret|accessKey/i);
  });

  it(
    'plinkd topology prints the tree; --json prints the route',
    async () => {
      const env = cliEnv({ PLINKD_ENDPOINT: world.plinkd.apiUrl, PLINKD_API_TOKEN: API_TOKEN });
      const tree = await runPlinkd(['topology'], env);
      expect(tree.code).toBe(0);
      const lines = tree.stdout.split('\n');
      const at = (text: string): number => lines.findIndex((l) => l.includes(text));
      const depth = (index: number): number => lines[index]!.search(/[├└]/);
      const service = at(world.serviceId);
      const endpoint = at(`${world.endpointId}  Active/Connected`);
      const zone = at('zone cn-hangzhou-h  Connected');
      expect(service).toBeGreaterThan(0);
      expect(endpoint).toBeGreaterThan(service);
      expect(zone).toBeGreaterThan(endpoint);
      expect(depth(endpoint)).toBeGreaterThan(depth(service));
      expect(depth(zone)).toBeGreaterThan(depth(endpoint));
      expect(lines[at(world.endpointDomain)]).toMatch(/\(every VPC\) {2}→ 10\.5\.\d+\.\d+ 10\.5\.\d+\.\d+$/);
      expect(lines[at(world.privateZoneId)]).toMatch(/corp\.example {2}2 records {2}bound to vpc-/);
      expect(lines[at(world.bindingId)]).toContain('127.0.0.2/32');

      const json = await runPlinkd(['topology', '--json'], env);
      expect(json.code).toBe(0);
      const route = await getJson(`${world.plinkd.apiUrl}/v1/topology`, API_TOKEN);
      expect(JSON.parse(json.stdout)).toEqual(route.body);

      const noToken = await runPlinkd(['topology'], cliEnv({ PLINKD_ENDPOINT: world.plinkd.apiUrl }));
      expect(noToken).toMatchObject({ code: 2, stderr: 'plinkd: topology: set PLINKD_API_TOKEN to a token of plinkd --api-tokens\n' });
      // The server's own variable, as `. <data-dir>/credentials` sets it, serves too.
      const fromList = await runPlinkd(
        ['topology', '--json'],
        cliEnv({ PLINKD_ENDPOINT: world.plinkd.apiUrl, PLINKD_API_TOKENS: API_TOKEN }),
      );
      expect(fromList.code).toBe(0);
      const wrongToken = await runPlinkd(['topology'], { ...env, PLINKD_API_TOKEN: 'wrong-token-0123456789' });
      expect(wrongToken.code).toBe(1);
      expect(wrongToken.stderr).toMatch(/^ERROR: GET \/v1\/topology answered 401 Unauthorized: /);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
