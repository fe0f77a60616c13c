import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../helpers/scenario.js';
import { ACCOUNTS, newEndpoint, pl, plError, resourceParams, startWorld, untilEndpoint, untilService, untilSettled, untilZones, zoneStatuses, ZONES, type Network, type World } from './world.js';

/**
 * SPEC §2: transitions are asynchronous (`--transition-delay`), and a second
 * mutating call while a resource is mid-transition fails with the cloud's code.
 * A 400 ms delay leaves room to observe each intermediate status.
 */
describe('calls on a resource mid-transition (transition delay 400 ms)', () => {
  let world: World;
  let network: Network;
  beforeAll(async () => {
    world = await startWorld({ transitionDelayMs: 400 });
    network = await createNetwork(world.consumer, 4);
  });
  afterAll(async () => {
    await world.stop();
  });

  it('a service: Creating, Pending and Deleting refuse changes with EndpointServiceOperationDenied', async () => {
    const { provider, consumer } = world;
    const { ServiceId } = (await pl(provider, 'CreateVpcEndpointService', { ...resourceParams('nlb', ZONES), AutoAcceptEnabled: true })) as { ServiceId: string };
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId }))['ServiceStatus']).toBe('Creating');
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId, ServiceDescription: 'too early' })).toBe('EndpointServiceOperationDenied');
    expect(await plError(provider, 'AddUserToVpcEndpointService', { ServiceId, UserId: ACCOUNTS.consumer.uid })).toBe('EndpointServiceOperationDenied');
    expect(await plError(provider, 'AttachResourceToVpcEndpointService', { ServiceId, ResourceId: 'nlb-more', ResourceType: 'nlb', ZoneId: 'cn-hangzhou-h' })).toBe(
      'EndpointServiceOperationDenied',
    );
    expect(await plError(provider, 'DeleteVpcEndpointService', { ServiceId })).toBe('EndpointServiceOperationDenied');
    // An endpoint to a service still being created: the cloud's IncorrectStatus.VpcEndpointService.
    expect(await plError(provider, 'CreateVpcEndpoint', { VpcId: (await createNetwork(provider, 5)).vpcId, ServiceId, 'SecurityGroupId.1': 'sg-a' })).toBe(
      'IncorrectStatus.VpcEndpointService',
    );
    await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId, UserId: ACCOUNTS.consumer.uid });

    await pl(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId, ServiceDescription: 'first change' });
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId }))['ServiceStatus']).toBe('Pending');
    expect(await plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId, ServiceDescription: 'second change' })).toBe('EndpointServiceOperationDenied');
    expect(await plError(provider, 'DetachResourceFromVpcEndpointService', { ServiceId, ResourceId: 'nlb-rh', ZoneId: 'cn-hangzhou-h' })).toBe('EndpointServiceOperationDenied');
    // Being modified does not stop a service from taking endpoints.
    const endpointId = await newEndpoint(consumer, network, ServiceId, ['cn-hangzhou-h']);
    const active = await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
    expect(active['ServiceDescription']).toBe('first change');

    await untilSettled(consumer, endpointId, 'Connected');
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    await untilEndpoint(consumer, endpointId, () => false).catch(() => undefined);
    for (const zone of ZONES) {
      await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
      await pl(provider, 'DetachResourceFromVpcEndpointService', { ServiceId, ResourceId: `nlb-r${zone.slice(-1)}`, ZoneId: zone });
    }
    await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'DeleteVpcEndpointService', { ServiceId });
    expect((await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId }))['ServiceStatus']).toBe('Deleting');
    expect(await plError(provider, 'DeleteVpcEndpointService', { ServiceId })).toBe('EndpointServiceOperationDenied');
  });

  it('an endpoint: Creating refuses with EndpointOperationDenied, Connecting with EndpointConnectionOperationDenied', async () => {
    const { provider, consumer } = world;
    const serviceId = String((await pl(provider, 'CreateVpcEndpointService', { ...resourceParams('nlb', ZONES), AutoAcceptEnabled: true }))['ServiceId']);
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    const endpointId = await newEndpoint(consumer, network, serviceId, ['cn-hangzhou-h']);
    expect(await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId })).toMatchObject({ EndpointStatus: 'Creating', ConnectionStatus: 'Disconnected' });
    expect(zoneStatuses(await untilZones(consumer, endpointId, () => true))).toEqual(['Creating']);
    const zoneI = { ZoneId: 'cn-hangzhou-i', VSwitchId: network.vSwitches['cn-hangzhou-i'] };
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'early' })).toBe('EndpointOperationDenied');
    expect(await plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...zoneI })).toBe('EndpointOperationDenied');
    expect(await plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-h' })).toBe('EndpointOperationDenied');
    expect(await plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId })).toBe('EndpointOperationDenied');
    expect(await plError(provider, 'EnableVpcEndpointConnection', { ServiceId: serviceId, EndpointId: endpointId })).toBe('EndpointOperationDenied');

    // Auto-accept: Active, and the connection Connecting for one more delay.
    await untilEndpoint(consumer, endpointId, (e) => e['EndpointStatus'] === 'Active');
    expect((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['ConnectionStatus']).toBe('Connecting');
    expect(zoneStatuses(await untilZones(consumer, endpointId, () => true))).toEqual(['Connecting']);
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'early' })).toBe('EndpointConnectionOperationDenied');
    expect(await plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...zoneI })).toBe('EndpointConnectionOperationDenied');
    expect(await plError(provider, 'DisableVpcEndpointConnection', { ServiceId: serviceId, EndpointId: endpointId })).toBe('EndpointConnectionOperationDenied');
    expect(await plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId })).toBe('EndpointOperationDenied');
    await untilSettled(consumer, endpointId, 'Connected');

    // A zone being added: Creating → Connecting → Connected; zone changes wait for it.
    await pl(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...zoneI });
    expect(zoneStatuses(await untilZones(consumer, endpointId, () => true))).toEqual(['Connected', 'Creating']);
    expect(await plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-j', VSwitchId: network.vSwitches['cn-hangzhou-j'] })).toBe(
      'EndpointOperationDenied',
    );
    expect(await plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-h' })).toBe('EndpointOperationDenied');
    await untilZones(consumer, endpointId, (zones) => zones[1]!['ZoneStatus'] === 'Connecting');
    expect(await plError(provider, 'DisableVpcEndpointZoneConnection', { ServiceId: serviceId, EndpointId: endpointId, ZoneId: 'cn-hangzhou-i' })).toBe(
      'EndpointConnectionOperationDenied',
    );
    await untilSettled(consumer, endpointId, 'Connected');

    // Provider disconnects a zone: Disconnecting, during which zone actions are refused.
    await pl(provider, 'DisableVpcEndpointZoneConnection', { ServiceId: serviceId, EndpointId: endpointId, ZoneId: 'cn-hangzhou-i' });
    expect(zoneStatuses(await untilZones(consumer, endpointId, () => true))).toEqual(['Connected', 'Disconnecting']);
    expect(await plError(provider, 'EnableVpcEndpointZoneConnection', { ServiceId: serviceId, EndpointId: endpointId, ZoneId: 'cn-hangzhou-i' })).toBe(
      'EndpointConnectionOperationDenied',
    );
    await untilSettled(consumer, endpointId, 'Connected');

    // Deleting: every further change refused; then gone.
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    expect(await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId })).toMatchObject({ EndpointStatus: 'Deleting', ConnectionStatus: 'Deleting' });
    expect(zoneStatuses(await untilZones(consumer, endpointId, () => true))).toEqual(['Deleting', 'Deleting']);
    expect(await plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId })).toBe('EndpointOperationDenied');
    expect(await plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'late' })).toBe('EndpointOperationDenied');
  });

  it('a connection being accepted or rejected refuses a second accept or reject', async () => {
    const { provider, consumer } = world;
    const serviceId = String((await pl(provider, 'CreateVpcEndpointService', { ...resourceParams('nlb', ZONES), AutoAcceptEnabled: false }))['ServiceId']);
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    const endpointId = await newEndpoint(consumer, network, serviceId, ['cn-hangzhou-h']);
    await untilSettled(consumer, endpointId, 'Disconnected');
    const ref = { ServiceId: serviceId, EndpointId: endpointId };
    await pl(provider, 'EnableVpcEndpointConnection', ref);
    expect((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['ConnectionStatus']).toBe('Connecting');
    expect(await plError(provider, 'EnableVpcEndpointConnection', ref)).toBe('EndpointConnectionOperationDenied');
    expect(await plError(provider, 'UpdateVpcEndpointConnectionAttribute', { ...ref, Bandwidth: 1000 })).toBe('EndpointConnectionOperationDenied');
    await untilSettled(consumer, endpointId, 'Connected');
    await pl(provider, 'DisableVpcEndpointConnection', ref);
    expect((await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['ConnectionStatus']).toBe('Disconnecting');
    expect(await plError(provider, 'DisableVpcEndpointConnection', ref)).toBe('EndpointConnectionOperationDenied');
    expect(await plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-h' })).toBe('EndpointConnectionOperationDenied');
    expect(zoneStatuses((await untilSettled(consumer, endpointId, 'Disconnected')).zones)).toEqual(['Disconnected']);
  });
});
