import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudClient } from '../../helpers/cloud.js';
import { createNetwork } from '../../helpers/scenario.js';
import {
  ACCOUNTS,
  activeService,
  errorCodeOf,
  newEndpoint,
  op,
  pl,
  plError,
  startWorld,
  untilService,
  untilSettled,
  zoneStatuses,
  zonesOf,
  type Clients,
  type Json,
  type Network,
  type World,
} from './world.js';

/**
 * Business status (docs/control-plane.md): FinancialLocked on an account, service or
 * endpoint disconnects what it owns and Normal restores exactly what was
 * connected. DNS publishes a zone only while its endpoint is Active, Connected
 * and Normal and the zone Connected: the tests check that this never holds
 * for a locked endpoint once SetBusinessStatus has answered.
 */
describe('SetBusinessStatus', () => {
  let world: World;
  let network: Network;
  let service: string;
  beforeAll(async () => {
    world = await startWorld();
    service = await activeService(world.provider, { AutoAcceptEnabled: true });
    await pl(world.provider, 'AddUserToVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.consumer.uid });
    network = await createNetwork(world.consumer, 6);
  });
  afterAll(async () => {
    await world.stop();
  });

  const lock = (target: Json, status: 'FinancialLocked' | 'Normal' = 'FinancialLocked'): Promise<Json> =>
    op(world.operator.ops, 'SetBusinessStatus', { ...target, BusinessStatus: status });

  /** What DNS would publish for the endpoint right now: its zones that pass every condition. */
  async function published(clients: Clients, endpointId: string): Promise<string[]> {
    const endpoint = await pl(clients, 'GetVpcEndpointAttribute', { EndpointId: endpointId });
    const live =
      endpoint['EndpointStatus'] === 'Active' &&
      endpoint['ConnectionStatus'] === 'Connected' &&
      endpoint['EndpointBusinessStatus'] === 'Normal';
    return live ? (await zonesOf(clients, endpointId)).filter((z) => z['ZoneStatus'] === 'Connected').map((z) => String(z['ZoneId'])) : [];
  }

  it('locking an endpoint cuts it at once; Normal restores exactly its connected zones, not the one the provider disabled', async () => {
    const { consumer, provider } = world;
    const endpointId = await newEndpoint(consumer, network, service);
    await untilSettled(consumer, endpointId, 'Connected');
    await pl(provider, 'DisableVpcEndpointZoneConnection', { ServiceId: service, EndpointId: endpointId, ZoneId: 'cn-hangzhou-j' });
    await untilSettled(consumer, endpointId, 'Connected');
    expect(await published(consumer, endpointId)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);

    await lock({ EndpointId: endpointId });
    expect(await published(consumer, endpointId)).toEqual([]);
    const locked = await untilSettled(consumer, endpointId, 'Disconnected');
    expect(locked.endpoint['EndpointBusinessStatus']).toBe('FinancialLocked');
    expect(zoneStatuses(locked.zones)).toEqual(['Disconnected', 'Disconnected', 'Disconnected']);
    // Locking twice changes nothing.
    await lock({ EndpointId: endpointId });

    await lock({ EndpointId: endpointId }, 'Normal');
    const restored = await untilSettled(consumer, endpointId, 'Connected');
    expect(restored.endpoint['EndpointBusinessStatus']).toBe('Normal');
    expect(zoneStatuses(restored.zones)).toEqual(['Connected', 'Connected', 'Disconnected']);
    expect(await published(consumer, endpointId)).toEqual(['cn-hangzhou-h', 'cn-hangzhou-i']);
  });

  it('locking a service disconnects every endpoint connected to it; the provider cannot accept meanwhile; Normal restores them', async () => {
    const { consumer, provider } = world;
    const first = await newEndpoint(consumer, network, service, ['cn-hangzhou-h']);
    const second = await newEndpoint(consumer, network, service, ['cn-hangzhou-i']);
    await untilSettled(consumer, first, 'Connected');
    await untilSettled(consumer, second, 'Connected');
    await lock({ ServiceId: service });
    expect(await published(consumer, first)).toEqual([]);
    expect(await published(consumer, second)).toEqual([]);
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: service }))['ServiceBusinessStatus']).toBe('FinancialLocked');
    const cut = await untilSettled(consumer, first, 'Disconnected');
    // The endpoint itself is not in arrears: its own business status stays Normal.
    expect(cut.endpoint['EndpointBusinessStatus']).toBe('Normal');
    await untilSettled(consumer, second, 'Disconnected');
    expect(await plError(provider, 'EnableVpcEndpointConnection', { ServiceId: service, EndpointId: first })).toBe(
      'IncorrectBusinessStatus.VpcEndpointService',
    );
    expect(await plError(consumer, 'CreateVpcEndpoint', { VpcId: network.vpcId, ServiceId: service, 'SecurityGroupId.1': 'sg-a' })).toBe(
      'IncorrectBusinessStatus.VpcEndpointService',
    );
    const listed = await pl(provider, 'ListVpcEndpointServices', { ServiceBusinessStatus: 'FinancialLocked' });
    expect((listed['Services'] as Json[]).map((s) => s['ServiceId'])).toEqual([service]);

    await lock({ ServiceId: service }, 'Normal');
    expect(zoneStatuses((await untilSettled(consumer, first, 'Connected')).zones)).toEqual(['Connected']);
    expect(zoneStatuses((await untilSettled(consumer, second, 'Connected')).zones)).toEqual(['Connected']);
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: service }))['ServiceBusinessStatus']).toBe('Normal');
  });

  it('locking the consumer account locks its endpoints and refuses new ones; Normal restores them', async () => {
    const { consumer, provider } = world;
    const endpointId = await newEndpoint(consumer, network, service, ['cn-hangzhou-h']);
    await untilSettled(consumer, endpointId, 'Connected');
    await lock({ AccountId: ACCOUNTS.consumer.uid });
    expect(await published(consumer, endpointId)).toEqual([]);
    const locked = await untilSettled(consumer, endpointId, 'Disconnected');
    expect(locked.endpoint['EndpointBusinessStatus']).toBe('FinancialLocked');
    expect(await plError(consumer, 'CreateVpcEndpoint', { VpcId: network.vpcId, ServiceId: service, 'SecurityGroupId.1': 'sg-a' })).toBe(
      'InvalidAccountStatus.NotEnoughBalance',
    );
    expect(
      await plError(consumer, 'AddZoneToVpcEndpoint', {
        EndpointId: endpointId,
        ZoneId: 'cn-hangzhou-i',
        VSwitchId: network.vSwitches['cn-hangzhou-i'],
      }),
    ).toBe('EndpointLocked');
    expect(await plError(provider, 'EnableVpcEndpointConnection', { ServiceId: service, EndpointId: endpointId })).toBe(
      'IncorrectBusinessStatus.VpcEndpoint',
    );
    // Reading still works while locked.
    expect((await pl(consumer, 'ListVpcEndpoints', { EndpointId: endpointId }))['TotalCount']).toBe(1);
    await lock({ AccountId: ACCOUNTS.consumer.uid }, 'Normal');
    const restored = await untilSettled(consumer, endpointId, 'Connected');
    expect(restored.endpoint['EndpointBusinessStatus']).toBe('Normal');
    expect(await published(consumer, endpointId)).toEqual(['cn-hangzhou-h']);
  });

  it('locking the provider account locks its services and so disconnects their endpoints', async () => {
    const { consumer, provider } = world;
    const endpointId = await newEndpoint(consumer, network, service, ['cn-hangzhou-i']);
    await untilSettled(consumer, endpointId, 'Connected');
    await lock({ AccountId: ACCOUNTS.provider.uid });
    expect(await published(consumer, endpointId)).toEqual([]);
    expect((await untilService(provider, service, () => true))['ServiceBusinessStatus']).toBe('FinancialLocked');
    expect(await plError(provider, 'CreateVpcEndpointService', { ServiceResourceType: 'nlb' })).toBe(
      'InvalidAccountStatus.NotEnoughBalance',
    );
    await untilSettled(consumer, endpointId, 'Disconnected');
    await lock({ AccountId: ACCOUNTS.provider.uid }, 'Normal');
    await untilSettled(consumer, endpointId, 'Connected');
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: service }))['ServiceBusinessStatus']).toBe('Normal');
  });

  it('an endpoint locked before it was accepted stays waiting after Normal', async () => {
    const { consumer, provider } = world;
    const manual = await activeService(provider, { AutoAcceptEnabled: false });
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: manual, UserId: ACCOUNTS.consumer.uid });
    const endpointId = await newEndpoint(consumer, network, manual, ['cn-hangzhou-h']);
    await untilSettled(consumer, endpointId, 'Disconnected');
    await lock({ EndpointId: endpointId });
    await lock({ EndpointId: endpointId }, 'Normal');
    const after = await untilSettled(consumer, endpointId, 'Disconnected');
    expect([after.endpoint['EndpointBusinessStatus'], ...zoneStatuses(after.zones)]).toEqual(['Normal', 'Wait']);
  });

  it('is an operator action: other keys get Forbidden.RAM', async () => {
    const asProvider = cloudClient(world.plinkd.apiUrl, 'provider', 'operator');
    expect(await errorCodeOf(op(asProvider, 'SetBusinessStatus', { AccountId: ACCOUNTS.provider.uid, BusinessStatus: 'Normal' }))).toBe(
      'Forbidden.RAM',
    );
  });
});
