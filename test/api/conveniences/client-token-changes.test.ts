import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller, type Json } from '../../helpers/api-call.js';
import { activeService, endpoint, network, resources, untilSettled } from '../../helpers/api-flows.js';
import { CLIENT_MATRIX, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

const ZONE = 'cn-hangzhou-h';
const OSS = 'com.aliyun.cn-hangzhou.oss';

/**
 * ClientToken on the changes that create nothing (src/control/change-runner.ts): a retry of
 * a request that succeeded answers success and changes nothing, also when identical requests race;
 * the token with other parameters is refused; a dry run does not spend it.
 */
describe.each(CLIENT_MATRIX)('ClientToken on changes that create nothing ($kind, $store store)', ({ kind, store }) => {
  let stack: CallerStack;
  let tenant: ApiCaller;

  beforeAll(async () => {
    stack = await startCallerStack(kind, store);
    tenant = await stack.fresh();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers a retried delete with success instead of the error a second delete gets', async () => {
    const serviceId = await activeService(tenant, { ...resources('nlb', [['nlb-token1', ZONE]]), AutoAcceptEnabled: true });
    const net = await network(tenant, 1, [ZONE]);
    const first = await endpoint(tenant, net, serviceId, [ZONE]);
    const second = await endpoint(tenant, net, serviceId, [ZONE]);
    await untilSettled(tenant, first, 'Connected');
    await untilSettled(tenant, second, 'Connected');
    const remove = (endpointId: string, token?: string): Promise<Json> =>
      tenant.call('privatelink', 'DeleteVpcEndpoint', { EndpointId: endpointId, ClientToken: token });

    await remove(first, 'delete-first');
    await remove(first, 'delete-first');
    // Without a token the second call meets the endpoint being deleted, or gone.
    await remove(second);
    expect(['EndpointOperationDenied', 'EndpointNotFound']).toContain((await failure(remove(second))).code);
    // The token reused for another endpoint: refused, and that endpoint stays.
    const third = await endpoint(tenant, net, serviceId, [ZONE]);
    await untilSettled(tenant, third, 'Connected');
    expect(await failure(remove(third, 'delete-first'))).toMatchObject({ code: 'IdempotentParameterMismatch', status: 400 });
    expect((await tenant.call('privatelink', 'GetVpcEndpointAttribute', { EndpointId: third }))['EndpointStatus']).toBe('Active');
  });

  it('makes identical racing calls one change that all of them see succeed', async () => {
    const { VpcId, RouteTableId } = await tenant.call('vpc', 'CreateVpc', { CidrBlock: '10.2.0.0/16' });
    const { EndpointId } = await tenant.call('vpc', 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: OSS });
    const request = { EndpointId, 'RouteTableIds.1': RouteTableId, ClientToken: 'race-once' };
    const answers = await Promise.allSettled(
      Array.from({ length: 6 }, () => tenant.call('vpc', 'AssociateRouteTablesWithVpcGatewayEndpoint', request)),
    );
    expect(answers.map((a) => (a.status === 'rejected' ? String(a.reason) : 'ok'))).toEqual(Array<string>(6).fill('ok'));
    expect((await tenant.call('vpc', 'GetVpcGatewayEndpointAttribute', { EndpointId }))['RouteTables']).toEqual([RouteTableId]);
  });

  it('does not spend the token on a dry run', async () => {
    const { VpcId } = await tenant.call('vpc', 'CreateVpc', { CidrBlock: '10.3.0.0/16' });
    const rename = { VpcId, VpcName: 'renamed' };
    const { EndpointId } = await tenant.call('vpc', 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: OSS });
    const update = { EndpointId, EndpointName: 'first', ClientToken: 'update-once' };
    expect(
      await failure(tenant.call('vpc', 'UpdateVpcGatewayEndpointAttribute', { ...update, EndpointName: 'dry', DryRun: true })),
    ).toMatchObject({
      code: 'DryRunOperation',
    });
    await tenant.call('vpc', 'UpdateVpcGatewayEndpointAttribute', update);
    await tenant.call('vpc', 'UpdateVpcGatewayEndpointAttribute', { EndpointId, EndpointName: 'second' });
    // A retry of the first update changes nothing: the name stays the later one.
    await tenant.call('vpc', 'UpdateVpcGatewayEndpointAttribute', update);
    expect((await tenant.call('vpc', 'GetVpcGatewayEndpointAttribute', { EndpointId }))['EndpointName']).toBe('second');
    await tenant.call('vpc', 'ModifyVpcAttribute', rename);
    // The same token on another action is another request.
    await tenant.call('vpc', 'DeleteVpcGatewayEndpoint', { EndpointId, ClientToken: 'update-once' });
    await tenant.call('vpc', 'DeleteVpc', { VpcId, ClientToken: 'delete-vpc' });
    await tenant.call('vpc', 'DeleteVpc', { VpcId, ClientToken: 'delete-vpc' });
    expect((await tenant.call('vpc', 'DescribeVpcAttribute', { VpcId }))['VpcId']).toBe('');
  });

  it('keeps tokens per account', async () => {
    const provider = stack.account('provider');
    const serviceId = await activeService(provider, resources('nlb', [['nlb-token2', ZONE]]));
    const add = (userId: string): Promise<Json> =>
      provider.call('privatelink', 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: userId, ClientToken: 'add-user' });
    await add(tenant.uid);
    expect(await failure(add('3333333333333333'))).toMatchObject({ code: 'IdempotentParameterMismatch' });
    const users = await provider.call('privatelink', 'ListVpcEndpointServiceUsers', { ServiceId: serviceId });
    expect((users['Users'] as Json[]).map((u) => String(u['UserId'])).sort()).toEqual([provider.uid, tenant.uid].sort());
    // Another account may use the same token text for its own request.
    const other = await stack.fresh();
    const otherService = await activeService(other, resources('nlb', [['nlb-token3', ZONE]]));
    await other.call('privatelink', 'AddUserToVpcEndpointService', {
      ServiceId: otherService,
      UserId: tenant.uid,
      ClientToken: 'add-user',
    });
  });
});
