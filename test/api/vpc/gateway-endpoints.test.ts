import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, allPages, call, failure, freshAccount, startStack, type FreshAccount, type Stack } from '../conveniences/stack.js';

type Json = Record<string, unknown>;
const OSS = 'com.aliyun.cn-hangzhou.oss';
const DEFAULT_POLICY = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}';

describe.each(STORES)('VPC gateway endpoints, OSS only (%s store)', (store) => {
  let stack: Stack;
  let tenant: FreshAccount;

  beforeAll(async () => {
    stack = await startStack(store);
    tenant = await freshAccount(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  async function newVpc(second: number): Promise<string> {
    return ((await call(tenant.vpc, 'CreateVpc', { CidrBlock: `10.${second}.0.0/16` })) as { VpcId: string }).VpcId;
  }

  it('creates, lists, updates and deletes a gateway endpoint', async () => {
    const vpcId = await newVpc(1);
    const created = await call(tenant.vpc, 'CreateVpcGatewayEndpoint', {
      VpcId: vpcId,
      ServiceName: OSS,
      EndpointName: 'oss-gw',
      EndpointDescription: 'to OSS',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'storage',
    });
    const endpointId = created['EndpointId'] as string;
    expect(endpointId).toMatch(/^vpce-[a-z0-9]{20}$/);
    expect(created).toMatchObject({ EndpointName: 'oss-gw', ServiceName: OSS, ResourceGroupId: '' });
    expect(created['CreationTime']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const listed = await call(tenant.vpc, 'ListVpcGatewayEndpoints', { VpcId: vpcId });
    expect(listed).toMatchObject({ TotalCount: 1, MaxResults: 20, NextToken: '' });
    expect((listed['Endpoints'] as Json[])[0]).toEqual({
      EndpointId: endpointId,
      EndpointName: 'oss-gw',
      EndpointDescription: 'to OSS',
      EndpointStatus: 'Created',
      ServiceName: OSS,
      VpcId: vpcId,
      PolicyDocument: DEFAULT_POLICY,
      ResourceGroupId: '',
      CreationTime: created['CreationTime'],
      AssociatedRouteTables: [],
      Tags: [{ Key: 'team', Value: 'storage' }],
    });

    // A document the policy engine refuses: IllegalParam.PolicyDocument (the VPC metadata), naming the element.
    const refused = await failure(
      call(tenant.vpc, 'UpdateVpcGatewayEndpointAttribute', { EndpointId: endpointId, PolicyDocument: '{"Version":"1"}' }),
    );
    expect(refused).toMatchObject({ code: 'IllegalParam.PolicyDocument', status: 400 });
    expect(refused.message).toContain('Statement');

    // The document is stored as given, byte for byte.
    const policy =
      '{ "Version": "1", "Statement": [ { "Effect": "Deny", "Action": ["oss:*"], "Resource": ["acs:oss:*:*:secret/*"], "Principal": ["*"] } ] }';
    await call(tenant.vpc, 'UpdateVpcGatewayEndpointAttribute', {
      EndpointId: endpointId,
      PolicyDocument: policy,
      EndpointName: 'renamed',
    });
    const updated = ((await call(tenant.vpc, 'ListVpcGatewayEndpoints', { EndpointId: endpointId }))['Endpoints'] as Json[])[0]!;
    expect(updated).toMatchObject({ PolicyDocument: policy, EndpointName: 'renamed', EndpointDescription: 'to OSS' });

    await call(tenant.vpc, 'DeleteVpcGatewayEndpoint', { EndpointId: endpointId });
    expect((await call(tenant.vpc, 'ListVpcGatewayEndpoints', { VpcId: vpcId }))['TotalCount']).toBe(0);
    expect(await failure(call(tenant.vpc, 'DeleteVpcGatewayEndpoint', { EndpointId: endpointId }))).toMatchObject({
      code: 'ResourceNotFound.GatewayEndpoint',
      status: 400,
      message: 'The specified resource gateway endpoint is not found.',
    });
  });

  it('refuses other services, unknown VPCs, a second OSS endpoint and bad names', async () => {
    const vpcId = await newVpc(2);
    expect(
      await failure(call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: 'com.aliyun.cn-hangzhou.dynamodb' })),
    ).toMatchObject({
      code: 'ResourceNotFound.ServiceName',
    });
    expect(
      await failure(call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: 'com.aliyun.cn-shanghai.oss' })),
    ).toMatchObject({
      code: 'ResourceNotFound.ServiceName',
    });
    expect(await failure(call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: 'vpc-nothere', ServiceName: OSS }))).toMatchObject({
      code: 'ResourceNotFound.VpcId',
    });
    expect(
      await failure(call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS, EndpointName: 'x'.repeat(129) })),
    ).toMatchObject({
      code: 'IllegalParam.GatewayEndpointName',
    });
    expect(
      await failure(call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS, EndpointDescription: 'y'.repeat(256) })),
    ).toMatchObject({
      code: 'IllegalParam.GatewayEndpointDescription',
    });
    expect(
      await failure(call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS, 'Tag.1.Key': 'acs:reserved' })),
    ).toMatchObject({
      // The VPC API's own code (its TagResources' list), not PrivateLink's IllegalTagKeyParam.
      code: 'InvalidTagKey',
    });
    expect((await call(tenant.vpc, 'ListVpcGatewayEndpoints', { VpcId: vpcId }))['TotalCount']).toBe(0);
    await call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS });
    expect(await failure(call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS }))).toMatchObject({
      code: 'ResourceAlreadyExist.GatewayEndpoint',
      status: 400,
    });
    expect((await call(tenant.vpc, 'ListVpcGatewayEndpoints', { VpcId: vpcId }))['TotalCount']).toBe(1);
    expect(
      await failure(call(tenant.vpc, 'UpdateVpcGatewayEndpointAttribute', { EndpointId: 'vpce-nothere', EndpointName: 'x' })),
    ).toMatchObject({
      code: 'ResourceNotFound.GatewayEndpoint',
    });
  });

  it('allows one OSS endpoint per VPC even when two creations race', async () => {
    const vpcId = await newVpc(3);
    const results = await Promise.allSettled(
      [0, 1, 2, 3].map(() => call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('ResourceAlreadyExist.GatewayEndpoint');
    expect((await call(tenant.vpc, 'ListVpcGatewayEndpoints', { VpcId: vpcId }))['TotalCount']).toBe(1);
  });

  it('pages ListVpcGatewayEndpoints with MaxResults (≤ 100) / NextToken and filters by Tags.N', async () => {
    const owner = await freshAccount(stack);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { VpcId } = (await call(owner.vpc, 'CreateVpc', { CidrBlock: `10.${i}.0.0/16` })) as { VpcId: string };
      const tag = i % 2 === 0 ? { 'Tag.1.Key': 'parity', 'Tag.1.Value': 'even' } : { 'Tag.1.Key': 'parity', 'Tag.1.Value': 'odd' };
      ids.push(
        ((await call(owner.vpc, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: OSS, ...tag })) as { EndpointId: string }).EndpointId,
      );
    }
    const { items, pages } = await allPages(
      (NextToken) => call(owner.vpc, 'ListVpcGatewayEndpoints', { MaxResults: 3, NextToken }),
      'Endpoints',
    );
    expect(pages).toEqual([3, 3, 1]);
    expect(items.map((e) => e['EndpointId']).sort()).toEqual([...ids].sort());
    const even = await call(owner.vpc, 'ListVpcGatewayEndpoints', { 'Tags.1.Key': 'parity', 'Tags.1.Value': 'even' });
    expect(even['TotalCount']).toBe(4);
    // IllegalParam.*, as ListVpcGatewayEndpoints' metadata documents them (the Privatelink lists answer IllegalParamFormat.*).
    expect(await failure(call(owner.vpc, 'ListVpcGatewayEndpoints', { MaxResults: 101 }))).toMatchObject({
      code: 'IllegalParam.MaxResults',
      status: 400,
    });
    expect(await failure(call(owner.vpc, 'ListVpcGatewayEndpoints', { MaxResults: 0 }))).toMatchObject({
      code: 'IllegalParam.MaxResults',
    });
    expect(await failure(call(owner.vpc, 'ListVpcGatewayEndpoints', { NextToken: 'not-a-token!' }))).toMatchObject({
      code: 'IllegalParam.NextToken',
    });
  });
});
