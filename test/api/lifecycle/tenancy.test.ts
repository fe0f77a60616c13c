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
  untilSettled,
  type Json,
  type Network,
  type World,
} from './world.js';

/**
 * Tenancy (docs/api.md): every call acts as the account owning the AccessKey. With
 * three accounts — a provider, a consumer connected to its service, and a
 * stranger with a service of its own — the stranger can read or change
 * nothing of the others, through every lifecycle action.
 */
describe('tenancy with a provider, a consumer and a stranger', () => {
  let world: World;
  let consumerNet: Network;
  let strangerNet: Network;
  let service: string;
  let strangers: string;
  let endpointId: string;
  let before: Json[];

  /** Everything the owners can see of their resources; compared before and after the stranger's attempts. */
  async function snapshot(): Promise<Json[]> {
    const { provider, consumer } = world;
    const strip = (j: Json): Json => Object.fromEntries(Object.entries(j).filter(([k]) => k !== 'RequestId'));
    return [
      strip(await pl(provider, 'GetVpcEndpointServiceAttribute', { ServiceId: service })),
      strip(await pl(provider, 'ListVpcEndpointServiceUsers', { ServiceId: service })),
      strip(await pl(provider, 'ListVpcEndpointServiceResources', { ServiceId: service })),
      strip(await pl(provider, 'ListVpcEndpointConnections', { ServiceId: service })),
      strip(await pl(consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId })),
      strip(await pl(consumer, 'ListVpcEndpointZones', { EndpointId: endpointId })),
    ];
  }

  beforeAll(async () => {
    world = await startWorld();
    const { provider, consumer, stranger } = world;
    service = await activeService(provider, { AutoAcceptEnabled: true });
    await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.consumer.uid });
    strangers = await activeService(stranger, { AutoAcceptEnabled: true });
    consumerNet = await createNetwork(consumer, 1);
    strangerNet = await createNetwork(stranger, 1);
    endpointId = await newEndpoint(consumer, consumerNet, service);
    await untilSettled(consumer, endpointId, 'Connected');
    before = await snapshot();
  });
  afterAll(async () => {
    await world.stop();
  });

  const h = 'cn-hangzhou-h';
  // [action, parameters, the code the stranger gets]
  const attempts = (): Array<[string, Json, string]> => [
    ['GetVpcEndpointServiceAttribute', { ServiceId: service }, 'EndpointServiceNotFound'],
    ['UpdateVpcEndpointServiceAttribute', { ServiceId: service, ServiceDescription: 'mine now' }, 'EndpointServiceNotFound'],
    ['DeleteVpcEndpointService', { ServiceId: service }, 'EndpointServiceNotFound'],
    ['AddUserToVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.stranger.uid }, 'EndpointServiceNotFound'],
    ['RemoveUserFromVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.consumer.uid }, 'EndpointServiceNotFound'],
    ['ListVpcEndpointServiceUsers', { ServiceId: service }, 'EndpointServiceNotFound'],
    [
      'AttachResourceToVpcEndpointService',
      { ServiceId: service, ResourceId: 'nlb-evil', ResourceType: 'nlb', ZoneId: h },
      'EndpointServiceNotFound',
    ],
    ['DetachResourceFromVpcEndpointService', { ServiceId: service, ResourceId: 'nlb-rh', ZoneId: h }, 'EndpointServiceNotFound'],
    ['ListVpcEndpointServiceResources', { ServiceId: service }, 'EndpointServiceNotFound'],
    ['ListVpcEndpointConnections', { ServiceId: service }, 'EndpointServiceNotFound'],
    ['EnableVpcEndpointConnection', { ServiceId: service, EndpointId: endpointId }, 'EndpointServiceNotFound'],
    ['DisableVpcEndpointConnection', { ServiceId: service, EndpointId: endpointId }, 'EndpointServiceNotFound'],
    ['UpdateVpcEndpointConnectionAttribute', { ServiceId: service, EndpointId: endpointId, Bandwidth: 100 }, 'EndpointServiceNotFound'],
    ['EnableVpcEndpointZoneConnection', { ServiceId: service, EndpointId: endpointId, ZoneId: h }, 'EndpointServiceNotFound'],
    ['DisableVpcEndpointZoneConnection', { ServiceId: service, EndpointId: endpointId, ZoneId: h }, 'EndpointServiceNotFound'],
    // Through its own service, the stranger still finds no connection to the consumer's endpoint.
    ['EnableVpcEndpointConnection', { ServiceId: strangers, EndpointId: endpointId }, 'EndpointConnectionNotFound'],
    ['DisableVpcEndpointConnection', { ServiceId: strangers, EndpointId: endpointId }, 'EndpointConnectionNotFound'],
    [
      'UpdateVpcEndpointConnectionAttribute',
      { ServiceId: strangers, EndpointId: endpointId, Bandwidth: 100 },
      'EndpointConnectionNotFound',
    ],
    ['EnableVpcEndpointZoneConnection', { ServiceId: strangers, EndpointId: endpointId, ZoneId: h }, 'EndpointConnectionNotFound'],
    ['DisableVpcEndpointZoneConnection', { ServiceId: strangers, EndpointId: endpointId, ZoneId: h }, 'EndpointConnectionNotFound'],
    ['GetVpcEndpointAttribute', { EndpointId: endpointId }, 'EndpointNotFound'],
    ['UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'mine' }, 'EndpointNotFound'],
    ['DeleteVpcEndpoint', { EndpointId: endpointId }, 'EndpointNotFound'],
    ['AddZoneToVpcEndpoint', { EndpointId: endpointId, ZoneId: h, VSwitchId: consumerNet.vSwitches[h] }, 'EndpointNotFound'],
    ['RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: h }, 'EndpointNotFound'],
    ['ListVpcEndpointZones', { EndpointId: endpointId }, 'EndpointNotFound'],
    ['CreateVpcEndpoint', { VpcId: strangerNet.vpcId, ServiceId: service, 'SecurityGroupId.1': 'sg-a' }, 'EndpointServiceNotAuthorized'],
    ['CreateVpcEndpoint', { VpcId: consumerNet.vpcId, ServiceId: strangers, 'SecurityGroupId.1': 'sg-a' }, 'VpcNotFound'],
    [
      'CreateVpcEndpoint',
      {
        VpcId: strangerNet.vpcId,
        ServiceId: strangers,
        'SecurityGroupId.1': 'sg-a',
        'Zone.1.ZoneId': h,
        'Zone.1.VSwitchId': consumerNet.vSwitches[h],
      },
      'VSwitchNotFound',
    ],
  ];

  it("the stranger gets the cloud's not-found (or not-authorized) answer for every action on the others' resources", async () => {
    const got: Array<[string, string]> = [];
    for (const [action, params] of attempts()) got.push([action, await plError(world.stranger, action, params)]);
    expect(got).toEqual(attempts().map(([action, , code]) => [action, code]));
  });

  it("the stranger's lists show only its own", async () => {
    const { stranger } = world;
    const services = (await pl(stranger, 'ListVpcEndpointServices'))['Services'] as Json[];
    expect(services.map((s) => s['ServiceId'])).toEqual([strangers]);
    expect((await pl(stranger, 'ListVpcEndpoints'))['Endpoints']).toEqual([]);
    const byEndUser = (await pl(stranger, 'ListVpcEndpointServicesByEndUser'))['Services'] as Json[];
    expect(byEndUser.map((s) => s['ServiceId'])).toEqual([strangers]);
    expect((await pl(stranger, 'ListVpcEndpointConnections', { ServiceId: strangers }))['Connections']).toEqual([]);
  });

  it('provider and consumer stay within their roles: neither manages what belongs to the other', async () => {
    const { provider, consumer } = world;
    const asConsumer: Array<[string, Json]> = [
      ['GetVpcEndpointServiceAttribute', { ServiceId: service }],
      ['UpdateVpcEndpointServiceAttribute', { ServiceId: service, AutoAcceptEnabled: false }],
      ['ListVpcEndpointServiceUsers', { ServiceId: service }],
      ['ListVpcEndpointConnections', { ServiceId: service }],
      ['DisableVpcEndpointConnection', { ServiceId: service, EndpointId: endpointId }],
      ['DisableVpcEndpointZoneConnection', { ServiceId: service, EndpointId: endpointId, ZoneId: h }],
    ];
    for (const [action, params] of asConsumer)
      expect([action, await plError(consumer, action, params)]).toEqual([action, 'EndpointServiceNotFound']);
    const asProvider: Array<[string, Json]> = [
      ['GetVpcEndpointAttribute', { EndpointId: endpointId }],
      ['UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: 'theirs' }],
      ['RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: h }],
      ['DeleteVpcEndpoint', { EndpointId: endpointId }],
    ];
    for (const [action, params] of asProvider)
      expect([action, await plError(provider, action, params)]).toEqual([action, 'EndpointNotFound']);
  });

  it('operator actions need an operator key', async () => {
    for (const account of ['provider', 'consumer', 'stranger'] as const) {
      const client = cloudClient(world.plinkd.apiUrl, account, 'operator');
      expect(await errorCodeOf(op(client, 'SetBusinessStatus', { EndpointId: endpointId, BusinessStatus: 'FinancialLocked' }))).toBe(
        'Forbidden.RAM',
      );
    }
  });

  it("after all those attempts nothing of the provider's or the consumer's changed", async () => {
    expect(await snapshot()).toEqual(before);
    expect((await pl(world.consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['ConnectionStatus']).toBe('Connected');
  });
});
