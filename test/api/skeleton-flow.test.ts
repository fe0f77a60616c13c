import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, cloudClient, errorCodeOf } from '../helpers/cloud.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork, until, type Clients } from '../helpers/scenario.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import RPCClient from '@alicloud/pop-core';

describe('cloud API walking skeleton (memory store, pop-core client)', () => {
  let plinkd: PlinkdProcess;
  let provider: Clients;
  let consumer: Clients;

  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS });
    provider = clientsFor(plinkd.apiUrl, 'provider');
    consumer = clientsFor(plinkd.apiUrl, 'consumer');
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  it('creates VPC, vSwitches, service and endpoint, and reports ENI addresses from the vSwitch CIDRs', async () => {
    const network = await createNetwork(consumer, 1);
    const vpcs = await call(consumer.vpc, 'DescribeVpcs', { VpcId: network.vpcId }, 'GET');
    expect(vpcs).toMatchObject({ TotalCount: 1, Vpcs: { Vpc: [{ VpcId: network.vpcId, CidrBlock: '10.1.0.0/16' }] } });
    const switches = await call(consumer.vpc, 'DescribeVSwitches', { VpcId: network.vpcId });
    expect((switches['VSwitches'] as { VSwitch: unknown[] }).VSwitch).toHaveLength(3);

    const serviceId = await createActiveService(provider);
    const service = await call(provider.privatelink, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId });
    expect(service['ServiceDomain']).toBe(`${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`);
    expect(service['ServiceName']).toBe(`com.aliyuncs.privatelink.cn-hangzhou.${serviceId}`);
  });

  it('refuses an unknown AccessKeyId and a wrong signature with the cloud codes', async () => {
    const unknown = new RPCClient({
      endpoint: plinkd.apiUrl,
      apiVersion: '2016-04-28',
      accessKeyId: 'LTAInobody000000',
      accessKeySecret: 'whatever-secret',
    });
    expect(await errorCodeOf(unknown.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }))).toBe('InvalidAccessKeyId.NotFound');
    const wrongSecret = new RPCClient({
      endpoint: plinkd.apiUrl,
      apiVersion: '2016-04-28',
      accessKeyId: 'LTAIconsumer2222',
      accessKeySecret: 'not-the-secret',
    });
    expect(await errorCodeOf(wrongSecret.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }))).toBe('SignatureDoesNotMatch');
    const good = cloudClient(plinkd.apiUrl, 'consumer', 'vpc');
    expect(await good.request('DescribeVpcs', { RegionId: 'cn-hangzhou' })).toHaveProperty('TotalCount');
  });

  it('answers parameter errors before any write', async () => {
    expect(await errorCodeOf(call(consumer.vpc, 'CreateVSwitch', { ZoneId: 'cn-hangzhou-h', CidrBlock: '10.9.0.0/24' }))).toBe(
      'MissingParam.VpcId',
    );
    expect(await errorCodeOf(call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.0.0.1/33' }))).toBe('InvalidParameter');
    expect(await errorCodeOf(call(consumer.privatelink, 'GetVpcEndpointAttribute', { EndpointId: 'ep-doesnotexist' }))).toBe(
      'EndpointNotFound',
    );
    expect(await errorCodeOf(call(consumer.privatelink, 'NoSuchAction', {}))).toBe('InvalidAction.NotFound');
  });

  it('walks an endpoint through Creating → Active/Connected, lists it, removes a zone, deletes it', async () => {
    const network = await createNetwork(consumer, 2);
    const serviceId = await createActiveService(provider, { ServiceDescription: 'skeleton service' });
    // Not on the whitelist yet: the consumer may not connect.
    const denied = await errorCodeOf(
      call(consumer.privatelink, 'CreateVpcEndpoint', {
        VpcId: network.vpcId,
        ServiceId: serviceId,
        'SecurityGroupId.1': 'sg-a',
      }),
    );
    expect(denied).toBe('EndpointServiceNotAuthorized');
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });

    const endpoint = await createConnectedEndpoint(consumer, network, serviceId);
    expect(endpoint.endpointDomain).toBe(`${endpoint.endpointId}.${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`);
    const zones = (await call(consumer.privatelink, 'ListVpcEndpointZones', { EndpointId: endpoint.endpointId }))['Zones'] as Array<
      Record<string, string>
    >;
    expect(zones.map((z) => z['ZoneId'])).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j']);
    // The first usable address of each /24 (the cloud reserves .0 and .253-.255).
    expect(zones.map((z) => z['EniIp'])).toEqual(['10.2.0.1', '10.2.1.1', '10.2.2.1']);
    expect(zones[0]!['ZoneDomain']).toBe(`${endpoint.endpointId}-cn-hangzhou-h.${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`);

    const listed = await call(consumer.privatelink, 'ListVpcEndpoints', { VpcId: network.vpcId });
    expect(listed).toMatchObject({ TotalCount: 1, Endpoints: [{ EndpointId: endpoint.endpointId, ConnectionStatus: 'Connected' }] });
    // The provider does not see the consumer's endpoint as its own.
    expect(await errorCodeOf(call(provider.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpoint.endpointId }))).toBe(
      'EndpointNotFound',
    );

    await call(consumer.privatelink, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpoint.endpointId, ZoneId: 'cn-hangzhou-j' });
    await until(
      () => call(consumer.privatelink, 'ListVpcEndpointZones', { EndpointId: endpoint.endpointId }),
      (z) => (z['Zones'] as unknown[]).length === 2,
    );
    await call(consumer.privatelink, 'DeleteVpcEndpoint', { EndpointId: endpoint.endpointId });
    const code = await until(
      () => errorCodeOf(call(consumer.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpoint.endpointId })).catch(() => 'exists'),
      (c) => c === 'EndpointNotFound',
    );
    expect(code).toBe('EndpointNotFound');
    // Its addresses went back to the vSwitches: a new endpoint gets the same first address.
    const again = await createConnectedEndpoint(consumer, network, serviceId, ['cn-hangzhou-h']);
    const againZones = (await call(consumer.privatelink, 'ListVpcEndpointZones', { EndpointId: again.endpointId }))['Zones'] as Array<
      Record<string, string>
    >;
    expect(againZones[0]!['EniIp']).toBe('10.2.0.1');
  });
});
