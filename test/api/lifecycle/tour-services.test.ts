import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../helpers/scenario.js';
import {
  ACCOUNTS,
  ZONES,
  activeService,
  untilGone,
  newEndpoint,
  pl,
  plError,
  resourceParams,
  startWorld,
  untilService,
  untilSettled,
  type Json,
  type StoreKind,
  type World,
} from './world.js';

/**
 * Scripted tour, provider side, with @alicloud/pop-core: every service action,
 * its happy path and each documented error, on both stores (docs/api.md).
 */
describe.each<StoreKind>(['memory', 'redis'])('service actions tour (%s store)', (store) => {
  let world: World;
  let serviceId: string;
  beforeAll(async () => {
    world = await startWorld({ store });
  });
  afterAll(async () => {
    await world.stop();
  });

  it('CreateVpcEndpointService: answers Creating at once, becomes Active; refuses bad resources; DryRun creates nothing', async () => {
    const { provider } = world;
    const before = (await pl(provider, 'ListVpcEndpointServices'))['TotalCount'];
    expect(await plError(provider, 'CreateVpcEndpointService', { ...resourceParams('nlb', ZONES), DryRun: true })).toBe('DryRunOperation');
    expect((await pl(provider, 'ListVpcEndpointServices'))['TotalCount']).toBe(before);

    const mixed = {
      ...resourceParams('nlb', ['cn-hangzhou-h']),
      'Resource.2.ResourceId': 'alb-x',
      'Resource.2.ResourceType': 'alb',
      'Resource.2.ZoneId': 'cn-hangzhou-i',
    };
    expect(await plError(provider, 'CreateVpcEndpointService', mixed)).toBe('Mismatch.ResourceType');
    expect(await plError(provider, 'CreateVpcEndpointService', resourceParams('nlb', ['cn-beijing-a']))).toBe(
      'EndpointServiceNotSupportedZone',
    );
    const twice = {
      ...resourceParams('nlb', ['cn-hangzhou-h']),
      'Resource.2.ResourceId': 'nlb-rh',
      'Resource.2.ResourceType': 'nlb',
      'Resource.2.ZoneId': 'cn-hangzhou-h',
    };
    expect(await plError(provider, 'CreateVpcEndpointService', twice)).toBe('EndpointServiceResourceExist');
    expect(
      await plError(provider, 'CreateVpcEndpointService', { ...resourceParams('slb', ['cn-hangzhou-h']), AddressIpVersion: 'DualStack' }),
    ).toBe('EndpointServiceNotSupportIpv6');
    expect(
      await plError(provider, 'CreateVpcEndpointService', { 'Resource.1.ResourceId': 'nlb-a', 'Resource.1.ZoneId': 'cn-hangzhou-h' }),
    ).toBe('MissingParam.Resource.1.ResourceType');
    expect(await plError(provider, 'CreateVpcEndpointService', { ServiceResourceType: 'elb' })).toBe(
      'IllegalParamFormat.ServiceResourceType',
    );
    // Custom private names belong to cloud-provided (operator) services; services are regional.
    expect(
      await plError(provider, 'CreateVpcEndpointService', { ServiceResourceType: 'nlb', PrivateServiceDomain: 'api.example.com' }),
    ).toBe('OperationDenied.PrivateDomainNotSupport');
    expect(await plError(provider, 'CreateVpcEndpointService', { ServiceResourceType: 'nlb', PrivateServiceDomain: 'not a name' })).toBe(
      'IllegalParamFormat.PrivateServiceDomain',
    );
    expect(await plError(provider, 'CreateVpcEndpointService', { ServiceResourceType: 'nlb', 'SupportedRegionList.1': 'cn-beijing' })).toBe(
      'IllegalParam.SupportedRegionList',
    );

    const created = await pl(provider, 'CreateVpcEndpointService', {
      ...resourceParams('nlb', ZONES),
      AutoAcceptEnabled: true,
      ServiceDescription: 'tour service',
      'Tag.1.Key': 'env',
      'Tag.1.Value': 'tour',
    });
    serviceId = String(created['ServiceId']);
    expect(serviceId).toMatch(/^epsrv-[a-z0-9]{20}$/);
    expect(created).toMatchObject({
      ServiceStatus: 'Creating',
      ServiceBusinessStatus: 'Normal',
      ServiceName: `com.aliyuncs.privatelink.cn-hangzhou.${serviceId}`,
      ServiceDomain: `${serviceId}.cn-hangzhou.privatelink.aliyuncs.com`,
      AutoAcceptEnabled: true,
      ZoneAffinityEnabled: false,
      AddressIpVersion: 'IPv4',
      ServiceDescription: 'tour service',
    });
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');

    // ClientToken: a retry returns the first service; the same token with other parameters is refused.
    const once = { ...resourceParams('slb', ['cn-hangzhou-j'], 'tok'), ClientToken: 'service-token-1' };
    const first = await pl(provider, 'CreateVpcEndpointService', once);
    const retry = await pl(provider, 'CreateVpcEndpointService', once);
    expect(retry['ServiceId']).toBe(first['ServiceId']);
    expect(await plError(provider, 'CreateVpcEndpointService', { ...once, AutoAcceptEnabled: true })).toBe('IdempotentParameterMismatch');
    await untilService(provider, String(first['ServiceId']), (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'DetachResourceFromVpcEndpointService', {
      ServiceId: first['ServiceId'],
      ResourceId: 'slb-tokj',
      ZoneId: 'cn-hangzhou-j',
    });
    await untilService(provider, String(first['ServiceId']), (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'DeleteVpcEndpointService', { ServiceId: first['ServiceId'] });
    expect(await untilGone(() => plError(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: first['ServiceId'] }))).toBe(
      'EndpointServiceNotFound',
    );
  });

  it('GetVpcEndpointServiceAttribute: the cloud fields; EndpointServiceNotFound otherwise', async () => {
    const service = await pl(world.provider, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId });
    expect(service).toMatchObject({
      ServiceId: serviceId,
      ServiceType: 'Interface',
      ServiceResourceType: 'nlb',
      ServiceStatus: 'Active',
      ConnectBandwidth: 3072,
      Payer: 'Endpoint',
      RegionId: 'cn-hangzhou',
      Zones: [...ZONES],
    });
    expect(await plError(world.provider, 'GetVpcEndpointServiceAttribute', { ServiceId: 'epsrv-doesnotexist' })).toBe(
      'EndpointServiceNotFound',
    );
    expect(await plError(world.provider, 'GetVpcEndpointServiceAttribute', {})).toBe('MissingParam.ServiceId');
  });

  it('ListVpcEndpointServices: every filter, Tags, keyset paging, integer TotalCount', async () => {
    const { provider } = world;
    const other = await activeService(provider, { AutoAcceptEnabled: false }, 'slb', ['cn-hangzhou-h']);
    const ids = async (params: Json): Promise<string[]> =>
      ((await pl(provider, 'ListVpcEndpointServices', params))['Services'] as Json[]).map((s) => String(s['ServiceId']));
    expect(await ids({ ServiceId: serviceId })).toEqual([serviceId]);
    expect(await ids({ ServiceName: `com.aliyuncs.privatelink.cn-hangzhou.${other}` })).toEqual([other]);
    expect(await ids({ AutoAcceptEnabled: false })).toContain(other);
    expect(await ids({ AutoAcceptEnabled: false })).not.toContain(serviceId);
    expect(await ids({ ServiceResourceType: 'slb' })).toEqual([other]);
    expect(await ids({ ResourceId: 'nlb-ri' })).toContain(serviceId);
    expect(await ids({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'tour' })).toEqual([serviceId]);
    expect(await ids({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'other' })).toEqual([]);
    expect(
      await ids({ ServiceStatus: 'Active', ServiceBusinessStatus: 'Normal', AddressIpVersion: 'IPv4', ZoneAffinityEnabled: false }),
    ).toEqual(expect.arrayContaining([serviceId, other]));
    const first = await pl(provider, 'ListVpcEndpointServices', { MaxResults: 1 });
    expect(first).toMatchObject({ MaxResults: 1, TotalCount: 2 });
    const second = await pl(provider, 'ListVpcEndpointServices', { MaxResults: 1, NextToken: first['NextToken'] });
    expect(second['NextToken']).toBe('');
    const both = [...(first['Services'] as Json[]), ...(second['Services'] as Json[])];
    expect(both.map((s) => s['ServiceId']).sort()).toEqual([serviceId, other].sort());
    expect(both.find((s) => s['ServiceId'] === serviceId)!['Tags']).toEqual([{ Key: 'env', Value: 'tour' }]);
    expect(await plError(provider, 'ListVpcEndpointServices', { NextToken: 'not-a-token!' })).toBe('IllegalParamFormat.NextToken');
    expect(await plError(provider, 'ListVpcEndpointServices', { MaxResults: 1001 })).toBe('IllegalParamFormat.MaxResults');
  });

  it('UpdateVpcEndpointServiceAttribute: applies, goes Pending → Active; bandwidth only for CLB/ALB; DualStack only for NLB/GWLB', async () => {
    const { provider } = world;
    await pl(provider, 'UpdateVpcEndpointServiceAttribute', {
      ServiceId: serviceId,
      ServiceDescription: 'renamed',
      ZoneAffinityEnabled: true,
      AutoAcceptEnabled: false,
    });
    const updated = await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    expect(updated).toMatchObject({ ServiceDescription: 'renamed', ZoneAffinityEnabled: true, AutoAcceptEnabled: false });
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: serviceId, ConnectBandwidth: 1000 })).toBe(
      'UpdateBandWidthUnSupported',
    );
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: serviceId, ConnectBandwidth: 99 })).toBe(
      'IllegalParamFormat.ConnectBandwidth',
    );
    const slb = await activeService(provider, {}, 'slb', ['cn-hangzhou-h']);
    await pl(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: slb, ConnectBandwidth: 1000 });
    expect((await untilService(provider, slb, (s) => s['ServiceStatus'] === 'Active'))['ConnectBandwidth']).toBe(1000);
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: slb, AddressIpVersion: 'DualStack' })).toBe(
      'ServiceResourceNotSupportIpv6',
    );
    expect(
      await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: slb, ServiceDescription: 'dry run', DryRun: true }),
    ).toBe('DryRunOperation');
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: 'epsrv-doesnotexist' })).toBe(
      'EndpointServiceNotFound',
    );
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: slb, 'AddSupportedRegionSet.1': 'cn-beijing' })).toBe(
      'IllegalParam.AddSupportedRegionSet',
    );
    await pl(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: serviceId, AutoAcceptEnabled: true });
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active' && s['AutoAcceptEnabled'] === true);
  });

  it('Add/Remove/ListVpcEndpointServiceUsers: UserId and UserARN forms, string TotalCount, the documented errors', async () => {
    const { provider, consumer } = world;
    const usersOf = (type: string): Promise<Json> =>
      pl(provider, 'ListVpcEndpointServiceUsers', { ServiceId: serviceId, UserListType: type });
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserARN: `acs:ram:*:${ACCOUNTS.stranger.uid}:*` });
    // Adding an entry twice is harmless.
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    const users = await usersOf('Users');
    expect(users).toMatchObject({ TotalCount: '2', UserARNs: [], MaxResults: 50 });
    // UserId is a JSON number (a long); pop-core reads such numbers as BigNumber.
    expect((users['Users'] as Json[]).map((u) => String(u['UserId']))).toEqual([ACCOUNTS.provider.uid, ACCOUNTS.consumer.uid]);
    expect(await usersOf('UserARNs')).toMatchObject({
      TotalCount: '1',
      Users: [],
      UserARNs: [{ UserARN: `acs:ram:*:${ACCOUNTS.stranger.uid}:*` }],
    });
    expect(await pl(provider, 'ListVpcEndpointServiceUsers', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid })).toMatchObject({
      TotalCount: '1',
    });
    const paged = await pl(provider, 'ListVpcEndpointServiceUsers', { ServiceId: serviceId, MaxResults: 1 });
    expect((paged['Users'] as Json[]).length).toBe(1);
    expect(paged['NextToken']).not.toBe('');

    expect(await plError(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId })).toBe('MissingParam.UserArn');
    expect(
      await plError(provider, 'AddUserToVpcEndpointService', {
        ServiceId: serviceId,
        UserId: ACCOUNTS.consumer.uid,
        UserARN: `acs:ram:*:${ACCOUNTS.stranger.uid}:*`,
      }),
    ).toBe('Mismatch.UserIdAndUserArn');
    expect(await plError(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '12' })).toBe(
      'IllegalParamFormat.UserId',
    );
    expect(
      await plError(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.stranger.uid, DryRun: true }),
    ).toBe('DryRunOperation');
    expect(await plError(provider, 'AddUserToVpcEndpointService', { ServiceId: 'epsrv-doesnotexist', UserId: ACCOUNTS.consumer.uid })).toBe(
      'EndpointServiceNotFound',
    );
    expect(await plError(provider, 'ListVpcEndpointServiceUsers', { ServiceId: 'epsrv-doesnotexist' })).toBe('EndpointServiceNotFound');
    expect(await plError(provider, 'ListVpcEndpointServiceUsers', { ServiceId: serviceId, MaxResults: 51 })).toBe(
      'IllegalParamFormat.MaxResults',
    );

    await pl(provider, 'RemoveUserFromVpcEndpointService', { ServiceId: serviceId, UserARN: `acs:ram:*:${ACCOUNTS.stranger.uid}:*` });
    expect(await usersOf('UserARNs')).toMatchObject({ TotalCount: '0', UserARNs: [] });
    expect(await plError(provider, 'RemoveUserFromVpcEndpointService', { ServiceId: serviceId })).toBe('MissingParam.UserArn');
    expect(
      await plError(provider, 'RemoveUserFromVpcEndpointService', { ServiceId: 'epsrv-doesnotexist', UserId: ACCOUNTS.consumer.uid }),
    ).toBe('EndpointServiceNotFound');
    // The consumer now sees the service among those it may connect to.
    const visible = (await pl(consumer, 'ListVpcEndpointServicesByEndUser'))['Services'] as Json[];
    expect(visible.map((s) => s['ServiceId'])).toContain(serviceId);
  });

  it('Attach/Detach/ListVpcEndpointServiceResources: Pending → Active, the pairing rules, bound zones rebound or the detach refused', async () => {
    const { provider, consumer } = world;
    await pl(provider, 'AttachResourceToVpcEndpointService', {
      ServiceId: serviceId,
      ResourceId: 'nlb-second',
      ResourceType: 'nlb',
      ZoneId: 'cn-hangzhou-h',
    });
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }))['ServiceStatus']).toMatch(/^(Pending|Active)$/);
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    const attach = (params: Json): Promise<string> =>
      plError(provider, 'AttachResourceToVpcEndpointService', { ServiceId: serviceId, ...params });
    expect(await attach({ ResourceId: 'nlb-second', ResourceType: 'nlb', ZoneId: 'cn-hangzhou-h' })).toBe('EndpointServiceResourceExist');
    expect(await attach({ ResourceId: 'alb-x', ResourceType: 'alb', ZoneId: 'cn-hangzhou-h' })).toBe('EndpointServiceResourceTypeNotEqual');
    expect(await attach({ ResourceId: 'nlb-x', ResourceType: 'nlb', ZoneId: 'cn-beijing-a' })).toBe('EndpointServiceNotSupportedZone');
    expect(await attach({ ResourceId: 'nlb-x', ResourceType: 'nlb' })).toBe('MissingParam.ZoneId');
    expect(await attach({ ResourceType: 'nlb', ZoneId: 'cn-hangzhou-h' })).toBe('MissingParam.ResourceId');
    expect(await attach({ ResourceId: 'nlb-x', ResourceType: 'nlb', ZoneId: 'cn-hangzhou-h', DryRun: true })).toBe('DryRunOperation');

    // A consumer endpoint connected in every zone binds each zone to a resource of it.
    const network = await createNetwork(consumer, 3);
    const endpointId = await newEndpoint(consumer, network, serviceId);
    await untilSettled(consumer, endpointId, 'Connected');
    const bindings = async (): Promise<Record<string, string>> => {
      const list = await pl(provider, 'ListVpcEndpointConnections', { ServiceId: serviceId, EndpointId: endpointId });
      const zones = (list['Connections'] as Json[])[0]!['Zones'] as Json[];
      return Object.fromEntries(zones.map((z) => [String(z['ZoneId']), String(z['ResourceId'])]));
    };
    const before = await bindings();
    expect(Object.keys(before)).toEqual([...ZONES]);
    const resources = (await pl(provider, 'ListVpcEndpointServiceResources', { ServiceId: serviceId }))['Resources'] as Json[];
    expect(resources).toHaveLength(4);
    expect(resources.find((r) => r['ResourceId'] === before['cn-hangzhou-h'])).toMatchObject({
      RelatedEndpointCount: 1,
      ResourceType: 'nlb',
      ZoneId: 'cn-hangzhou-h',
      AutoAllocatedEnabled: true,
    });
    expect(resources[0]).not.toHaveProperty('TotalCount');
    expect(
      (await pl(provider, 'ListVpcEndpointServiceResources', { ServiceId: serviceId, ZoneId: 'cn-hangzhou-h' }))['Resources'],
    ).toHaveLength(2);

    // Detaching the resource zone h is bound to rebinds the zone to the other resource of h.
    const boundH = before['cn-hangzhou-h']!;
    await pl(provider, 'DetachResourceFromVpcEndpointService', { ServiceId: serviceId, ResourceId: boundH, ZoneId: 'cn-hangzhou-h' });
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    const after = await bindings();
    expect(after['cn-hangzhou-h']).not.toBe(boundH);
    expect(after['cn-hangzhou-h']).toMatch(/^nlb-/);
    // The last resource of zone i, with a connected zone bound to it: refused.
    expect(
      await plError(provider, 'DetachResourceFromVpcEndpointService', {
        ServiceId: serviceId,
        ResourceId: before['cn-hangzhou-i'],
        ZoneId: 'cn-hangzhou-i',
      }),
    ).toBe('EndpointServiceConnectionDependence');
    expect(
      await plError(provider, 'DetachResourceFromVpcEndpointService', {
        ServiceId: serviceId,
        ResourceId: 'nlb-nothere',
        ZoneId: 'cn-hangzhou-i',
      }),
    ).toBe('EndpointServiceResourceNotFound');
    expect(
      await plError(provider, 'DetachResourceFromVpcEndpointService', {
        ServiceId: serviceId,
        ResourceId: before['cn-hangzhou-i'],
        ZoneId: 'cn-hangzhou-h',
      }),
    ).toBe('EndpointServiceResourceNotFound');
    expect(await plError(provider, 'ListVpcEndpointServiceResources', { ServiceId: 'epsrv-doesnotexist' })).toBe('EndpointServiceNotFound');
  });

  it('DeleteVpcEndpointService: refused while connected or holding resources; then Deleting → gone, endpoints ServiceDeleted', async () => {
    const { provider, consumer } = world;
    expect(await plError(provider, 'DeleteVpcEndpointService', { ServiceId: serviceId })).toBe('EndpointServiceConnectionDependence');
    const endpointId = String(
      (
        (await pl(consumer, 'ListVpcEndpoints', { ServiceName: `com.aliyuncs.privatelink.cn-hangzhou.${serviceId}` }))[
          'Endpoints'
        ] as Json[]
      )[0]!['EndpointId'],
    );
    await pl(provider, 'DisableVpcEndpointConnection', { ServiceId: serviceId, EndpointId: endpointId });
    await untilSettled(consumer, endpointId, 'Disconnected');
    expect(await plError(provider, 'DeleteVpcEndpointService', { ServiceId: serviceId })).toBe('EndpointServiceDependenceViolation');
    const resources = (await pl(provider, 'ListVpcEndpointServiceResources', { ServiceId: serviceId }))['Resources'] as Json[];
    for (const resource of resources) {
      await pl(provider, 'DetachResourceFromVpcEndpointService', {
        ServiceId: serviceId,
        ResourceId: resource['ResourceId'],
        ZoneId: resource['ZoneId'],
      });
      await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    }
    expect(await plError(provider, 'DeleteVpcEndpointService', { ServiceId: serviceId, DryRun: true })).toBe('DryRunOperation');
    await pl(provider, 'DeleteVpcEndpointService', { ServiceId: serviceId });
    expect(await untilGone(() => plError(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }))).toBe(
      'EndpointServiceNotFound',
    );
    const endpoint = await untilSettled(consumer, endpointId, 'ServiceDeleted');
    expect(endpoint.endpoint['ServiceId']).toBe(serviceId);
    expect(await plError(provider, 'DeleteVpcEndpointService', { ServiceId: serviceId })).toBe('EndpointServiceNotFound');
    // An endpoint whose service is gone can only be deleted.
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'orphan' })).toBe(
      'EndpointServiceDeleted',
    );
    expect(await plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-h', VSwitchId: 'vsw-any' })).toBe(
      'EndpointServiceDeleted',
    );
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    expect(await untilGone(() => plError(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))).toBe('EndpointNotFound');
  });
});
