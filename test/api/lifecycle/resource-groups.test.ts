import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller, type Json } from '../../helpers/api-call.js';
import { activeService, connection, endpoint, network, resources, untilSettled, type Net } from '../../helpers/api-flows.js';
import { CLIENT_KINDS, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

const ZONE = 'cn-hangzhou-h';

/**
 * ChangeResourceGroup (PrivateLink) and MoveResourceGroup (VPC), and the
 * values endpoints and connections report about groups, owners and payers.
 */
describe.each(CLIENT_KINDS)('resource groups, ResourceOwner and Payer (%s)', (kind) => {
  let stack: CallerStack;
  let provider: ApiCaller;
  let consumer: ApiCaller;
  let serviceId: string;
  let net: Net;
  let endpointId: string;

  beforeAll(async () => {
    stack = await startCallerStack(kind, 'memory');
    provider = stack.account('provider');
    consumer = stack.account('consumer');
    serviceId = await activeService(provider, {
      ...resources('nlb', [['nlb-groups1', ZONE]]),
      AutoAcceptEnabled: true,
      Payer: 'EndpointService',
      ResourceGroupId: 'rg-provider',
    });
    await provider.call('privatelink', 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: consumer.uid });
    net = await network(consumer, 1, [ZONE]);
    endpointId = await endpoint(consumer, net, serviceId, [ZONE], { ResourceGroupId: 'rg-consumer' });
    await untilSettled(consumer, endpointId, 'Connected');
  });
  afterAll(async () => {
    await stack.stop();
  });

  const attribute = (): Promise<Json> => consumer.call('privatelink', 'GetVpcEndpointAttribute', { EndpointId: endpointId });

  it("reports the service's payer, whether both ends are one account, and the endpoint's group on its connection", async () => {
    expect(await attribute()).toMatchObject({ Payer: 'EndpointService', ResourceOwner: false, ResourceGroupId: 'rg-consumer' });
    const listed = ((await consumer.call('privatelink', 'ListVpcEndpoints', { EndpointId: endpointId }))['Endpoints'] as Json[])[0]!;
    expect(listed).toMatchObject({ Payer: 'EndpointService', ResourceOwner: false });
    expect(await connection(provider, serviceId, endpointId)).toMatchObject({ ResourceGroupId: 'rg-consumer', ResourceOwner: false });

    // The provider's own endpoint to its own service: one account at both ends; the default payer is the consumer.
    const ownService = await activeService(provider, { ...resources('nlb', [['nlb-groups2', ZONE]]), AutoAcceptEnabled: true });
    const ownNet = await network(provider, 2, [ZONE]);
    const own = await endpoint(provider, ownNet, ownService, [ZONE]);
    expect(await provider.call('privatelink', 'GetVpcEndpointAttribute', { EndpointId: own })).toMatchObject({
      Payer: 'Endpoint',
      ResourceOwner: true,
    });
    await untilSettled(provider, own, 'Connected');
    expect(await connection(provider, ownService, own)).toMatchObject({ ResourceOwner: true, ResourceGroupId: '' });
  });

  it('moves an endpoint (the default ResourceType) and a service with ChangeResourceGroup', async () => {
    await consumer.call('privatelink', 'ChangeResourceGroup', { ResourceId: endpointId, ResourceGroupId: 'rg-moved' });
    expect((await attribute())['ResourceGroupId']).toBe('rg-moved');
    const byGroup = async (group: string): Promise<unknown[]> =>
      ((await consumer.call('privatelink', 'ListVpcEndpoints', { ResourceGroupId: group }))['Endpoints'] as Json[]).map(
        (e) => e['EndpointId'],
      );
    expect(await byGroup('rg-moved')).toEqual([endpointId]);
    expect(await byGroup('rg-consumer')).toEqual([]);
    // The provider sees (and filters) the connection by the endpoint's group.
    const connections = async (group: string): Promise<number> =>
      (
        (await provider.call('privatelink', 'ListVpcEndpointConnections', { ServiceId: serviceId, ResourceGroupId: group }))[
          'Connections'
        ] as Json[]
      ).length;
    expect(await connections('rg-moved')).toBe(1);
    expect(await connections('rg-provider')).toBe(0);

    await provider.call('privatelink', 'ChangeResourceGroup', {
      ResourceType: 'VpcEndpointService',
      ResourceId: serviceId,
      ResourceGroupId: 'rg-svc2',
    });
    expect((await provider.call('privatelink', 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }))['ResourceGroupId']).toBe(
      'rg-svc2',
    );
    const services = await provider.call('privatelink', 'ListVpcEndpointServices', { ResourceGroupId: 'rg-svc2' });
    expect((services['Services'] as Json[]).map((s) => s['ServiceId'])).toEqual([serviceId]);
  });

  it('refuses ChangeResourceGroup with the action codes', async () => {
    const change = (caller: ApiCaller, params: Json): Promise<Json> => caller.call('privatelink', 'ChangeResourceGroup', params);
    expect(await failure(change(consumer, { ResourceGroupId: 'rg-x' }))).toMatchObject({ code: 'MissingParameter.ResourceId' });
    expect(await failure(change(consumer, { ResourceId: endpointId }))).toMatchObject({ code: 'MissingParameter.ResourceGroupId' });
    expect(await failure(change(consumer, { ResourceId: endpointId, ResourceGroupId: 'rg-x', RegionId: undefined }))).toMatchObject({
      code: 'MissingParameter.ResourceRegionId',
    });
    expect(await failure(change(consumer, { ResourceId: endpointId, ResourceGroupId: 'group-x' }))).toMatchObject({
      code: 'InvalidResourceGroup',
    });
    // Someone else's endpoint, and a service named as an endpoint, are not found.
    expect(await failure(change(provider, { ResourceId: endpointId, ResourceGroupId: 'rg-x' }))).toMatchObject({
      code: 'ResourceNotFound',
    });
    expect(await failure(change(provider, { ResourceId: serviceId, ResourceGroupId: 'rg-x' }))).toMatchObject({ code: 'ResourceNotFound' });
    expect((await attribute())['ResourceGroupId']).toBe('rg-moved');
  });

  it('moves a VPC and a gateway endpoint with the VPC API MoveResourceGroup', async () => {
    const move = (params: Json): Promise<Json> => consumer.call('vpc', 'MoveResourceGroup', params);
    await move({ ResourceType: 'Vpc', ResourceId: net.vpcId, NewResourceGroupId: 'rg-net' });
    expect((await consumer.call('vpc', 'DescribeVpcAttribute', { VpcId: net.vpcId }))['ResourceGroupId']).toBe('rg-net');
    const gateway = String(
      (await consumer.call('vpc', 'CreateVpcGatewayEndpoint', { VpcId: net.vpcId, ServiceName: 'com.aliyun.cn-hangzhou.oss' }))[
        'EndpointId'
      ],
    );
    await move({ ResourceType: 'GatewayEndpoint', ResourceId: gateway, NewResourceGroupId: 'rg-gw' });
    expect((await consumer.call('vpc', 'GetVpcGatewayEndpointAttribute', { EndpointId: gateway }))['ResourceGroupId']).toBe('rg-gw');
    expect(await failure(move({ ResourceType: 'Eip', ResourceId: 'eip-1', NewResourceGroupId: 'rg-x' }))).toMatchObject({
      code: 'IllegalParam.ResourceType',
    });
    expect(await failure(move({ ResourceType: 'Vpc', ResourceId: 'vpc-neverexisted0', NewResourceGroupId: 'rg-x' }))).toMatchObject({
      code: 'InvalidResourceId.NotFound',
    });
    expect(await failure(move({ ResourceType: 'Vpc', ResourceId: net.vpcId, NewResourceGroupId: 'net' }))).toMatchObject({
      code: 'InvalidResourceGroupId',
    });
    expect((await consumer.call('vpc', 'DescribeVpcAttribute', { VpcId: net.vpcId }))['ResourceGroupId']).toBe('rg-net');
  });
});
