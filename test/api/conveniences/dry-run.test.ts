import type RPCClient from '@alicloud/pop-core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActions } from '../../../src/api/products/operator/index.js';
import { securityGroupActions } from '../../../src/api/products/privatelink/security-group-actions.js';
import { tagActions } from '../../../src/api/products/privatelink/tag-actions.js';
import { vpcActions } from '../../../src/api/products/vpc/index.js';
import { createActiveService, createConnectedEndpoint, createNetwork, until, ZONES } from '../../helpers/scenario.js';
import { STORES, call, failure, freshAccount, startStack, type FreshAccount, type Stack } from './stack.js';

type Json = Record<string, unknown>;
const OSS = 'com.aliyun.cn-hangzhou.oss';

interface Case {
  action: string;
  client: (f: Fixture) => RPCClient;
  params: (f: Fixture) => Json;
}

interface Fixture {
  tenant: FreshAccount;
  operator: RPCClient;
  vpcWithSwitches: string;
  emptyVpc: string;
  freeVSwitch: string;
  gatewayEndpoint: string;
  /** A gateway endpoint whose VPC's route table is associated with it. */
  associatedGateway: string;
  associatedRouteTable: string;
  serviceId: string;
  endpointId: string;
  bindingId: string;
  spareAccount: string;
  spareKey: string;
}

const vpc = (f: Fixture): RPCClient => f.tenant.vpc;
const privatelink = (f: Fixture): RPCClient => f.tenant.privatelink;
const operator = (f: Fixture): RPCClient => f.operator;

/** Every mutating action of the VPC, gateway-endpoint, tag, security-group and operator products, each with a request that would succeed. */
const CASES: Case[] = [
  { action: 'CreateVpc', client: vpc, params: () => ({ CidrBlock: '10.9.0.0/16' }) },
  { action: 'DeleteVpc', client: vpc, params: (f) => ({ VpcId: f.emptyVpc }) },
  { action: 'CreateVSwitch', client: vpc, params: (f) => ({ VpcId: f.vpcWithSwitches, ZoneId: ZONES[2], CidrBlock: '10.1.9.0/24' }) },
  { action: 'DeleteVSwitch', client: vpc, params: (f) => ({ VSwitchId: f.freeVSwitch }) },
  { action: 'CreateVpcGatewayEndpoint', client: vpc, params: (f) => ({ VpcId: f.emptyVpc, ServiceName: OSS }) },
  {
    action: 'UpdateVpcGatewayEndpointAttribute',
    client: vpc,
    params: (f) => ({
      EndpointId: f.gatewayEndpoint,
      PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}',
    }),
  },
  { action: 'DeleteVpcGatewayEndpoint', client: vpc, params: (f) => ({ EndpointId: f.gatewayEndpoint }) },
  {
    action: 'AssociateRouteTablesWithVpcGatewayEndpoint',
    client: vpc,
    params: (f) => ({ EndpointId: f.gatewayEndpoint, 'RouteTableIds.1': f.vpcWithSwitches.replace('vpc-', 'vtb-') }),
  },
  {
    action: 'DissociateRouteTablesFromVpcGatewayEndpoint',
    client: vpc,
    params: (f) => ({ EndpointId: f.associatedGateway, 'RouteTableIds.1': f.associatedRouteTable }),
  },
  {
    action: 'TagResources',
    client: privatelink,
    params: (f) => ({ ResourceType: 'vpcendpoint', 'ResourceId.1': f.endpointId, 'Tag.1.Key': 'new', 'Tag.1.Value': 'v' }),
  },
  {
    action: 'UntagResources',
    client: privatelink,
    params: (f) => ({ ResourceType: 'vpcendpointservice', 'ResourceId.1': f.serviceId, All: true }),
  },
  {
    action: 'AttachSecurityGroupToVpcEndpoint',
    client: privatelink,
    params: (f) => ({ EndpointId: f.endpointId, SecurityGroupId: 'sg-three' }),
  },
  {
    action: 'DetachSecurityGroupFromVpcEndpoint',
    client: privatelink,
    params: (f) => ({ EndpointId: f.endpointId, SecurityGroupId: 'sg-two' }),
  },
  { action: 'CreateAccount', client: operator, params: () => ({}) },
  { action: 'CreateAccessKey', client: operator, params: (f) => ({ AccountId: f.spareAccount }) },
  { action: 'DeleteAccessKey', client: operator, params: (f) => ({ UserAccessKeyId: f.spareKey }) },
  { action: 'CreateResolverBinding', client: operator, params: (f) => ({ VpcId: f.emptyVpc, SourceCidr: '192.0.2.9' }) },
  { action: 'DeleteResolverBinding', client: operator, params: (f) => ({ BindingId: f.bindingId }) },
];

