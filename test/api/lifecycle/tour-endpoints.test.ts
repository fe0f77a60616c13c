import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../helpers/scenario.js';
import {
  ACCOUNTS,
  ZONES,
  activeService,
  newEndpoint,
  pl,
  plError,
  plExact,
  startWorld,
  untilGone,
  untilSettled,
  untilZones,
  zoneParams,
  type Json,
  type Network,
  type StoreKind,
  type World,
} from './world.js';

/**
 * Scripted tour, consumer side, with @alicloud/pop-core: endpoint and zone
 * actions, their happy paths and each documented error, on both stores.
 */
describe.each<StoreKind>(['memory', 'redis'])('endpoint actions tour (%s store)', (store) => {
  let world: World;
  let network: Network;
  let service: string; // auto-accept NLB service in every zone
  let twoZone: string; // resources in zones h and i only
  let gwlb: string;
  let cloudProvided: string;
  let notAllowed: string; // the consumer is not on its whitelist
  let endpointId: string;

  beforeAll(async () => {
    world = await startWorld({ store });
    const { provider, operator, consumer } = world;
    service = await activeService(provider, { AutoAcceptEnabled: true });
    twoZone = await activeService(provider, { AutoAcceptEnabled: true }, 'nlb', ['cn-hangzhou-h', 'cn-hangzhou-i']);
    gwlb = await activeService(provider, { AutoAcceptEnabled: true }, 'gwlb', ['cn-hangzhou-h']);
    notAllowed = await activeService(provider);
    cloudProvided = await activeService(operator, { AutoAcceptEnabled: true, PrivateServiceDomain: 'Store.Internal.Example.com' });
    for (const [clients, id] of [
      [provider, service],
      [provider, twoZone],
      [provider, gwlb],
      [operator, cloudProvided],
    ] as const) {
      await pl(clients, 'AddUserToVpcEndpointService', { ServiceId: id, UserId: ACCOUNTS.consumer.uid });
    }
    network = await createNetwork(consumer, 1);
  });
  afterAll(async () => {
    await world.stop();
  });

  const create = (extra: Json, zones: readonly string[] = ZONES): Promise<string> =>
    plError(world.consumer, 'CreateVpcEndpoint', {
      VpcId: network.vpcId,
      ServiceId: service,
      'SecurityGroupId.1': 'sg-test1',
      ...zoneParams(network, zones),
      ...extra,
    });

  it('CreateVpcEndpoint: Creating/Disconnected at once, then Active/Connected; each documented refusal', async () => {
    const { consumer } = world;
    expect(await create({ VpcId: 'vpc-doesnotexist' })).toBe('VpcNotFound');
    expect(await create({ VpcId: undefined })).toBe('MissingParam.VpcId');
    expect(await create({ ServiceId: undefined })).toBe('MissingParam.ServiceId');
    expect(await create({ ServiceId: 'epsrv-doesnotexist' })).toBe('EndpointServiceNotFound');
    expect(await create({ ServiceId: notAllowed })).toBe('EndpointServiceNotAuthorized');
    expect(await create({ 'SecurityGroupId.1': undefined })).toBe('EndpointMustContainSecurityGroup');
    expect(
      await create({ 'Zone.2.ZoneId': 'cn-hangzhou-h', 'Zone.2.VSwitchId': network.vSwitches['cn-hangzhou-h'] }, ['cn-hangzhou-h']),
    ).toBe('EndpointZoneDuplicated');
    expect(await create({ 'Zone.1.VSwitchId': 'vsw-doesnotexist' }, ['cn-hangzhou-h'])).toBe('VSwitchNotFound');
    expect(await create({ 'Zone.1.ZoneId': 'cn-hangzhou-i' }, ['cn-hangzhou-h'])).toBe('IllegalParam.ZoneId');
    expect(await create({ ServiceId: twoZone })).toBe('EndpointServiceNotSupportedZone');
    expect(await create({ EndpointType: 'GatewayLoadBalancer' }, ['cn-hangzhou-h'])).toBe('Mismatch.EndpointType');
    expect(await create({ ServiceId: gwlb }, ['cn-hangzhou-h'])).toBe('Mismatch.EndpointType');
    expect(await create({ EndpointType: 'Reverse' }, ['cn-hangzhou-h'])).toBe('Mismatch.EndpointType');
    expect(await create({ ServiceId: gwlb, EndpointType: 'GatewayLoadBalancer' }, [])).toBe('MissingParam.Zone.1.ZoneId');
    expect(await create({ ServiceId: gwlb, EndpointType: 'GatewayLoadBalancer' }, ['cn-hangzhou-h', 'cn-hangzhou-i'])).toBe(
      'QuotaExceeded.epZonePerEndpoint',
    );
    expect(await create({ ServiceRegionId: 'cn-beijing' })).toBe('IllegalParam.ServiceRegionId');
    expect(await create({ ZonePrivateIpAddressCount: 2 })).toBe('IllegalParamFormat.ZonePrivateIpAddressCount');
    expect(await create({ EndpointType: 'Tunnel' })).toBe('IllegalParamFormat.EndpointType');
    expect(await create({ PrivateServiceDomainEnabled: true })).toBe('OperationDenied.PrivateDomainNotSupport');
    expect(await create({ DryRun: true })).toBe('DryRunOperation');
    // Nothing of the refused calls was kept: no endpoint, no address taken.
    expect((await pl(consumer, 'ListVpcEndpoints'))['TotalCount']).toBe(0);

    const created = await pl(consumer, 'CreateVpcEndpoint', {
      VpcId: network.vpcId,
      ServiceName: `com.aliyuncs.privatelink.cn-hangzhou.${service}`,
      'SecurityGroupId.1': 'sg-test1',
      ...zoneParams(network, ['cn-hangzhou-h']),
      EndpointName: 'tour-endpoint',
      EndpointDescription: 'the tour endpoint',
      ResourceGroupId: 'rg-tour',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'blue',
    });
    endpointId = String(created['EndpointId']);
    expect(endpointId).toMatch(/^ep-[a-z0-9]{20}$/);
    expect(created).toMatchObject({
      EndpointStatus: 'Creating',
      ConnectionStatus: 'Disconnected',
      EndpointBusinessStatus: 'Normal',
      ServiceId: service,
      EndpointName: 'tour-endpoint',
      EndpointDomain: `${endpointId}.${service}.cn-hangzhou.privatelink.aliyuncs.com`,
      Bandwidth: 3072,
      VpcId: network.vpcId,
    });
    const { zones } = await untilSettled(consumer, endpointId, 'Connected');
    expect(zones).toEqual([
      expect.objectContaining({
        ZoneId: 'cn-hangzhou-h',
        ZoneStatus: 'Connected',
        EniIp: '10.1.0.1',
        VSwitchId: network.vSwitches['cn-hangzhou-h'],
      }),
    ]);

    // GatewayLoadBalancer: one zone, gwlb service; Reverse: a cloud-provided (operator) service.
    const gw = await newEndpoint(consumer, network, gwlb, ['cn-hangzhou-h'], { EndpointType: 'GatewayLoadBalancer' });
    const reverse = await newEndpoint(consumer, network, cloudProvided, ['cn-hangzhou-i'], {
      EndpointType: 'Reverse',
      PrivateServiceDomainEnabled: true,
    });
    expect((await untilSettled(consumer, gw, 'Connected')).endpoint['EndpointType']).toBe('GatewayLoadBalancer');
    expect((await untilSettled(consumer, reverse, 'Connected')).endpoint).toMatchObject({
      EndpointType: 'Reverse',
      PrivateServiceDomainEnabled: true,
    });
    // The cloud-provided service's custom name, normalized; a second service cannot take it.
    expect((await pl(world.operator, 'GetVpcEndpointServiceAttribute', { ServiceId: cloudProvided }))['PrivateServiceDomain']).toBe(
      'store.internal.example.com',
    );
    expect(
      await plError(world.operator, 'CreateVpcEndpointService', {
        ServiceResourceType: 'nlb',
        PrivateServiceDomain: 'store.internal.example.com.',
      }),
    ).toBe('Conflict.ServiceName');
    await pl(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: reverse, PrivateServiceDomainEnabled: false });
    expect((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: reverse }))['PrivateServiceDomainEnabled']).toBe(false);
  });

  it('CreateVpcEndpoint with a ClientToken: a retry returns the first endpoint and takes no second address', async () => {
    const { consumer } = world;
    const params = {
      VpcId: network.vpcId,
      ServiceId: service,
      'SecurityGroupId.1': 'sg-test1',
      ...zoneParams(network, ['cn-hangzhou-j']),
      ClientToken: 'endpoint-token-1',
    };
    const [first, second] = await Promise.all([pl(consumer, 'CreateVpcEndpoint', params), pl(consumer, 'CreateVpcEndpoint', params)]);
    expect(second['EndpointId']).toBe(first['EndpointId']);
    expect(await plError(consumer, 'CreateVpcEndpoint', { ...params, EndpointName: 'other' })).toBe('IdempotentParameterMismatch');
    const { zones } = await untilSettled(consumer, String(first['EndpointId']), 'Connected');
    expect(zones.map((z) => z['EniIp'])).toEqual(['10.1.2.1']);
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: first['EndpointId'] });
    expect(await untilGone(() => plError(consumer, 'GetVpcEndpointAttribute', { EndpointId: first['EndpointId'] }))).toBe(
      'EndpointNotFound',
    );
  });

  it('GetVpcEndpointAttribute: the cloud fields; EndpointNotFound otherwise', async () => {
    const endpoint = await pl(world.consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId });
    expect(endpoint).toMatchObject({
      EndpointId: endpointId,
      EndpointType: 'Interface',
      EndpointStatus: 'Active',
      ConnectionStatus: 'Connected',
      RegionId: 'cn-hangzhou',
      ServiceRegionId: 'cn-hangzhou',
      ZonePrivateIpAddressCount: 1,
      ResourceGroupId: 'rg-tour',
      AddressIpVersion: 'IPv4',
    });
    expect(JSON.parse(String(endpoint['PolicyDocument']))).toEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' }],
    });
    expect(await plError(world.consumer, 'GetVpcEndpointAttribute', { EndpointId: 'ep-doesnotexist' })).toBe('EndpointNotFound');
    expect(await plError(world.consumer, 'GetVpcEndpointAttribute', { EndpointId: 'not-an-id' })).toBe('IllegalParamFormat.EndpointId');
  });

  it('ListVpcEndpoints: every filter, Tags, keyset paging', async () => {
    const ids = async (params: Json): Promise<string[]> =>
      ((await pl(world.consumer, 'ListVpcEndpoints', params))['Endpoints'] as Json[]).map((e) => String(e['EndpointId']));
    expect(await ids({ EndpointId: endpointId })).toEqual([endpointId]);
    expect(await ids({ EndpointName: 'tour-endpoint' })).toEqual([endpointId]);
    expect(await ids({ ServiceName: `com.aliyuncs.privatelink.cn-hangzhou.${service}` })).toEqual([endpointId]);
    expect(await ids({ 'Tag.1.Key': 'team' })).toEqual([endpointId]);
    expect(await ids({ 'Tag.1.Key': 'team', 'Tag.1.Value': 'red' })).toEqual([]);
    expect(await ids({ ResourceGroupId: 'rg-tour' })).toEqual([endpointId]);
    expect(await ids({ EndpointType: 'GatewayLoadBalancer' })).toHaveLength(1);
    expect(await ids({ EndpointType: 'Reverse' })).toHaveLength(1);
    expect(
      await ids({
        EndpointStatus: 'Active',
        ConnectionStatus: 'Connected',
        AddressIpVersion: 'IPv4',
        VpcId: network.vpcId,
        ServiceRegionId: 'cn-hangzhou',
      }),
    ).toHaveLength(3);
    expect(await ids({ ConnectionStatus: 'Disconnected' })).toEqual([]);
    const first = await pl(world.consumer, 'ListVpcEndpoints', { MaxResults: 2 });
    expect(first).toMatchObject({ TotalCount: 3, MaxResults: 2 });
    const rest = await pl(world.consumer, 'ListVpcEndpoints', { MaxResults: 2, NextToken: first['NextToken'] });
    const all = [...(first['Endpoints'] as Json[]), ...(rest['Endpoints'] as Json[])];
    expect(new Set(all.map((e) => e['EndpointId'])).size).toBe(3);
    expect(all.find((e) => e['EndpointId'] === endpointId)!['Tags']).toEqual([{ Key: 'team', Value: 'blue' }]);
  });

  it('UpdateVpcEndpointAttribute: name, description, policy stored as given, reset policy, zone affinity', async () => {
    const { consumer } = world;
    const policy = '{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*","Principal":"*"}]}';
    await pl(consumer, 'UpdateVpcEndpointAttribute', {
      EndpointId: endpointId,
      EndpointName: 'renamed',
      EndpointDescription: 'changed',
      PolicyDocument: policy,
      ZoneAffinityEnabled: true,
    });
    expect(await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId })).toMatchObject({
      EndpointName: 'renamed',
      EndpointDescription: 'changed',
      PolicyDocument: policy,
      ZoneAffinityEnabled: true,
      // Applies at once: no Pending, the connection untouched.
      EndpointStatus: 'Active',
      ConnectionStatus: 'Connected',
    });
    await pl(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, ResetPolicy: true });
    expect(
      JSON.parse(String((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['PolicyDocument']))['Statement'][0][
        'Effect'
      ],
    ).toBe('Allow');
    expect(
      await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, ResetPolicy: true, PolicyDocument: policy }),
    ).toBe('IllegalParam.ResetPolicy');
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: '1bad' })).toBe(
      'IllegalParamFormat.EndpointName',
    );
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'dry', DryRun: true })).toBe(
      'DryRunOperation',
    );
    expect((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['EndpointName']).toBe('renamed');
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: 'ep-doesnotexist', EndpointName: 'x1' })).toBe(
      'EndpointNotFound',
    );
  });

  it("ListVpcEndpointServicesByEndUser: whitelisted services and one's own, string TotalCount", async () => {
    const { consumer, provider } = world;
    const visible = await pl(consumer, 'ListVpcEndpointServicesByEndUser');
    const ids = (visible['Services'] as Json[]).map((s) => s['ServiceId']);
    expect(ids.sort()).toEqual([service, twoZone, gwlb, cloudProvided].sort());
    expect(visible['TotalCount']).toBe('4');
    expect((visible['Services'] as Json[]).find((s) => s['ServiceId'] === service)).toMatchObject({
      ServiceType: 'Interface',
      ServiceResourceType: 'nlb',
      Zones: [...ZONES],
      VpcEndpointPolicySupported: true,
      AutoAcceptEnabled: true,
    });
    const gateways = await pl(consumer, 'ListVpcEndpointServicesByEndUser', { ServiceType: 'GatewayLoadBalancer' });
    expect((gateways['Services'] as Json[]).map((s) => s['ServiceId'])).toEqual([gwlb]);
    expect(await pl(consumer, 'ListVpcEndpointServicesByEndUser', { ServiceId: notAllowed })).toMatchObject({
      Services: [],
      TotalCount: '0',
    });
    // The provider sees its own services, including the one it whitelisted no one on.
    const own = (await pl(provider, 'ListVpcEndpointServicesByEndUser'))['Services'] as Json[];
    expect(own.map((s) => s['ServiceId'])).toContain(notAllowed);
  });

  it('Add/Remove/ListVpcEndpointZones: lowercase ip honoured, the documented refusals, addresses released', async () => {
    const { consumer } = world;
    // The cloud's wire name is `ip`; sent as is (pop-core's default would send `Ip`, also accepted).
    const add = (params: Json): Promise<Json> => plExact(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...params });
    const addError = (params: Json): Promise<string> => plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...params });
    const zoneI = { ZoneId: 'cn-hangzhou-i', VSwitchId: network.vSwitches['cn-hangzhou-i'] };
    expect(await addError({ ZoneId: 'cn-hangzhou-h', VSwitchId: network.vSwitches['cn-hangzhou-h'] })).toBe('EndpointZoneDuplicated');
    expect(await addError({ ...zoneI, VSwitchId: 'vsw-doesnotexist' })).toBe('VSwitchNotFound');
    expect(await addError({ ZoneId: 'cn-hangzhou-i' })).toBe('MissingParam.VSwitchId');
    expect(await addError({ ...zoneI, ip: '10.1.1.200', DryRun: true })).toBe('DryRunOperation');
    expect(await plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: 'ep-doesnotexist', ...zoneI })).toBe('EndpointNotFound');
    await add({ ...zoneI, ip: '10.1.1.200' });
    const zones = (await untilSettled(consumer, endpointId, 'Connected')).zones;
    expect(zones.map((z) => [z['ZoneId'], z['EniIp'], z['ZoneStatus']])).toEqual([
      ['cn-hangzhou-h', '10.1.0.1', 'Connected'],
      ['cn-hangzhou-i', '10.1.1.200', 'Connected'],
    ]);
    expect(await pl(consumer, 'ListVpcEndpointZones', { EndpointId: endpointId, MaxResults: 1 })).toMatchObject({
      TotalCount: 2,
      MaxResults: 1,
    });
    expect(await plError(consumer, 'ListVpcEndpointZones', { EndpointId: 'ep-doesnotexist' })).toBe('EndpointNotFound');

    // The GatewayLoadBalancer endpoint holds exactly one zone.
    const gw = String(
      ((await pl(consumer, 'ListVpcEndpoints', { EndpointType: 'GatewayLoadBalancer' }))['Endpoints'] as Json[])[0]!['EndpointId'],
    );
    expect(await plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: gw, ...zoneI })).toBe('QuotaMisMatched');

    expect(await plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-j' })).toBe(
      'EndpointZoneNotFound',
    );
    expect(await plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-i', DryRun: true })).toBe(
      'DryRunOperation',
    );
    await pl(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-i' });
    const left = await untilZones(consumer, endpointId, (zones) => zones.length === 1);
    expect(left.map((z) => [z['ZoneId'], z['ZoneStatus']])).toEqual([['cn-hangzhou-h', 'Connected']]);
    // 10.1.1.200 is free again: asking for it succeeds (here as pop-core sends it, `Ip`).
    await pl(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...zoneI, ip: '10.1.1.200' });
    expect((await untilSettled(consumer, endpointId, 'Connected')).zones.map((z) => z['EniIp'])).toEqual(['10.1.0.1', '10.1.1.200']);
  });

  it('DeleteVpcEndpoint: removes its zones itself, frees the addresses, then EndpointNotFound', async () => {
    const { consumer } = world;
    expect(await plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId, DryRun: true })).toBe('DryRunOperation');
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    const deleting = await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }).catch(() => null);
    if (deleting !== null) expect(deleting).toMatchObject({ EndpointStatus: 'Deleting', ConnectionStatus: 'Deleting' });
    expect(await untilGone(() => plError(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))).toBe('EndpointNotFound');
    expect(await plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId })).toBe('EndpointNotFound');
    const again = await newEndpoint(consumer, network, service, ['cn-hangzhou-i'], { 'Zone.1.ip': '10.1.1.200' });
    expect((await untilSettled(consumer, again, 'Connected')).zones[0]!['EniIp']).toBe('10.1.1.200');
  });
});
