import { isPublished } from '../../model/endpoint-publication.js';
import type { Endpoint, EndpointService, GatewayEndpoint, PrivateZone, ResolverBinding, Vpc, VSwitch } from '../../model/types.js';
import { zoneAddresses } from '../../model/zone-addresses.js';
import type {
  TopologyEndpoint,
  TopologyGatewayEndpoint,
  TopologyName,
  TopologyPrivateZone,
  TopologyResolverBinding,
  TopologyService,
  TopologyVpc,
} from './types.js';

/** One stored document as one topology node (types.ts); pure, shared by the snapshot and the change feed. */

export function serviceNode(service: EndpointService): TopologyService {
  return {
    serviceId: service.serviceId,
    serviceName: service.serviceName,
    serviceDomain: service.serviceDomain,
    owner: service.uid,
    regionId: service.regionId,
    status: service.serviceStatus,
    businessStatus: service.serviceBusinessStatus,
    resourceType: service.serviceResourceType,
    resources: service.resources.map((r) => ({ resourceId: r.resourceId, resourceType: r.resourceType, zoneId: r.zoneId })),
    zones: [...new Set(service.resources.map((r) => r.zoneId))].sort(),
    autoAcceptEnabled: service.autoAcceptEnabled,
    zoneAffinityEnabled: service.zoneAffinityEnabled,
    addressIpVersion: service.addressIpVersion,
    privateServiceDomain: service.privateServiceDomain,
    cloudProvided: service.cloudProvided,
    createdAt: service.createdAt,
  };
}

/** `service` is the endpoint's service if it still exists (its PrivateServiceDomain adds a name). */
export function endpointNode(endpoint: Endpoint, service: EndpointService | undefined): TopologyEndpoint {
  return {
    endpointId: endpoint.endpointId,
    endpointName: endpoint.endpointName,
    owner: endpoint.uid,
    regionId: endpoint.regionId,
    serviceId: endpoint.serviceId,
    serviceName: endpoint.serviceName,
    vpcId: endpoint.vpcId,
    endpointType: endpoint.endpointType,
    status: endpoint.endpointStatus,
    connectionStatus: endpoint.connectionStatus,
    businessStatus: endpoint.endpointBusinessStatus,
    addressIpVersion: endpoint.addressIpVersion,
    zones: endpoint.zones.map((zone) => ({
      zoneId: zone.zoneId,
      vSwitchId: zone.vSwitchId,
      eniId: zone.eniId,
      addresses: zoneAddresses(zone),
      status: zone.zoneStatus,
    })),
    names: namesOf(endpoint, service),
    createdAt: endpoint.createdAt,
  };
}

/**
 * The names the DNS projections give an endpoint (dns/projection/endpoint-records.ts,
 * custom-domain-projection.ts), each with the addresses it answers now.
 */
function namesOf(endpoint: Endpoint, service: EndpointService | undefined): TopologyName[] {
  const published = isPublished(endpoint);
  const live = published ? endpoint.zones.filter((z) => z.zoneStatus === 'Connected') : [];
  const addressesOf = (zones: typeof live): string[] => zones.flatMap(zoneAddresses);
  const all = addressesOf(live);
  const names: TopologyName[] = [
    { name: endpoint.endpointDomain, kind: 'endpoint', views: 'all', answered: all.length > 0, addresses: all },
  ];
  for (const zone of endpoint.zones) {
    const addresses = addressesOf(live.filter((z) => z.zoneId === zone.zoneId));
    names.push({ name: zone.zoneDomain, kind: 'zone', zoneId: zone.zoneId, views: 'all', answered: addresses.length > 0, addresses });
  }
  const domain = service?.privateServiceDomain ?? null;
  if (endpoint.privateServiceDomainEnabled && domain !== null) {
    names.push({ name: domain, kind: 'privateServiceDomain', views: [endpoint.vpcId], answered: all.length > 0, addresses: all });
  }
  return names;
}

/** `vSwitches`: the VPC's own, in any order; shown by zone, then CIDR block. */
export function vpcNode(vpc: Vpc, vSwitches: readonly VSwitch[]): TopologyVpc {
  return {
    vpcId: vpc.vpcId,
    vpcName: vpc.vpcName,
    owner: vpc.uid,
    regionId: vpc.regionId,
    cidrBlock: vpc.cidrBlock,
    ipv6CidrBlock: vpc.ipv6CidrBlock,
    vSwitches: [...vSwitches]
      .sort((a, b) => compareText(a.zoneId, b.zoneId) || compareText(a.cidrBlock, b.cidrBlock))
      .map((v) => ({
        vSwitchId: v.vSwitchId,
        vSwitchName: v.vSwitchName,
        zoneId: v.zoneId,
        cidrBlock: v.cidrBlock,
        ipv6CidrBlock: v.ipv6CidrBlock,
      })),
  };
}

export function privateZoneNode(zone: PrivateZone, recordCount: number): TopologyPrivateZone {
  return { zoneId: zone.zoneId, zoneName: zone.zoneName, owner: zone.uid, vpcs: zone.vpcs.map((v) => v.vpcId), recordCount };
}

export function resolverBindingNode(binding: ResolverBinding): TopologyResolverBinding {
  return {
    bindingId: binding.bindingId,
    vpcId: binding.vpcId,
    regionId: binding.regionId,
    sourceCidr: binding.sourceCidr,
    zoneId: binding.zoneId,
  };
}

export function gatewayEndpointNode(endpoint: GatewayEndpoint): TopologyGatewayEndpoint {
  return {
    endpointId: endpoint.endpointId,
    endpointName: endpoint.endpointName,
    owner: endpoint.uid,
    regionId: endpoint.regionId,
    vpcId: endpoint.vpcId,
    serviceName: endpoint.serviceName,
    status: endpoint.status,
  };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
