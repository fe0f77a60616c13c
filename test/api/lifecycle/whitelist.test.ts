import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../helpers/scenario.js';
import {
  ACCOUNTS,
  activeService,
  newEndpoint,
  pl,
  plError,
  startWorld,
  untilSettled,
  zoneStatuses,
  type Clients,
  type Json,
  type Network,
  type World,
} from './world.js';

/**
 * The whitelist (docs/control-plane.md): the owner is on it from creation; a service is
 * invisible to accounts not on it, and they get EndpointServiceNotAuthorized.
 * Documented choice: removing an account leaves its existing connections as
 * they are but blocks new endpoints.
 */
describe('service whitelist', () => {
  let world: World;
  let service: string;
  let consumerNet: Network;
  beforeAll(async () => {
    world = await startWorld();
    service = await activeService(world.provider, { AutoAcceptEnabled: true });
    consumerNet = await createNetwork(world.consumer, 1);
  });
  afterAll(async () => {
    await world.stop();
  });

  const visibleTo = async (clients: Clients): Promise<boolean> =>
    ((await pl(clients, 'ListVpcEndpointServicesByEndUser', { ServiceId: service }))['Services'] as Json[]).some(
      (s) => s['ServiceId'] === service,
    );
  const create = (clients: Clients, network: Network): Promise<string> =>
    plError(clients, 'CreateVpcEndpoint', { VpcId: network.vpcId, ServiceId: service, 'SecurityGroupId.1': 'sg-a', DryRun: true });

  it('only the owner sees a new service; others are refused with EndpointServiceNotAuthorized', async () => {
    expect(await visibleTo(world.provider)).toBe(true);
    expect(await visibleTo(world.consumer)).toBe(false);
    expect(await create(world.consumer, consumerNet)).toBe('EndpointServiceNotAuthorized');
    // The owner may connect its own VPCs (DryRun: validation passes).
    expect(await create(world.provider, await createNetwork(world.provider, 2))).toBe('DryRunOperation');
  });

  it('a RAM ARN naming the account admits it, like its uid', async () => {
    const arn = `acs:ram:*:${ACCOUNTS.consumer.uid}:*`;
    await pl(world.provider, 'AddUserToVpcEndpointService', { ServiceId: service, UserARN: arn });
    expect(await visibleTo(world.consumer)).toBe(true);
    expect(await visibleTo(world.stranger)).toBe(false);
    expect(await create(world.consumer, consumerNet)).toBe('DryRunOperation');
    await pl(world.provider, 'RemoveUserFromVpcEndpointService', { ServiceId: service, UserARN: arn });
    expect(await visibleTo(world.consumer)).toBe(false);
  });

  it('removing an account keeps its connected endpoint connected (and able to add zones) but blocks new endpoints', async () => {
    const { provider, consumer } = world;
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.consumer.uid });
    const endpointId = await newEndpoint(consumer, consumerNet, service, ['cn-hangzhou-h']);
    await untilSettled(consumer, endpointId, 'Connected');
    await pl(provider, 'RemoveUserFromVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.consumer.uid });
    expect(await visibleTo(consumer)).toBe(false);
    expect(await create(consumer, consumerNet)).toBe('EndpointServiceNotAuthorized');
    expect((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['ConnectionStatus']).toBe('Connected');
    await pl(consumer, 'AddZoneToVpcEndpoint', {
      EndpointId: endpointId,
      ZoneId: 'cn-hangzhou-i',
      VSwitchId: consumerNet.vSwitches['cn-hangzhou-i'],
    });
    expect(zoneStatuses((await untilSettled(consumer, endpointId, 'Connected')).zones)).toEqual(['Connected', 'Connected']);
    // The provider still sees and manages the connection.
    const connections = (await pl(provider, 'ListVpcEndpointConnections', { ServiceId: service }))['Connections'] as Json[];
    expect(connections.map((c) => c['EndpointId'])).toEqual([endpointId]);
  });

  it('a wildcard ARN (acs:ram:*:*:*) opens the service to every account', async () => {
    await pl(world.provider, 'AddUserToVpcEndpointService', { ServiceId: service, UserARN: 'acs:ram:*:*:*' });
    expect(await visibleTo(world.stranger)).toBe(true);
    expect(await create(world.stranger, await createNetwork(world.stranger, 3))).toBe('DryRunOperation');
  });
});
