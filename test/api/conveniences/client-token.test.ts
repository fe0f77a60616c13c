import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, cloudClient } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { until, ZONES } from '../../helpers/scenario.js';
import { STORES, call, failure, freshAccount, startStack, type FreshAccount, type Stack } from './stack.js';

type Json = Record<string, unknown>;
const OSS = 'com.aliyun.cn-hangzhou.oss';

describe.each(STORES)('ClientToken idempotency of creates (%s store)', (store) => {
  let stack: Stack;
  let tenant: FreshAccount;

  beforeAll(async () => {
    stack = await startStack(store);
    tenant = await freshAccount(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  const vpcCount = async (account: FreshAccount = tenant): Promise<number> =>
    (await call(account.vpc, 'DescribeVpcs', { PageSize: 50 }))['TotalCount'] as number;

  it('CreateVpc: the same token returns the same VPC and creates no second one', async () => {
    const before = await vpcCount();
    const first = await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.1.0.0/16', ClientToken: 'vpc-token-1' });
    const again = await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.1.0.0/16', ClientToken: 'vpc-token-1' });
    expect(again['VpcId']).toBe(first['VpcId']);
    expect(again['VRouterId']).toBe(first['VRouterId']);
    expect(await vpcCount()).toBe(before + 1);
    // Another token is another request.
    const other = await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.1.0.0/16', ClientToken: 'vpc-token-2' });
    expect(other['VpcId']).not.toBe(first['VpcId']);
    expect(await vpcCount()).toBe(before + 2);
  });

  it('refuses a token reused with other parameters (IdempotentParameterMismatch) and writes nothing', async () => {
    const before = await vpcCount();
    await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.2.0.0/16', ClientToken: 'mismatch-token' });
    expect(await failure(call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.3.0.0/16', ClientToken: 'mismatch-token' }))).toMatchObject({
      code: 'IdempotentParameterMismatch',
      status: 400,
    });
    expect(await vpcCount()).toBe(before + 1);
  });

  it('CreateVSwitch: a retry succeeds with the same vSwitch though its CIDR is now taken by it', async () => {
    const { VpcId } = (await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.4.0.0/16' })) as { VpcId: string };
    const params = { VpcId, ZoneId: ZONES[0], CidrBlock: '10.4.1.0/24', ClientToken: 'vsw-token' };
    const first = await call(tenant.vpc, 'CreateVSwitch', params);
    const again = await call(tenant.vpc, 'CreateVSwitch', params);
    expect(again['VSwitchId']).toBe(first['VSwitchId']);
    expect((await call(tenant.vpc, 'DescribeVSwitches', { VpcId }))['TotalCount']).toBe(1);
    // Without the token the same request is a new one, and overlaps.
    expect(await failure(call(tenant.vpc, 'CreateVSwitch', { ...params, ClientToken: undefined }))).toMatchObject({
      code: 'InvalidCidrBlock.Overlapped',
    });
  });

  it('CreateVpcGatewayEndpoint: a retry returns the endpoint instead of ResourceAlreadyExist', async () => {
    const { VpcId } = (await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.5.0.0/16' })) as { VpcId: string };
    const params = { VpcId, ServiceName: OSS, EndpointName: 'gw', ClientToken: 'gw-token' };
    const first = await call(tenant.vpc, 'CreateVpcGatewayEndpoint', params);
    const again = await call(tenant.vpc, 'CreateVpcGatewayEndpoint', params);
    expect(again).toMatchObject({ EndpointId: first['EndpointId'], CreationTime: first['CreationTime'], EndpointName: 'gw' });
    expect((await call(tenant.vpc, 'ListVpcGatewayEndpoints', { VpcId }))['TotalCount']).toBe(1);
  });

  it('gives racing identical calls one resource', async () => {
    const before = await vpcCount();
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.6.0.0/16', VpcName: 'raced', ClientToken: 'race-token' }),
      ),
    );
    expect(new Set(replies.map((r) => r['VpcId'])).size).toBe(1);
    expect(await vpcCount()).toBe(before + 1);

    const { VpcId } = (await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.7.0.0/16' })) as { VpcId: string };
    const switches = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.7.0.0/24', ClientToken: 'vsw-race' }),
      ),
    );
    expect(new Set(switches.map((r) => r['VSwitchId'])).size).toBe(1);
    expect((await call(tenant.vpc, 'DescribeVSwitches', { VpcId }))['TotalCount']).toBe(1);
  });

  it('scopes tokens to the account and the action', async () => {
    const other = await freshAccount(stack);
    const mine = await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.8.0.0/16', ClientToken: 'shared-token' });
    const theirs = await call(other.vpc, 'CreateVpc', { CidrBlock: '10.8.0.0/16', ClientToken: 'shared-token' });
    expect(theirs['VpcId']).not.toBe(mine['VpcId']);
    expect(await vpcCount(other)).toBe(1);
    // The same token on another create action is a different request.
    const vSwitch = await call(tenant.vpc, 'CreateVSwitch', {
      VpcId: mine['VpcId'],
      ZoneId: ZONES[0],
      CidrBlock: '10.8.0.0/24',
      ClientToken: 'shared-token',
    });
    expect(vSwitch['VSwitchId']).toMatch(/^vsw-/);
  });

  it('creates anew when the resource a token made was deleted since (documented choice)', async () => {
    const first = await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.9.0.0/16', ClientToken: 'deleted-token' });
    await call(tenant.vpc, 'DeleteVpc', { VpcId: first['VpcId'] });
    const again = await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.9.0.0/16', ClientToken: 'deleted-token' });
    expect(again['VpcId']).not.toBe(first['VpcId']);
    expect((await call(tenant.vpc, 'DescribeVpcs', { VpcId: again['VpcId'] }))['TotalCount']).toBe(1);
  });

  it('refuses a token that is not printable ASCII or longer than 64 characters', async () => {
    expect(await failure(call(tenant.vpc, 'CreateVpc', { ClientToken: 'ü-token' }))).toMatchObject({
      code: 'IllegalParamFormat.ClientToken',
    });
    expect(await failure(call(tenant.vpc, 'CreateVpc', { ClientToken: 'x'.repeat(65) }))).toMatchObject({
      code: 'IllegalParamFormat.ClientToken',
    });
  });
});

describe('ClientToken across two API processes sharing one Redis', () => {
  let redis: RedisServer;
  let a: PlinkdProcess;
  let b: PlinkdProcess;

  beforeAll(async () => {
    redis = await startRedis();
    a = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, role: 'api' });
    b = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, role: 'api' });
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await redis.destroy();
  });

  it('creates one VPC for identical calls racing through both processes', async () => {
    const clients = [cloudClient(a.apiUrl, 'consumer', 'vpc'), cloudClient(b.apiUrl, 'consumer', 'vpc')];
    for (let round = 0; round < 5; round++) {
      const token = `two-process-${round}`;
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call(clients[i % 2]!, 'CreateVpc', { CidrBlock: '10.0.0.0/16', VpcName: `round${round}`, ClientToken: token }),
        ),
      );
      expect(new Set(replies.map((r) => r['VpcId'])).size, `round ${round}`).toBe(1);
    }
    const names = (described: Json): string[] => (described['Vpcs'] as { Vpc: Json[] }).Vpc.map((v) => v['VpcName'] as string).sort();
    for (const client of clients) {
      // Each process's replica follows the other's writes within milliseconds.
      const described = await until(
        () => call(client, 'DescribeVpcs', { PageSize: 50 }),
        (d) => names(d).length >= 5,
      );
      expect(names(described)).toEqual(['round0', 'round1', 'round2', 'round3', 'round4']);
    }
  });
});
