import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../helpers/scenario.js';
import {
  ACCOUNTS,
  ZONES,
  activeService,
  errorCodeOf,
  newEndpoint,
  op,
  pl,
  plError,
  startWorld,
  untilSettled,
  zoneStatuses,
  type Json,
  type Network,
  type StoreKind,
  type World,
} from './world.js';

/**
 * Scripted tour of acceptance with @alicloud/pop-core: the provider's
 * connection and zone-connection actions and the operator's SetBusinessStatus,
 * happy paths and documented errors, on both stores.
 */
describe.each<StoreKind>(['memory', 'redis'])('connection actions tour (%s store)', (store) => {
  let world: World;
  let network: Network;
  let manual: string; // AutoAcceptEnabled=false
  let endpointId: string;
  const ref = (): Json => ({ ServiceId: manual, EndpointId: endpointId });

  beforeAll(async () => {
    world = await startWorld({ store });
    manual = await activeService(world.provider, { AutoAcceptEnabled: false });
    await pl(world.provider, 'AddUserToVpcEndpointService', { ServiceId: manual, UserId: ACCOUNTS.consumer.uid });
    network = await createNetwork(world.consumer, 2);
  });
  afterAll(async () => {
    await world.stop();
  });

  const connection = async (): Promise<Json> => {
    const list = await pl(world.provider, 'ListVpcEndpointConnections', { ServiceId: manual, EndpointId: endpointId });
    return (list['Connections'] as Json[])[0]!;
  };

  it('without auto-accept the endpoint waits Disconnected with zones Wait; the provider sees it in ListVpcEndpointConnections', async () => {
    const { consumer, provider } = world;
    endpointId = await newEndpoint(consumer, network, manual);
    const { zones } = await untilSettled(consumer, endpointId, 'Disconnected');
    expect(zoneStatuses(zones)).toEqual(['Wait', 'Wait', 'Wait']);
    const list = await pl(provider, 'ListVpcEndpointConnections', { ServiceId: manual });
    expect(list).toMatchObject({ TotalCount: '1', MaxResults: 50, NextToken: '' });
    const item = (list['Connections'] as Json[])[0]!;
    expect(item).toMatchObject({
      EndpointId: endpointId,
      EndpointVpcId: network.vpcId,
      ServiceId: manual,
      ConnectionStatus: 'Disconnected',
      EndpointRegionId: 'cn-hangzhou',
    });
    expect(String(item['EndpointOwnerId'])).toBe(ACCOUNTS.consumer.uid);
    expect((item['Zones'] as Json[]).map((z) => [z['ZoneId'], z['ZoneStatus'], z['ResourceId']])).toEqual(
      ZONES.map((z) => [z, 'Wait', '']),
    );
    expect(await plError(provider, 'ListVpcEndpointConnections', { ServiceId: 'epsrv-doesnotexist' })).toBe('EndpointServiceNotFound');
    expect(await plError(provider, 'ListVpcEndpointConnections', {})).toBe('MissingParam.ServiceId');
  });

  it('EnableVpcEndpointConnection: Connecting → Connected with the bandwidth asked for; every zone bound to a resource of its zone', async () => {
    const { provider, consumer } = world;
    expect(await plError(provider, 'EnableVpcEndpointConnection', { ...ref(), Bandwidth: 99 })).toBe('IllegalParam.Bandwidth');
    expect(await plError(provider, 'EnableVpcEndpointConnection', { ...ref(), DryRun: true })).toBe('DryRunOperation');
    expect(await plError(provider, 'EnableVpcEndpointConnection', { ServiceId: manual, EndpointId: 'ep-doesnotexist' })).toBe(
      'EndpointConnectionNotFound',
    );
    expect(await plError(provider, 'EnableVpcEndpointConnection', { ServiceId: 'epsrv-doesnotexist', EndpointId: endpointId })).toBe(
      'EndpointServiceNotFound',
    );
    await pl(provider, 'EnableVpcEndpointConnection', { ...ref(), Bandwidth: 5000 });
    const { zones } = await untilSettled(consumer, endpointId, 'Connected');
    expect(zoneStatuses(zones)).toEqual(['Connected', 'Connected', 'Connected']);
    const item = await connection();
    expect(item).toMatchObject({ ConnectionStatus: 'Connected', Bandwidth: 5000, TrafficControlMode: 'Scalability' });
    for (const zone of item['Zones'] as Json[]) expect(zone['ResourceId']).toBe(`nlb-r${String(zone['ZoneId']).slice(-1)}`);
    // Already connected: the connection lifecycle refuses Connected → Connecting.
    expect(await plError(provider, 'EnableVpcEndpointConnection', ref())).toBe('IncorrectStatus.VpcEndpointConnection');
    const filtered = async (params: Json): Promise<number> =>
      ((await pl(provider, 'ListVpcEndpointConnections', { ServiceId: manual, ...params }))['Connections'] as Json[]).length;
    expect(
      await filtered({
        ConnectionStatus: 'Connected',
        EndpointOwnerId: ACCOUNTS.consumer.uid,
        ResourceId: 'nlb-rh',
        EniId: String(zones[0]!['EniId']),
      }),
    ).toBe(1);
    expect(await filtered({ ConnectionStatus: 'Disconnected' })).toBe(0);
    expect(await filtered({ EndpointOwnerId: ACCOUNTS.stranger.uid })).toBe(0);
  });

  it("UpdateVpcEndpointConnectionAttribute: bandwidth within the load balancer type's range, at once", async () => {
    const { provider } = world;
    await pl(provider, 'UpdateVpcEndpointConnectionAttribute', { ...ref(), Bandwidth: 20000, TrafficControlMode: 'BandwidthLimit' });
    expect(await connection()).toMatchObject({ Bandwidth: 20000, TrafficControlMode: 'BandwidthLimit', ConnectionStatus: 'Connected' });
    expect(await plError(provider, 'UpdateVpcEndpointConnectionAttribute', { ...ref(), Bandwidth: 60000 })).toBe('IllegalParam.Bandwidth');
    expect(await plError(provider, 'UpdateVpcEndpointConnectionAttribute', { ...ref(), TrafficControlMode: 'Unlimited' })).toBe(
      'IllegalParamFormat.TrafficControlMode',
    );
    expect(await plError(provider, 'UpdateVpcEndpointConnectionAttribute', { ...ref(), Bandwidth: 1000, DryRun: true })).toBe(
      'DryRunOperation',
    );
    expect(
      await plError(provider, 'UpdateVpcEndpointConnectionAttribute', {
        ServiceId: manual,
        EndpointId: 'ep-doesnotexist',
        Bandwidth: 1000,
      }),
    ).toBe('EndpointConnectionNotFound');
    expect((await connection())['Bandwidth']).toBe(20000);
  });

  it("Enable/DisableVpcEndpointZoneConnection: one zone leaves and rejoins; the cloud's preconditions", async () => {
    const { provider, consumer } = world;
    const zoneRef = (zoneId: string): Json => ({ ...ref(), ZoneId: zoneId });
    expect(await plError(provider, 'EnableVpcEndpointZoneConnection', zoneRef('cn-hangzhou-h'))).toBe('IncorrectStatus.VpcEndpointZone');
    expect(await plError(provider, 'DisableVpcEndpointZoneConnection', zoneRef('cn-hangzhou-k'))).toBe('ResourceNotFound.VpcEndpointZone');
    expect(await plError(provider, 'DisableVpcEndpointZoneConnection', { ...zoneRef('cn-hangzhou-h'), DryRun: true })).toBe(
      'DryRunOperation',
    );
    await pl(provider, 'DisableVpcEndpointZoneConnection', zoneRef('cn-hangzhou-h'));
    let settled = await untilSettled(consumer, endpointId, 'Connected');
    expect(zoneStatuses(settled.zones)).toEqual(['Disconnected', 'Connected', 'Connected']);
    expect(((await connection())['Zones'] as Json[])[0]).toMatchObject({
      ZoneId: 'cn-hangzhou-h',
      ZoneStatus: 'Disconnected',
      ResourceId: '',
    });
    expect(await plError(provider, 'DisableVpcEndpointZoneConnection', zoneRef('cn-hangzhou-h'))).toBe('IncorrectStatus.VpcEndpointZone');
    await pl(provider, 'EnableVpcEndpointZoneConnection', zoneRef('cn-hangzhou-h'));
    settled = await untilSettled(consumer, endpointId, 'Connected');
    expect(zoneStatuses(settled.zones)).toEqual(['Connected', 'Connected', 'Connected']);
  });

  it('DisableVpcEndpointConnection: Disconnecting → Disconnected, zones too; zone actions then need a Connected connection', async () => {
    const { provider, consumer } = world;
    expect(await plError(provider, 'DisableVpcEndpointConnection', { ...ref(), DryRun: true })).toBe('DryRunOperation');
    await pl(provider, 'DisableVpcEndpointConnection', ref());
    const { zones } = await untilSettled(consumer, endpointId, 'Disconnected');
    expect(zoneStatuses(zones)).toEqual(['Disconnected', 'Disconnected', 'Disconnected']);
    expect(await plError(provider, 'DisableVpcEndpointConnection', ref())).toBe('IncorrectStatus.VpcEndpointConnection');
    expect(await plError(provider, 'EnableVpcEndpointZoneConnection', { ...ref(), ZoneId: 'cn-hangzhou-h' })).toBe(
      'IncorrectStatus.VpcEndpointConnection',
    );
    expect(await plError(provider, 'DisableVpcEndpointConnection', { ServiceId: manual, EndpointId: 'ep-doesnotexist' })).toBe(
      'EndpointConnectionNotFound',
    );
    // Accepting again reconnects every zone.
    await pl(provider, 'EnableVpcEndpointConnection', ref());
    expect(zoneStatuses((await untilSettled(consumer, endpointId, 'Connected')).zones)).toEqual(['Connected', 'Connected', 'Connected']);
  });

  it('SetBusinessStatus (operator): FinancialLocked disconnects the endpoint, Normal restores it; refusals', async () => {
    const { operator, consumer, provider } = world;
    await op(operator.ops, 'SetBusinessStatus', { EndpointId: endpointId, BusinessStatus: 'FinancialLocked' });
    const locked = await untilSettled(consumer, endpointId, 'Disconnected');
    expect(locked.endpoint['EndpointBusinessStatus']).toBe('FinancialLocked');
    expect(zoneStatuses(locked.zones)).toEqual(['Disconnected', 'Disconnected', 'Disconnected']);
    expect(await plError(provider, 'EnableVpcEndpointConnection', ref())).toBe('IncorrectBusinessStatus.VpcEndpoint');
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'locked' })).toBe(
      'EndpointLocked',
    );
    await op(operator.ops, 'SetBusinessStatus', { EndpointId: endpointId, BusinessStatus: 'Normal' });
    const restored = await untilSettled(consumer, endpointId, 'Connected');
    expect(restored.endpoint['EndpointBusinessStatus']).toBe('Normal');
    expect(zoneStatuses(restored.zones)).toEqual(['Connected', 'Connected', 'Connected']);

    expect(await errorCodeOf(op(operator.ops, 'SetBusinessStatus', { BusinessStatus: 'Normal' }))).toBe('MissingParam.AccountId');
    expect(
      await errorCodeOf(
        op(operator.ops, 'SetBusinessStatus', { AccountId: ACCOUNTS.consumer.uid, EndpointId: endpointId, BusinessStatus: 'Normal' }),
      ),
    ).toBe('IllegalParam.AccountId');
    expect(await errorCodeOf(op(operator.ops, 'SetBusinessStatus', { AccountId: '9999999999999999', BusinessStatus: 'Normal' }))).toBe(
      'EntityNotExist.User',
    );
    expect(await errorCodeOf(op(operator.ops, 'SetBusinessStatus', { ServiceId: 'epsrv-doesnotexist', BusinessStatus: 'Normal' }))).toBe(
      'EndpointServiceNotFound',
    );
    expect(await errorCodeOf(op(operator.ops, 'SetBusinessStatus', { EndpointId: 'ep-doesnotexist', BusinessStatus: 'Normal' }))).toBe(
      'EndpointNotFound',
    );
    expect(await errorCodeOf(op(operator.ops, 'SetBusinessStatus', { EndpointId: endpointId, BusinessStatus: 'Overdue' }))).toBe(
      'IllegalParamFormat.BusinessStatus',
    );
    expect(
      await errorCodeOf(op(operator.ops, 'SetBusinessStatus', { EndpointId: endpointId, BusinessStatus: 'FinancialLocked', DryRun: true })),
    ).toBe('DryRunOperation');
    expect((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['EndpointBusinessStatus']).toBe('Normal');
  });
});
