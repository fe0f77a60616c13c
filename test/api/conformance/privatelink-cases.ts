import { ZONES } from '../../helpers/scenario.js';
import type { ShapeCase } from './shape-case.js';
import { call, freshAccount } from '../conveniences/stack.js';
import { activeService, newEndpoint, pl, untilService, untilSettled } from './shape-world.js';

/**
 * Privatelink 2020-04-15: one case per implemented action, keyed by its name. A case calls the
 * action with valid input on the shared world (or on resources it makes for itself, when it
 * changes or deletes them) and returns the answers whose shape is checked.
 */
export const privatelinkShapeCases: Record<string, ShapeCase> = {
  // Services (provider).
  CreateVpcEndpointService: (w) =>
    pl(w.provider, 'CreateVpcEndpointService', { ServiceResourceType: 'nlb', ServiceDescription: 'created' }),
  GetVpcEndpointServiceAttribute: (w) => pl(w.provider, 'GetVpcEndpointServiceAttribute', { ServiceId: w.serviceId }),
  ListVpcEndpointServices: (w) => pl(w.provider, 'ListVpcEndpointServices', { ServiceId: w.serviceId }),
  UpdateVpcEndpointServiceAttribute: (w) =>
    pl(w.provider, 'UpdateVpcEndpointServiceAttribute', { ServiceId: w.serviceId, ServiceDescription: 'shape service' }),
  DeleteVpcEndpointService: async (w) => {
    const { ServiceId } = await pl(w.provider, 'CreateVpcEndpointService', { ServiceResourceType: 'nlb' });
    await untilService(w.provider, String(ServiceId), (s) => s['ServiceStatus'] === 'Active');
    return pl(w.provider, 'DeleteVpcEndpointService', { ServiceId });
  },
  AddUserToVpcEndpointService: (w) => pl(w.provider, 'AddUserToVpcEndpointService', { ServiceId: w.serviceId, UserId: '3333333333333333' }),
  RemoveUserFromVpcEndpointService: (w) =>
    pl(w.provider, 'RemoveUserFromVpcEndpointService', { ServiceId: w.serviceId, UserId: '3333333333333333' }),
  ListVpcEndpointServiceUsers: async (w) => [
    await pl(w.provider, 'ListVpcEndpointServiceUsers', { ServiceId: w.serviceId, UserListType: 'Users' }),
    await pl(w.provider, 'ListVpcEndpointServiceUsers', { ServiceId: w.serviceId, UserListType: 'UserARNs' }),
  ],
  AttachResourceToVpcEndpointService: async (w) => {
    const serviceId = await activeService(w.provider, 'attach');
    return pl(w.provider, 'AttachResourceToVpcEndpointService', {
      ServiceId: serviceId,
      ResourceId: 'nlb-attachj',
      ResourceType: 'nlb',
      ZoneId: ZONES[2],
    });
  },
  DetachResourceFromVpcEndpointService: async (w) => {
    const serviceId = await activeService(w.provider, 'detach');
    return pl(w.provider, 'DetachResourceFromVpcEndpointService', {
      ServiceId: serviceId,
      ResourceId: 'nlb-detachi',
      ResourceType: 'nlb',
      ZoneId: ZONES[1],
    });
  },
  ListVpcEndpointServiceResources: (w) => pl(w.provider, 'ListVpcEndpointServiceResources', { ServiceId: w.serviceId }),
  ListVpcEndpointServicesByEndUser: (w) => pl(w.consumer, 'ListVpcEndpointServicesByEndUser', { ServiceId: w.serviceId }),

  // Endpoints (consumer).
  CreateVpcEndpoint: (w) =>
    pl(w.consumer, 'CreateVpcEndpoint', {
      VpcId: w.network.vpcId,
      ServiceId: w.serviceId,
      EndpointName: 'created',
      'SecurityGroupId.1': 'sg-shape1',
      'Zone.1.ZoneId': ZONES[0],
      'Zone.1.VSwitchId': w.network.vSwitches[ZONES[0]],
    }),
  GetVpcEndpointAttribute: (w) => pl(w.consumer, 'GetVpcEndpointAttribute', { EndpointId: w.endpointId }),
  ListVpcEndpoints: (w) => pl(w.consumer, 'ListVpcEndpoints', { EndpointId: w.endpointId }),
  UpdateVpcEndpointAttribute: (w) =>
    pl(w.consumer, 'UpdateVpcEndpointAttribute', { EndpointId: w.endpointId, EndpointDescription: 'shape endpoint' }),
  DeleteVpcEndpoint: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId, [ZONES[0]]);
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.consumer, 'DeleteVpcEndpoint', { EndpointId: endpointId });
  },
  AddZoneToVpcEndpoint: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId, [ZONES[0]]);
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.consumer, 'AddZoneToVpcEndpoint', { EndpointId: endpointId, ZoneId: ZONES[1], VSwitchId: w.network.vSwitches[ZONES[1]!] });
  },
  RemoveZoneFromVpcEndpoint: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId);
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: ZONES[1] });
  },
  ListVpcEndpointZones: (w) => pl(w.consumer, 'ListVpcEndpointZones', { EndpointId: w.endpointId }),
  AttachSecurityGroupToVpcEndpoint: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId, [ZONES[0]]);
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.consumer, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-shape2' });
  },
  DetachSecurityGroupFromVpcEndpoint: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId, [ZONES[0]], { 'SecurityGroupId.2': 'sg-shape2' });
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.consumer, 'DetachSecurityGroupFromVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-shape2' });
  },
  ListVpcEndpointSecurityGroups: (w) => pl(w.consumer, 'ListVpcEndpointSecurityGroups', { EndpointId: w.endpointId }),

  // Connections (provider).
  EnableVpcEndpointConnection: async (w) => {
    const endpointId = await newEndpoint(w, w.manualServiceId, [ZONES[0]]);
    // Not yet accepted: the connection waits Disconnected, its zones in Wait.
    await untilSettled(w, endpointId, 'Disconnected');
    return pl(w.provider, 'EnableVpcEndpointConnection', { ServiceId: w.manualServiceId, EndpointId: endpointId });
  },
  DisableVpcEndpointConnection: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId, [ZONES[0]]);
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.provider, 'DisableVpcEndpointConnection', { ServiceId: w.serviceId, EndpointId: endpointId });
  },
  UpdateVpcEndpointConnectionAttribute: (w) =>
    pl(w.provider, 'UpdateVpcEndpointConnectionAttribute', { ServiceId: w.serviceId, EndpointId: w.endpointId, Bandwidth: 1024 }),
  ListVpcEndpointConnections: (w) => pl(w.provider, 'ListVpcEndpointConnections', { ServiceId: w.serviceId, EndpointId: w.endpointId }),
  DisableVpcEndpointZoneConnection: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId);
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.provider, 'DisableVpcEndpointZoneConnection', { ServiceId: w.serviceId, EndpointId: endpointId, ZoneId: ZONES[1] });
  },
  EnableVpcEndpointZoneConnection: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId);
    await untilSettled(w, endpointId, 'Connected');
    const zone = { ServiceId: w.serviceId, EndpointId: endpointId, ZoneId: ZONES[1] };
    await pl(w.provider, 'DisableVpcEndpointZoneConnection', zone);
    await untilSettled(w, endpointId, 'Connected');
    return pl(w.provider, 'EnableVpcEndpointZoneConnection', zone);
  },

  // Tags, regions.
  TagResources: (w) =>
    pl(w.consumer, 'TagResources', {
      ResourceType: 'vpcendpoint',
      'ResourceId.1': w.endpointId,
      'Tag.1.Key': 'stage',
      'Tag.1.Value': 'test',
    }),
  UntagResources: (w) =>
    pl(w.consumer, 'UntagResources', { ResourceType: 'vpcendpoint', 'ResourceId.1': w.endpointId, 'TagKey.1': 'stage' }),
  ListTagResources: (w) => pl(w.consumer, 'ListTagResources', { ResourceType: 'vpcendpoint', 'ResourceId.1': w.endpointId }),
  DescribeRegions: (w) => pl(w.consumer, 'DescribeRegions'),
  DescribeZones: (w) => pl(w.consumer, 'DescribeZones'),

  // Activation, resource groups, resource allocation.
  OpenPrivateLinkService: async (w) => {
    const fresh = await freshAccount(w.stack, false);
    return call(fresh.privatelink, 'OpenPrivateLinkService', { RegionId: undefined });
  },
  CheckProductOpen: (w) => call(w.consumer.privatelink, 'CheckProductOpen', { RegionId: undefined }),
  ChangeResourceGroup: async (w) => {
    const endpointId = await newEndpoint(w, w.serviceId, [ZONES[0]]);
    return pl(w.consumer, 'ChangeResourceGroup', { ResourceId: endpointId, ResourceGroupId: 'rg-shape' });
  },
  UpdateVpcEndpointServiceResourceAttribute: async (w) => {
    const serviceId = await activeService(w.provider, 'auto');
    return pl(w.provider, 'UpdateVpcEndpointServiceResourceAttribute', {
      ServiceId: serviceId,
      ResourceId: 'nlb-autoh',
      AutoAllocatedEnabled: true,
    });
  },
  UpdateVpcEndpointZoneConnectionResourceAttribute: async (w) => {
    const serviceId = await activeService(w.provider, 'zoneres');
    await pl(w.provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: w.consumer.uid });
    const endpointId = await newEndpoint(w, serviceId, [ZONES[0]]);
    await untilSettled(w, endpointId, 'Disconnected');
    return pl(w.provider, 'UpdateVpcEndpointZoneConnectionResourceAttribute', {
      ServiceId: serviceId,
      EndpointId: endpointId,
      ZoneId: ZONES[0],
      ResourceAllocateMode: 'Manual',
      ResourceType: 'nlb',
      ResourceId: 'nlb-zoneresh',
    });
  },
};