/** The reads of these products that take DryRun: their dry run checks the request and queries nothing. */
const READS = ['DescribeVSwitchAttributes', 'DescribeVSwitches', 'DescribeVpcAttribute', 'DescribeVpcs'];

describe('the dry-run table covers every mutating action of these products', () => {
  it('lists each action that declares DryRun and is not a read', () => {
    const declared = [...vpcActions, ...tagActions, ...securityGroupActions, ...operatorActions]
      .filter((a) => 'DryRun' in a.params && !/^(Describe|List|Get)/.test(a.name))
      .map((a) => a.name)
      .sort();
    expect(CASES.map((c) => c.action).sort()).toEqual(declared);
  });

  it('and READS each read that declares DryRun', () => {
    const reads = [...vpcActions, ...tagActions, ...securityGroupActions, ...operatorActions]
      .filter((a) => 'DryRun' in a.params && a.kind === 'read')
      .map((a) => a.name)
      .sort();
    expect(READS).toEqual(reads);
  });
});

describe.each(STORES)('DryRun=true validates and answers DryRunOperation without writing (%s store)', (store) => {
  let stack: Stack;
  let f: Fixture;
  let redis: Redis | undefined;

  beforeAll(async () => {
    stack = await startStack(store);
    if (stack.redis !== undefined) redis = new Redis(stack.redis.url);
    const tenant = await freshAccount(stack);
    const operatorClient = stack.client('operator', 'operator');
    const network = await createNetwork(tenant, 1, [ZONES[0]]);
    const { VSwitchId: freeVSwitch } = (await call(tenant.vpc, 'CreateVSwitch', {
      VpcId: network.vpcId,
      ZoneId: ZONES[1],
      CidrBlock: '10.1.1.0/24',
    })) as {
      VSwitchId: string;
    };
    const { VpcId: emptyVpc } = (await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.2.0.0/16' })) as { VpcId: string };
    const { EndpointId: gatewayEndpoint } = (await call(tenant.vpc, 'CreateVpcGatewayEndpoint', {
      VpcId: network.vpcId,
      ServiceName: OSS,
    })) as { EndpointId: string };
    const { VpcId: associatedVpc, RouteTableId: associatedRouteTable } = (await call(tenant.vpc, 'CreateVpc', {
      CidrBlock: '10.3.0.0/16',
    })) as {
      VpcId: string;
      RouteTableId: string;
    };
    const { EndpointId: associatedGateway } = (await call(tenant.vpc, 'CreateVpcGatewayEndpoint', {
      VpcId: associatedVpc,
      ServiceName: OSS,
    })) as {
      EndpointId: string;
    };
    await call(tenant.vpc, 'AssociateRouteTablesWithVpcGatewayEndpoint', {
      EndpointId: associatedGateway,
      'RouteTableIds.1': associatedRouteTable,
    });
    const serviceId = await createActiveService(tenant, {}, [ZONES[0]]);
    const endpoint = await createConnectedEndpoint(tenant, network, serviceId, [ZONES[0]]);
    await call(tenant.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpoint.endpointId, SecurityGroupId: 'sg-two' });
    await until(
      () => call(tenant.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpoint.endpointId }),
      (e) => e['EndpointStatus'] === 'Active',
    );
    await call(
      tenant.privatelink,
      'TagResources',
      { ResourceType: 'vpcendpointservice', 'ResourceId.1': serviceId, 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' },
      'POST',
    );
    const { BindingId: bindingId } = (await call(operatorClient, 'CreateResolverBinding', {
      VpcId: network.vpcId,
      SourceCidr: '192.0.2.0/28',
    })) as { BindingId: string };
    const { AccountId: spareAccount } = (await call(operatorClient, 'CreateAccount')) as { AccountId: string };
    const { AccessKeyId: spareKey } = (await call(operatorClient, 'CreateAccessKey', { AccountId: spareAccount })) as {
      AccessKeyId: string;
    };
    f = {
      tenant,
      operator: operatorClient,
      vpcWithSwitches: network.vpcId,
      emptyVpc,
      freeVSwitch,
      gatewayEndpoint,
      associatedGateway,
      associatedRouteTable,
      serviceId,
      endpointId: endpoint.endpointId,
      bindingId,
      spareAccount,
      spareKey,
    };
  });
  afterAll(async () => {
    redis?.disconnect();
    await stack.stop();
  });

  /** Everything these actions could change, as the API shows it. */
  async function snapshot(): Promise<string> {
    const reads = [
      await call(f.tenant.vpc, 'DescribeVpcs', { PageSize: 50 }),
      await call(f.tenant.vpc, 'DescribeVSwitches', { PageSize: 50 }),
      await call(f.tenant.vpc, 'ListVpcGatewayEndpoints'),
      await call(f.tenant.privatelink, 'ListTagResources', { ResourceType: 'vpcendpoint', 'ResourceId.1': f.endpointId }),
      await call(f.tenant.privatelink, 'ListTagResources', { ResourceType: 'vpcendpointservice', 'ResourceId.1': f.serviceId }),
      await call(f.tenant.privatelink, 'ListVpcEndpointSecurityGroups', { EndpointId: f.endpointId }),
      await call(f.tenant.privatelink, 'GetVpcEndpointAttribute', { EndpointId: f.endpointId }),
      await call(f.operator, 'ListResolverBindings'),
    ];
    return JSON.stringify(reads.map(({ RequestId: _requestId, ...rest }) => rest));
  }

  /** On Redis, the change stream's length: any committed write appends to it. */
  async function streamLength(): Promise<number | undefined> {
    return redis === undefined ? undefined : redis.xlen('{plinkd}:changes');
  }

  it.each(CASES.map((c) => [c.action, c] as const))('%s', async (_name, c) => {
    const before = await snapshot();
    const stream = await streamLength();
    if (store === 'redis') expect(stream).toBeGreaterThan(0);
    expect(await failure(call(c.client(f), c.action, { ...c.params(f), DryRun: true }))).toMatchObject({
      code: 'DryRunOperation',
      status: 400,
      message: 'Request validation has been passed with DryRun flag set.',
    });
    expect(await snapshot()).toBe(before);
    expect(await streamLength()).toBe(stream);
  });

  it('a dry run of a request that would fail answers that failure instead', async () => {
    const dry = { DryRun: true };
    expect(await failure(call(f.tenant.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/33', ...dry }))).toMatchObject({
      code: 'InvalidParameter',
    });
    expect(await failure(call(f.tenant.vpc, 'DeleteVpc', { VpcId: f.vpcWithSwitches, ...dry }))).toMatchObject({
      code: 'DependencyViolation.VSwitch',
    });
    expect(
      await failure(call(f.tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: f.vpcWithSwitches, ServiceName: OSS, ...dry })),
    ).toMatchObject({
      code: 'ResourceAlreadyExist.GatewayEndpoint',
    });
    expect(
      await failure(
        call(f.tenant.privatelink, 'TagResources', { ResourceType: 'vpcendpoint', 'ResourceId.1': 'ep-nothere', 'Tag.1.Key': 'k', ...dry }),
      ),
    ).toMatchObject({
      code: 'InvalidResourceId.NotFound',
    });
    expect(
      await failure(
        call(f.tenant.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: f.endpointId, SecurityGroupId: 'sg-two', ...dry }),
      ),
    ).toMatchObject({
      code: 'SecurityGroupExist',
    });
    expect(await failure(call(f.operator, 'CreateAccessKey', { AccountId: '9999999999999998', ...dry }))).toMatchObject({
      code: 'EntityNotExist.User',
    });
  });

  it('a dry run of a read checks its parameters and answers DryRunOperation, whatever the resources named', async () => {
    const dry = { DryRun: true };
    const passed = { code: 'DryRunOperation', status: 400, message: 'Request validation has been passed with DryRun flag set.' };
    // The cloud's DryRun on a read queries no resources: ids that name nothing pass as ids of this account's do.
    const asked: Array<[string, Json]> = [
      ['DescribeVpcs', {}],
      ['DescribeVpcs', { VpcId: `${f.vpcWithSwitches},vpc-nothere` }],
      ['DescribeVpcAttribute', { VpcId: f.vpcWithSwitches }],
      ['DescribeVpcAttribute', { VpcId: 'vpc-nothere' }],
      ['DescribeVSwitches', { VpcId: f.vpcWithSwitches }],
      ['DescribeVSwitchAttributes', { VSwitchId: f.freeVSwitch }],
      ['DescribeVSwitchAttributes', { VSwitchId: 'vsw-nothere' }],
    ];
    expect(new Set(asked.map(([action]) => action)).size).toBe(READS.length);
    for (const [action, params] of asked) expect(await failure(call(f.tenant.vpc, action, { ...params, ...dry }))).toMatchObject(passed);
    // The checks each read makes of its parameters still answer.
    const vpcIds = Array.from({ length: 21 }, (_, i) => `vpc-n${i}`).join(',');
    expect(await failure(call(f.tenant.vpc, 'DescribeVpcs', { VpcId: vpcIds, ...dry }))).toMatchObject({
      code: 'InvalidVpcIdNumber.NotSupported',
    });
    expect(await failure(call(f.tenant.vpc, 'DescribeVpcs', { 'Tag.1.Value': 'v', ...dry }))).toMatchObject({ code: 'InvalidTagKey' });
    expect(await failure(call(f.tenant.vpc, 'DescribeVSwitches', { RegionId: undefined, ...dry }))).toMatchObject({
      code: 'MissingParam.RegionId',
    });
    expect(await failure(call(f.tenant.vpc, 'DescribeVSwitches', { 'Tag.1.Key': 'acs:k', 'Tag.2.Key': 'acs:k', ...dry }))).toMatchObject({
      code: 'InvalidTagKey',
    });
    expect(await failure(call(f.tenant.vpc, 'DescribeVpcAttribute', { VpcId: 'not-a-vpc-id', ...dry }))).toMatchObject({ status: 400 });
  });

  it('a dry run of SetBusinessStatus checks its target and reads nothing the target owns', async () => {
    /** On Redis, HGETs served so far: a transaction reads each document with one. */
    const documentReads = async (): Promise<number> =>
      redis === undefined ? 0 : Number(/cmdstat_hget:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
    const before = await snapshot();
    const stream = await streamLength();
    const lock = { BusinessStatus: 'FinancialLocked', DryRun: true };
    for (const target of [{ AccountId: f.tenant.uid }, { ServiceId: f.serviceId }, { EndpointId: f.endpointId }]) {
      const reads = await documentReads();
      expect(await failure(call(f.operator, 'SetBusinessStatus', { ...target, ...lock }))).toMatchObject({ code: 'DryRunOperation' });
      // The target alone is read: not the account's services and endpoints, nor a service's endpoints.
      if (store === 'redis') expect((await documentReads()) - reads).toBe(1);
    }
    expect(await failure(call(f.operator, 'SetBusinessStatus', { AccountId: '9999999999999998', ...lock }))).toMatchObject({
      code: 'EntityNotExist.User',
    });
    expect(await failure(call(f.operator, 'SetBusinessStatus', { ServiceId: 'epsrv-nothere', ...lock }))).toMatchObject({
      code: 'EndpointServiceNotFound',
    });
    expect(await failure(call(f.operator, 'SetBusinessStatus', { EndpointId: 'ep-nothere', ...lock }))).toMatchObject({
      code: 'EndpointNotFound',
    });
    expect(await snapshot()).toBe(before);
    expect(await streamLength()).toBe(stream);
  });

  it('the dry-run requests then succeed for real', async () => {
    // Proves each dry run above was a request that passes: run a few for real.
    await call(f.tenant.vpc, 'DeleteVSwitch', { VSwitchId: f.freeVSwitch });
    await call(f.tenant.vpc, 'DeleteVpcGatewayEndpoint', { EndpointId: f.gatewayEndpoint });
    await call(f.tenant.vpc, 'DeleteVpc', { VpcId: f.emptyVpc });
    await call(f.operator, 'DeleteAccessKey', { UserAccessKeyId: f.spareKey });
    await call(f.operator, 'DeleteResolverBinding', { BindingId: f.bindingId });
  });
});
