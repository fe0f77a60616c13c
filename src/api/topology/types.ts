import type {
  AddressIpVersion,
  BusinessStatus,
  ConnectionStatus,
  EndpointStatus,
  EndpointType,
  GatewayEndpoint,
  ServiceResourceType,
  ServiceStatus,
  ZoneStatus,
} from '../../model/types.js';

/**
 * What `GET /v1/topology` answers and `GET /v1/events` keeps current (docs/console.md):
 * every resource as one node, lists of nodes by kind, nodes referring to each other
 * by id (an endpoint names its service and VPC). Flat lists, so that one changed
 * document replaces one node. camelCase, as the rest of /v1. No secrets: access
 * keys and accounts are never read.
 */

export interface TopologyService {
  serviceId: string;
  serviceName: string;
  serviceDomain: string;
  owner: string;
  regionId: string;
  status: ServiceStatus;
  businessStatus: BusinessStatus;
  resourceType: ServiceResourceType;
  resources: Array<{ resourceId: string; resourceType: ServiceResourceType; zoneId: string }>;
  /** The zones the service's resources are in: where endpoints may connect. */
  zones: string[];
  autoAcceptEnabled: boolean;
  zoneAffinityEnabled: boolean;
  addressIpVersion: AddressIpVersion;
  privateServiceDomain: string | null;
  cloudProvided: boolean;
  createdAt: string;
}

export interface TopologyEndpointZone {
  zoneId: string;
  vSwitchId: string;
  eniId: string;
  /** The ENI's IPv4 address, then its IPv6 address for a DualStack endpoint. */
  addresses: string[];
  status: ZoneStatus;
}

/**
 * A DNS name of an endpoint: `views` is `all` for the public endpoint names, or
 * the VPCs that see it (a PrivateServiceDomain); `answered` says whether a query
 * gets addresses now (docs/dns.md: only while the endpoint is published, from its
 * Connected zones).
 */
export interface TopologyName {
  name: string;
  kind: 'endpoint' | 'zone' | 'privateServiceDomain';
  zoneId?: string;
  views: 'all' | string[];
  answered: boolean;
  addresses: string[];
}

export interface TopologyEndpoint {
  endpointId: string;
  endpointName: string;
  owner: string;
  regionId: string;
  serviceId: string;
  serviceName: string;
  vpcId: string;
  endpointType: EndpointType;
  status: EndpointStatus;
  connectionStatus: ConnectionStatus;
  businessStatus: BusinessStatus;
  addressIpVersion: AddressIpVersion;
  zones: TopologyEndpointZone[];
  names: TopologyName[];
  createdAt: string;
}

export interface TopologyVpc {
  vpcId: string;
  vpcName: string;
  owner: string;
  regionId: string;
  cidrBlock: string;
  ipv6CidrBlock: string | null;
  vSwitches: Array<{ vSwitchId: string; vSwitchName: string; zoneId: string; cidrBlock: string; ipv6CidrBlock: string | null }>;
}

export interface TopologyPrivateZone {
  zoneId: string;
  zoneName: string;
  owner: string;
  vpcs: string[];
  recordCount: number;
}

export interface TopologyResolverBinding {
  bindingId: string;
  vpcId: string;
  regionId: string;
  sourceCidr: string;
  zoneId: string | null;
}

export interface TopologyGatewayEndpoint {
  endpointId: string;
  endpointName: string;
  owner: string;
  regionId: string;
  vpcId: string;
  serviceName: string;
  status: GatewayEndpoint['status'];
}

/** The node types by the name of their list in Topology. */
export interface TopologyNodes {
  services: TopologyService;
  endpoints: TopologyEndpoint;
  vpcs: TopologyVpc;
  privateZones: TopologyPrivateZone;
  resolverBindings: TopologyResolverBinding;
  gatewayEndpoints: TopologyGatewayEndpoint;
}

export type TopologyList = keyof TopologyNodes;

export const TOPOLOGY_LISTS: readonly TopologyList[] = [
  'services',
  'endpoints',
  'vpcs',
  'privateZones',
  'resolverBindings',
  'gatewayEndpoints',
];

export type Topology = { [L in TopologyList]: TopologyNodes[L][] } & {
  /** The replica's stream position the picture was taken at. */
  position: string;
  /** How many nodes of each list exist; a list holds at most MAX_TOPOLOGY_NODES of them. */
  totals: Record<TopologyList, number>;
  truncated: boolean;
};

/** One node replaced (`node`) or removed (null), as `GET /v1/events` sends it. */
export type TopologyChange = { [L in TopologyList]: { list: L; id: string; node: TopologyNodes[L] | null } }[TopologyList];
