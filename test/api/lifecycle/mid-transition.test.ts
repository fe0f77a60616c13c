import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../helpers/scenario.js';
import {
  ACCOUNTS,
  newEndpoint,
  pl,
  plError,
  resourceParams,
  startWorld,
  untilEndpoint,
  untilGone,
  untilService,
  untilSettled,
  untilZones,
  zoneStatuses,
  ZONES,
  type Network,
  type World,
} from './world.js';

/**
 * docs/control-plane.md: transitions are asynchronous (`--transition-delay`), and a second
 * mutating call while a resource is mid-transition fails with the cloud's code.
 * A 600 ms delay leaves room to observe each intermediate status; the calls
 * made inside one window run in parallel so that a loaded machine still fits them in.
 */
describe('calls on a resource mid-transition (transition delay 600 ms)', () => {
  let world: World;
  let network: Network;
  beforeAll(async () => {
    world = await startWorld({ transitionDelayMs: 600 });
    network = await createNetwork(world.consumer, 4);
  });
  afterAll(async () => {
    await world.stop();
  });

  it('a service: Creating, Pending and Deleting refuse changes with EndpointServiceOperationDenied', async () => {
    const { provider, consumer } = world;
    const providerVpc = (await createNetwork(provider, 5)).vpcId;
    const { ServiceId } = (await pl(provider, 'CreateVpcEndpointService', {
      ...resourceParams('nlb', ZONES),
      AutoAcceptEnabled: true,
    })) as { ServiceId: string };
    expect(
      await Promise.all([
        pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId }).then((s) => s['ServiceStatus']),
        plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId, ServiceDescription: 'too early' }),
        plError(provider, 'AddUserToVpcEndpointService', { ServiceId, UserId: ACCOUNTS.consumer.uid }),
        plError(provider, 'AttachResourceToVpcEndpointService', {
          ServiceId,
          ResourceId: 'nlb-more',
          ResourceType: 'nlb',
          ZoneId: 'cn-hangzhou-h',
        }),
        plError(provider, 'DeleteVpcEndpointService', { ServiceId }),
        // An endpoint to a service still being created: the cloud's IncorrectStatus.VpcEndpointService.
        plError(provider, 'CreateVpcEndpoint', { VpcId: providerVpc, ServiceId, 'SecurityGroupId.1': 'sg-a' }),
      ]),
    ).toEqual([
      'Creating',
      'EndpointServiceOperationDenied',
      'EndpointServiceOperationDenied',
      'EndpointServiceOperationDenied',
      'EndpointServiceOperationDenied',
      'IncorrectStatus.VpcEndpointService',
    ]);
    await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId, UserId: ACCOUNTS.consumer.uid });

    await pl(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId, ServiceDescription: 'first change' });
    const [status, secondUpdate, detach, endpointId] = await Promise.all([
      pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId }).then((s) => s['ServiceStatus']),
      plError(provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId, ServiceDescription: 'second change' }),
      plError(provider, 'DetachResourceFromVpcEndpointService', { ServiceId, ResourceId: 'nlb-rh', ZoneId: 'cn-hangzhou-h' }),
      // Being modified does not stop a service from taking endpoints.
      newEndpoint(consumer, network, ServiceId, ['cn-hangzhou-h']),
    ]);
    expect([status, secondUpdate, detach]).toEqual(['Pending', 'EndpointServiceOperationDenied', 'EndpointServiceOperationDenied']);
    const active = await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
    expect(active['ServiceDescription']).toBe('first change');

    await untilSettled(consumer, endpointId, 'Connected');
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    await untilGone(() => plError(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }));
    for (const zone of ZONES) {
      await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
      await pl(provider, 'DetachResourceFromVpcEndpointService', { ServiceId, ResourceId: `nlb-r${zone.slice(-1)}`, ZoneId: zone });
    }
    await untilService(provider, ServiceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'DeleteVpcEndpointService', { ServiceId });
    expect(
      await Promise.all([
        pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId }).then((s) => s['ServiceStatus']),
        plError(provider, 'DeleteVpcEndpointService', { ServiceId }),
      ]),
    ).toEqual(['Deleting', 'EndpointServiceOperationDenied']);
  });

  it('an endpoint: Creating refuses with EndpointOperationDenied, Connecting with EndpointConnectionOperationDenied', async () => {
    const { provider, consumer } = world;
    const serviceId = String(
      (await pl(provider, 'CreateVpcEndpointService', { ...resourceParams('nlb', ZONES), AutoAcceptEnabled: true }))['ServiceId'],
    );
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    const zoneI = { ZoneId: 'cn-hangzhou-i', VSwitchId: network.vSwitches['cn-hangzhou-i'] };
    const endpointId = await newEndpoint(consumer, network, serviceId, ['cn-hangzhou-h']);
    expect(
      await Promise.all([
        pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }).then((e) => `${e['EndpointStatus']}/${e['ConnectionStatus']}`),
        untilZones(consumer, endpointId, () => true).then((zones) => zoneStatuses(zones).join()),
        plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'early' }),
        plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...zoneI }),
        plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-h' }),
        plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId }),
        plError(provider, 'EnableVpcEndpointConnection', { ServiceId: serviceId, EndpointId: endpointId }),
      ]),
    ).toEqual([
      'Creating/Disconnected',
      'Creating',
      'EndpointOperationDenied',
      'EndpointOperationDenied',
      'EndpointOperationDenied',
      'EndpointOperationDenied',
      'EndpointOperationDenied',
    ]);

    // Auto-accept: Active, and the connection Connecting for one more delay.
    await untilEndpoint(consumer, endpointId, (e) => e['EndpointStatus'] === 'Active');
    expect(
      await Promise.all([
        pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }).then((e) => e['ConnectionStatus']),
        untilZones(consumer, endpointId, () => true).then((zones) => zoneStatuses(zones).join()),
        plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'early' }),
        plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...zoneI }),
        plError(provider, 'DisableVpcEndpointConnection', { ServiceId: serviceId, EndpointId: endpointId }),
        plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId }),
      ]),
    ).toEqual([
      'Connecting',
      'Connecting',
      'EndpointConnectionOperationDenied',
      'EndpointConnectionOperationDenied',
      'EndpointConnectionOperationDenied',
      'EndpointOperationDenied',
    ]);
    await untilSettled(consumer, endpointId, 'Connected');

    // A zone being added: Creating → Connecting → Connected; zone changes wait for it.
    await pl(consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ...zoneI });
    expect(
      await Promise.all([
        untilZones(consumer, endpointId, () => true).then((zones) => zoneStatuses(zones).join()),
        plError(consumer, 'AddZoneToVpcEndpoint', {
          EndpointId: endpointId,
          ZoneId: 'cn-hangzhou-j',
          VSwitchId: network.vSwitches['cn-hangzhou-j'],
        }),
        plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-h' }),
      ]),
    ).toEqual(['Connected,Creating', 'EndpointOperationDenied', 'EndpointOperationDenied']);
    await untilZones(consumer, endpointId, (zones) => zones[1]!['ZoneStatus'] === 'Connecting');
    expect(
      await plError(provider, 'DisableVpcEndpointZoneConnection', {
        ServiceId: serviceId,
        EndpointId: endpointId,
        ZoneId: 'cn-hangzhou-i',
      }),
    ).toBe('EndpointConnectionOperationDenied');
    await untilSettled(consumer, endpointId, 'Connected');

    // Provider disconnects a zone: Disconnecting, during which zone actions are refused.
    await pl(provider, 'DisableVpcEndpointZoneConnection', { ServiceId: serviceId, EndpointId: endpointId, ZoneId: 'cn-hangzhou-i' });
    expect(
      await Promise.all([
        untilZones(consumer, endpointId, () => true).then((zones) => zoneStatuses(zones).join()),
        plError(provider, 'EnableVpcEndpointZoneConnection', { ServiceId: serviceId, EndpointId: endpointId, ZoneId: 'cn-hangzhou-i' }),
      ]),
    ).toEqual(['Connected,Disconnecting', 'EndpointConnectionOperationDenied']);
    await untilSettled(consumer, endpointId, 'Connected');

    // Deleting: every further change refused; then gone.
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
    expect(
      await Promise.all([
        pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }).then((e) => `${e['EndpointStatus']}/${e['ConnectionStatus']}`),
        untilZones(consumer, endpointId, () => true).then((zones) => zoneStatuses(zones).join()),
        plError(consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId }),
        plError(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'late' }),
      ]),
    ).toEqual(['Deleting/Deleting', 'Deleting,Deleting', 'EndpointOperationDenied', 'EndpointOperationDenied']);
  });

  it('a connection being accepted or rejected refuses a second accept or reject', async () => {
    const { provider, consumer } = world;
    const serviceId = String(
      (await pl(provider, 'CreateVpcEndpointService', { ...resourceParams('nlb', ZONES), AutoAcceptEnabled: false }))['ServiceId'],
    );
    await untilService(provider, serviceId, (s) => s['ServiceStatus'] === 'Active');
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    const endpointId = await newEndpoint(consumer, network, serviceId, ['cn-hangzhou-h']);
    await untilSettled(consumer, endpointId, 'Disconnected');
    const ref = { ServiceId: serviceId, EndpointId: endpointId };
    await pl(provider, 'EnableVpcEndpointConnection', ref);
    expect(
      await Promise.all([
        pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }).then((e) => e['ConnectionStatus']),
        plError(provider, 'EnableVpcEndpointConnection', ref),
        plError(provider, 'UpdateVpcEndpointConnectionAttribute', { ...ref, Bandwidth: 1000 }),
      ]),
    ).toEqual(['Connecting', 'EndpointConnectionOperationDenied', 'EndpointConnectionOperationDenied']);
    await untilSettled(consumer, endpointId, 'Connected');
    await pl(provider, 'DisableVpcEndpointConnection', ref);
    expect(
      await Promise.all([
        pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }).then((e) => e['ConnectionStatus']),
        plError(provider, 'DisableVpcEndpointConnection', ref),
        plError(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: 'cn-hangzhou-h' }),
      ]),
    ).toEqual(['Disconnecting', 'EndpointConnectionOperationDenied', 'EndpointConnectionOperationDenied']);
    expect(zoneStatuses((await untilSettled(consumer, endpointId, 'Disconnected')).zones)).toEqual(['Disconnected']);
  });
});
