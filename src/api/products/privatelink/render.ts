import type { Endpoint, EndpointService, EndpointZone } from '../../../model/types.js';

/**
 * Documents → the cloud's PascalCase response fields (names as in the
 * Privatelink 2020-04-15 SDK models). PrivateLink lists are plain arrays.
 */
export function renderService(service: EndpointService): Record<string, unknown> {
  return {
    ServiceId: service.serviceId,
    ServiceName: service.serviceName,
    ServiceDomain: service.serviceDomain,
    ServiceDescription: service.serviceDescription,
    ServiceStatus: service.serviceStatus,
    ServiceBusinessStatus: service.serviceBusinessStatus,
    ServiceResourceType: service.serviceResourceType,
    ServiceType: service.serviceResourceType === 'gwlb' ? 'GatewayLoadBalancer' : 'Interface',
    ServiceSupportIPv6: service.addressIpVersion === 'DualStack',
    AddressIpVersion: service.addressIpVersion,
    AutoAcceptEnabled: service.autoAcceptEnabled,
    ZoneAffinityEnabled: service.zoneAffinityEnabled,
    Payer: service.payer,
    RegionId: service.regionId,
    ResourceGroupId: '',
    CreateTime: service.createdAt,
    Zones: [...new Set(service.resources.map((r) => r.zoneId))].sort(),
    PrivateServiceDomain: service.privateServiceDomain ?? '',
    SupportedRegionSet: [],
  };
}

export function renderEndpoint(endpoint: Endpoint): Record<string, unknown> {
  return {
    EndpointId: endpoint.endpointId,
    EndpointName: endpoint.endpointName,
    EndpointDescription: endpoint.endpointDescription,
    EndpointDomain: endpoint.endpointDomain,
    EndpointStatus: endpoint.endpointStatus,
    EndpointBusinessStatus: endpoint.endpointBusinessStatus,
    EndpointType: endpoint.endpointType,
    ConnectionStatus: endpoint.connectionStatus,
    Bandwidth: 3072,
    CreateTime: endpoint.createdAt,
    Payer: 'Endpoint',
    PolicyDocument: endpoint.policyDocument,
    RegionId: endpoint.regionId,
    ResourceGroupId: '',
    ResourceOwner: false,
    ServiceId: endpoint.serviceId,
    ServiceName: endpoint.serviceName,
    ServiceRegionId: endpoint.regionId,
    VpcId: endpoint.vpcId,
    AddressIpVersion: endpoint.addressIpVersion,
    ZoneAffinityEnabled: false,
    ZonePrivateIpAddressCount: 1,
    PrivateServiceDomainEnabled: endpoint.privateServiceDomainEnabled,
  };
}

export function renderZone(zone: EndpointZone): Record<string, unknown> {
  return {
    ZoneId: zone.zoneId,
    VSwitchId: zone.vSwitchId,
    EniId: zone.eniId,
    EniIp: zone.eniIp,
    RegionId: zone.regionId,
    ZoneDomain: zone.zoneDomain,
    ZoneStatus: zone.zoneStatus,
    ZoneIpv6Address: zone.zoneIpv6Address ?? '',
  };
}
