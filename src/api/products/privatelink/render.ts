import type { Endpoint, EndpointService, EndpointZone, ServiceResource, Tag } from '../../../model/types.js';

/**
 * Documents → the cloud's PascalCase response fields (names as in the
 * Privatelink 2020-04-15 SDK models). PrivateLink lists are plain arrays.
 */

/** Bandwidth bounds the cloud reports for a service's connections (Mbit/s). */
const SERVICE_BANDWIDTH = { MinBandwidth: 100, MaxBandwidth: 10240 };

export function renderTags(tags: readonly Tag[]): Array<{ Key: string; Value: string }> {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

export function serviceZones(service: EndpointService): string[] {
  return [...new Set(service.resources.map((r) => r.zoneId))].sort();
}

export function serviceType(service: EndpointService): 'Interface' | 'GatewayLoadBalancer' {
  return service.serviceResourceType === 'gwlb' ? 'GatewayLoadBalancer' : 'Interface';
}

/** GetVpcEndpointServiceAttribute and ListVpcEndpointServices items (provider view). */
export function renderService(service: EndpointService): Record<string, unknown> {
  return {
    ServiceId: service.serviceId,
    ServiceName: service.serviceName,
    ServiceDomain: service.serviceDomain,
    ServiceDescription: service.serviceDescription,
    ServiceStatus: service.serviceStatus,
    ServiceBusinessStatus: service.serviceBusinessStatus,
    ...serviceTraits(service),
    ConnectBandwidth: service.connectBandwidth,
    ...SERVICE_BANDWIDTH,
    Payer: service.payer,
    RegionId: service.regionId,
    ResourceGroupId: service.resourceGroupId,
    CreateTime: service.createdAt,
    Zones: serviceZones(service),
    PrivateServiceDomain: service.privateServiceDomain ?? '',
    SupportedRegionSet: [],
    Tags: renderTags(service.tags),
  };
}

/** What both the provider's and the consumer's view of a service say about how it connects. */
function serviceTraits(service: EndpointService): Record<string, unknown> {
  return {
    ServiceResourceType: service.serviceResourceType,
    ServiceType: serviceType(service),
    ServiceSupportIPv6: service.addressIpVersion === 'DualStack',
    AddressIpVersion: service.addressIpVersion,
    AutoAcceptEnabled: service.autoAcceptEnabled,
    ZoneAffinityEnabled: service.zoneAffinityEnabled,
  };
}

/** ListVpcEndpointServicesByEndUser items: what a consumer may know of a service it can connect to. */
export function renderServiceForEndUser(service: EndpointService): Record<string, unknown> {
  return {
    ServiceId: service.serviceId,
    ServiceName: service.serviceName,
    ServiceDomain: service.serviceDomain,
    ...serviceTraits(service),
    Payer: service.payer,
    ResourceGroupId: service.resourceGroupId,
    VpcEndpointPolicySupported: true,
    Zones: serviceZones(service),
    Tags: renderTags(service.tags),
  };
}

/**
 * ListVpcEndpointServiceResources items. VpcId, VSwitchId and Ip are the load
 * balancer's own: plinkd models no load balancers, and neither
 * AttachResourceToVpcEndpointService nor CreateVpcEndpointService carries them
 * (the cloud reads them from the instance), so they stay empty.
 */
export function renderResource(
  resource: ServiceResource,
  service: EndpointService,
  relatedEndpointCount: number,
  relatedDeprecatedEndpointCount: number,
): Record<string, unknown> {
  return {
    ResourceId: resource.resourceId,
    ResourceType: resource.resourceType,
    RegionId: resource.regionId,
    ZoneId: resource.zoneId,
    VpcId: '',
    VSwitchId: '',
    Ip: '',
    AutoAllocatedEnabled: resource.autoAllocatedEnabled !== false,
    ResourceSupportIPv6: service.addressIpVersion === 'DualStack',
    RelatedEndpointCount: relatedEndpointCount,
    RelatedDeprecatedEndpointCount: relatedDeprecatedEndpointCount,
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
    Bandwidth: endpoint.bandwidth,
    CrossRegionBandwidth: 0,
    CreateTime: endpoint.createdAt,
    Payer: endpoint.payer ?? 'Endpoint',
    PolicyDocument: endpoint.policyDocument,
    RegionId: endpoint.regionId,
    ResourceGroupId: endpoint.resourceGroupId,
    // "Whether the endpoint and its service belong to one account."
    ResourceOwner: endpoint.uid === endpoint.serviceUid,
    ServiceId: endpoint.serviceId,
    ServiceName: endpoint.serviceName,
    ServiceRegionId: endpoint.regionId,
    VpcId: endpoint.vpcId,
    AddressIpVersion: endpoint.addressIpVersion,
    ZoneAffinityEnabled: endpoint.zoneAffinityEnabled,
    ZonePrivateIpAddressCount: 1,
    PrivateServiceDomainEnabled: endpoint.privateServiceDomainEnabled,
  };
}

/** ListVpcEndpointZones items (consumer view). */
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

/**
 * ListVpcEndpointConnections items (provider view), zones included.
 * EndpointOwnerId is a JSON number, as in the cloud (uids up to 2^53 stay exact).
 */
export function renderConnection(endpoint: Endpoint, service: EndpointService): Record<string, unknown> {
  return {
    EndpointId: endpoint.endpointId,
    EndpointOwnerId: Number(endpoint.uid),
    EndpointRegionId: endpoint.regionId,
    EndpointVpcId: endpoint.vpcId,
    ServiceId: service.serviceId,
    ServiceRegionId: service.regionId,
    ConnectionStatus: endpoint.connectionStatus,
    Bandwidth: endpoint.bandwidth,
    TrafficControlMode: endpoint.trafficControlMode,
    ModifiedTime: endpoint.connectionModifiedAt,
    // The endpoint's group ("the resource group of the endpoint"), not the service's.
    ResourceGroupId: endpoint.resourceGroupId,
    ResourceOwner: endpoint.uid === service.uid,
    Zones: [...endpoint.zones]
      .sort((a, b) => (a.zoneId < b.zoneId ? -1 : 1))
      .map((z) => ({
        ZoneId: z.zoneId,
        VSwitchId: z.vSwitchId,
        EniId: z.eniId,
        ResourceId: z.resourceId ?? '',
        ZoneDomain: z.zoneDomain,
        ZoneStatus: z.zoneStatus,
        // Graceful migrations keep the ENI: only the resource is replaced.
        ReplacedEniId: '',
        ReplacedResourceId: z.replacedResourceId ?? '',
      })),
  };
}
