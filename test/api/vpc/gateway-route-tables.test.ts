import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller, type Json } from '../../helpers/api-call.js';
import { CLIENT_MATRIX, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

const OSS = 'com.aliyun.cn-hangzhou.oss';

/**
 * GetVpcGatewayEndpointAttribute and the route tables of a gateway endpoint,
 * named by the VPC's `vtb-` id (the RouteTableId CreateVpc returns), with
 * ClientToken and DryRun as the reference gives them.
 */
describe.each(CLIENT_MATRIX)('VPC gateway endpoint attributes and route tables ($kind, $store store)', ({ kind, store }) => {
  let stack: CallerStack;
  let tenant: ApiCaller;
  let stranger: ApiCaller;

  beforeAll(async () => {
    stack = await startCallerStack(kind, store);
    tenant = await stack.fresh();
    stranger = await stack.fresh();
  });
  afterAll(async () => {
    await stack.stop();
  });

  const vpc = (action: string, params: Json = {}): Promise<Json> => tenant.call('vpc', action, params);
  async function gateway(second: number, extra: Json = {}): Promise<{ vpcId: string; routeTableId: string; endpointId: string }> {
    const created = await vpc('CreateVpc', { CidrBlock: `10.${second}.0.0/16` });
    const endpoint = await vpc('CreateVpcGatewayEndpoint', { VpcId: created['VpcId'], ServiceName: OSS, ...extra });
    return { vpcId: String(created['VpcId']), routeTableId: String(created['RouteTableId']), endpointId: String(endpoint['EndpointId']) };
  }
  const routeTables = async (endpointId: string): Promise<unknown> =>
    (await vpc('GetVpcGatewayEndpointAttribute', { EndpointId: endpointId }))['RouteTables'];

  it('reads a gateway endpoint with GetVpcGatewayEndpointAttribute, ResourceGroupId included', async () => {
    const { vpcId, endpointId } = await gateway(1, {
      EndpointName: 'oss',
      EndpointDescription: 'to OSS',
      ResourceGroupId: 'rg-storage',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'data',
    });
    const read = await vpc('GetVpcGatewayEndpointAttribute', { EndpointId: endpointId });
    expect(read).toMatchObject({
      EndpointId: endpointId,
      EndpointName: 'oss',
      EndpointDescription: 'to OSS',
      EndpointStatus: 'Created',
      ServiceName: OSS,
      VpcId: vpcId,
      RouteTables: [],
      ResourceGroupId: 'rg-storage',
      Tags: [{ Key: 'team', Value: 'data' }],
    });
    expect(read['PolicyDocument']).toContain('"Effect":"Allow"');
    const listed = await vpc('ListVpcGatewayEndpoints', { ResourceGroupId: 'rg-storage' });
    expect((listed['Endpoints'] as Json[]).map((e) => e['EndpointId'])).toEqual([endpointId]);
    expect((await vpc('ListVpcGatewayEndpoints', { VpcId: vpcId, ResourceGroupId: 'rg-other' }))['TotalCount']).toBe(0);
    expect(await failure(vpc('CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS, ResourceGroupId: 'storage' }))).toMatchObject({
      code: 'InvalidResourceGroupId',
    });
    expect(await failure(stranger.call('vpc', 'GetVpcGatewayEndpointAttribute', { EndpointId: endpointId }))).toMatchObject({
      code: 'ResourceNotFound.GatewayEndpoint',
      status: 400,
    });
  });

  it('associates and dissociates the VPC route table, and refuses to delete an endpoint still associated', async () => {
    const { routeTableId, endpointId } = await gateway(2);
    expect(
      await failure(
        vpc('AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId: endpointId, 'RouteTableIds.1': routeTableId, DryRun: true }),
      ),
    ).toMatchObject({
      code: 'DryRunOperation',
    });
    expect(await routeTables(endpointId)).toEqual([]);
    await vpc('AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId: endpointId, 'RouteTableIds.1': routeTableId });
    expect(await routeTables(endpointId)).toEqual([routeTableId]);
    const listed = (await vpc('ListVpcGatewayEndpoints', { EndpointId: endpointId }))['Endpoints'] as Json[];
    expect(listed[0]!['AssociatedRouteTables']).toEqual([routeTableId]);
    expect(
      await failure(vpc('AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId: endpointId, 'RouteTableIds.1': routeTableId })),
    ).toMatchObject({
      code: 'ResourceAlreadyExist.Association',
    });
    expect(await failure(vpc('DeleteVpcGatewayEndpoint', { EndpointId: endpointId }))).toMatchObject({
      code: 'DependencyViolation.Association',
    });

    await vpc('DissociateRouteTablesFromVpcGatewayEndpoint', { EndpointId: endpointId, 'RouteTableIds.1': routeTableId });
    expect(await routeTables(endpointId)).toEqual([]);
    expect(
      await failure(vpc('DissociateRouteTablesFromVpcGatewayEndpoint', { EndpointId: endpointId, 'RouteTableIds.1': routeTableId })),
    ).toMatchObject({
      code: 'ResourceNotFound.Association',
    });
    await vpc('DeleteVpcGatewayEndpoint', { EndpointId: endpointId });
  });

  it('refuses route tables of other VPCs, unknown ones and other accounts', async () => {
    const own = await gateway(3);
    const other = await gateway(4);
    const associate = (routeTableId: string, caller = tenant): Promise<Json> =>
      caller.call('vpc', 'AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId: own.endpointId, 'RouteTableIds.1': routeTableId });
    expect(await failure(associate(other.routeTableId))).toMatchObject({ code: 'Mismatch.VpcAndRouteTable' });
    expect(await failure(associate('vtb-neverexisted0'))).toMatchObject({ code: 'ResourceNotFound.RouteTable' });
    expect(await failure(associate('rtb-notavtb'))).toMatchObject({ code: 'ResourceNotFound.RouteTable' });
    expect(await failure(associate(own.routeTableId, stranger))).toMatchObject({ code: 'ResourceNotFound.GatewayEndpoint' });
    expect(await failure(vpc('AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId: own.endpointId }))).toMatchObject({
      code: 'MissingParam.RouteTableIds.1',
    });
    expect(await routeTables(own.endpointId)).toEqual([]);
  });

  it('honours ClientToken: a retry succeeds without a second change, another request with the same token is refused', async () => {
    const { routeTableId, endpointId } = await gateway(5);
    const request = { EndpointId: endpointId, 'RouteTableIds.1': routeTableId, ClientToken: 'assoc-once' };
    await vpc('AssociateRouteTablesWithVpcGatewayEndpoint', request);
    await vpc('AssociateRouteTablesWithVpcGatewayEndpoint', request);
    expect(await routeTables(endpointId)).toEqual([routeTableId]);
    const other = await gateway(6);
    expect(
      await failure(
        vpc('AssociateRouteTablesWithVpcGatewayEndpoint', {
          ...request,
          EndpointId: other.endpointId,
          'RouteTableIds.1': other.routeTableId,
        }),
      ),
    ).toMatchObject({ code: 'IdempotentParameterMismatch' });
    expect(await routeTables(other.endpointId)).toEqual([]);
  });
});
