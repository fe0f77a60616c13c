/**
 * The entities of docs/control-plane.md, as stored. Field names follow the cloud API's
 * vocabulary (camelCase here, PascalCase on the wire) so that the mapping in
 * api/products stays mechanical. No I/O here.
 */

export type BusinessStatus = 'Normal' | 'FinancialLocked';

export interface Account {
  uid: string;
  operator: boolean;
  businessStatus: BusinessStatus;
  createdAt: string;
  /**
   * Keys made by CreateAccessKey, kept in the account document so the per-account
   * limit is checked on one document (CAS) even against another API process.
   */
  accessKeyIds?: string[];
  /**
   * When the account opened PrivateLink (OpenPrivateLinkService; absent: never).
   * The cloud requires it before endpoint services and endpoints are created.
   */
  privateLinkOpenedAt?: string;
}

export interface AccessKey {
  accessKeyId: string;
  uid: string;
  /** Needed to verify HMAC signatures; never logged, never returned after creation. */
  secret: string;
  createdAt: string;
}

export interface Vpc {
  vpcId: string;
  uid: string;
  regionId: string;
  vpcName: string;
  description: string;
  cidrBlock: string;
  /** /56 assigned when IPv6 is enabled; vSwitches take /64s from it. */
  ipv6CidrBlock: string | null;
  status: 'Available';
  createdAt: string;
  /**
   * What lives in the VPC, kept in the VPC document itself so that DeleteVpc and
   * the creations it must not race with read and write one document (CAS): a
   * vSwitch created concurrently either lands before the delete (which then
   * sees it) or fails to find the VPC.
   */
  dependents: VpcDependents;
  /** ResourceGroupId ('' when none was given). */
  resourceGroupId: string;
  tags?: Tag[];
  /** Tags of the VPC's system route table (VPC TagResources, ROUTETABLE): the table lives and dies with the VPC. */
  routeTableTags?: Tag[];
  /** UserCidr given at creation (at most 3 IPv4 blocks; shown, not enforced). */
  userCidrs?: string[];
}

export interface VpcDependents {
  vSwitch?: string[];
  gatewayEndpoint?: string[];
  /** Operator-made bindings of the VPC's resolvers (deleted with the VPC). */
  resolverBinding?: string[];
}

export interface VSwitch {
  vSwitchId: string;
  uid: string;
  regionId: string;
  vpcId: string;
  zoneId: string;
  vSwitchName: string;
  description: string;
  cidrBlock: string;
  ipv6CidrBlock: string | null;
  status: 'Available';
  createdAt: string;
  /** ResourceGroupId ('' when none). */
  resourceGroupId: string;
  tags?: Tag[];
}

/**
 * Addresses handed out in one vSwitch, per family: the addresses in use as ascending,
 * disjoint ranges, comma-separated, e.g. "10.0.0.1-10.0.0.250,10.0.0.252" (src/model/ipam.ts).
 * Which ENI holds an address is on the endpoint's zone (eniId, eniIp, zoneIpv6Address).
 * The fields are not named v4/v6 like the earlier form's maps: a build of the earlier form
 * sharing the store (a rolling upgrade, a standby taking over, a rollback) then meets no map
 * and fails, instead of reading a string as a map, handing out addresses in use and writing
 * the string back spread into one key per character.
 */
export interface IpAllocation {
  vSwitchId: string;
  v4Ranges: string;
  v6Ranges: string;
}

/**
 * The form stores written before the ranges: address → the ENI holding it, one entry per
 * address (rewritten and streamed whole at every zone edit, where the ranges form holds a few
 * ranges instead). Read as
 * ranges (ipam.ts currentAllocation) and written back as ranges at the vSwitch's next allocation
 * or release.
 */
export interface LegacyIpAllocation {
  vSwitchId: string;
  v4: Record<string, string>;
  v6: Record<string, string>;
}

export type ServiceStatus = 'Creating' | 'Active' | 'Pending' | 'Deleting';
export type ServiceResourceType = 'slb' | 'alb' | 'nlb' | 'gwlb';
export type AddressIpVersion = 'IPv4' | 'DualStack';

export interface ServiceResource {
  resourceId: string;
  resourceType: ServiceResourceType;
  zoneId: string;
  regionId: string;
  /**
   * Whether zone allocation may pick it (UpdateVpcEndpointServiceResourceAttribute
   * AutoAllocatedEnabled); absent means true, the cloud's default.
   */
  autoAllocatedEnabled?: boolean;
}

export interface EndpointService {
  serviceId: string;
  uid: string;
  regionId: string;
  serviceName: string;
  serviceDomain: string;
  serviceDescription: string;
  serviceResourceType: ServiceResourceType;
  resources: ServiceResource[];
  autoAcceptEnabled: boolean;
  zoneAffinityEnabled: boolean;
  addressIpVersion: AddressIpVersion;
  /** Whitelist: account uids and RAM ARNs (`acs:ram::<uid>:…`). */
  users: string[];
  /** Custom domain; only for cloud-provided (operator-created) services. */
  privateServiceDomain: string | null;
  /** Created by an operator account: may carry a PrivateServiceDomain and serve Reverse endpoints. */
  cloudProvided: boolean;
  payer: 'Endpoint' | 'EndpointService';
  tags: Tag[];
  serviceStatus: ServiceStatus;
  /** Effective: FinancialLocked when the service itself or its owner's account is locked. */
  serviceBusinessStatus: BusinessStatus;
  /** What SetBusinessStatus set on the service itself (the account's status combines with it). */
  ownBusinessStatus: BusinessStatus;
  /** Default bandwidth (Mbit/s) of a newly accepted connection (ConnectBandwidth, 100–10240). */
  connectBandwidth: number;
  resourceGroupId: string;
  /** When the reconciler may move the service out of its transitional status (epoch ms). */
  transitionDueAt: number | null;
  createdAt: string;
}

export type EndpointType = 'Interface' | 'GatewayLoadBalancer' | 'Reverse';
export type EndpointStatus = 'Creating' | 'Active' | 'Pending' | 'Deleting';
export type ConnectionStatus = 'Pending' | 'Connecting' | 'Connected' | 'Disconnecting' | 'Disconnected' | 'Deleting' | 'ServiceDeleted';
export type ZoneStatus = 'Creating' | 'Wait' | 'Connecting' | 'Connected' | 'Disconnecting' | 'Disconnected' | 'Deleting';

export interface EndpointZone {
  zoneId: string;
  regionId: string;
  vSwitchId: string;
  eniId: string;
  eniIp: string;
  zoneIpv6Address: string | null;
  zoneDomain: string;
  zoneStatus: ZoneStatus;
  /** Service resource (same zone) the connected zone is bound to. */
  resourceId: string | null;
  /**
   * The resource the provider assigned by hand (UpdateVpcEndpointZoneConnectionResourceAttribute,
   * ResourceAllocateMode Manual): the zone connects to it, and keeps it while disconnected.
   * Absent or null: Auto, the least-loaded auto-allocated resource of the zone.
   */
  manualResourceId?: string | null;
  /** During a Graceful migration, the resource the zone is leaving (ListVpcEndpointConnections ReplacedResourceId). */
  replacedResourceId?: string | null;
  transitionDueAt: number | null;
}

export interface Endpoint {
  endpointId: string;
  uid: string;
  regionId: string;
  endpointName: string;
  endpointDescription: string;
  endpointType: EndpointType;
  vpcId: string;
  serviceId: string;
  serviceName: string;
  serviceUid: string;
  /** Who pays for the connection: the service's Payer when the endpoint was created (a service's payer never changes). */
  payer?: 'Endpoint' | 'EndpointService';
  securityGroupIds: string[];
  zones: EndpointZone[];
  endpointDomain: string;
  addressIpVersion: AddressIpVersion;
  policyDocument: string;
  privateServiceDomainEnabled: boolean;
  tags: Tag[];
  /**
   * The security group being attached or detached while EndpointStatus is
   * Pending (ListVpcEndpointSecurityGroups shows it Attaching / Detaching);
   * stale once the endpoint is Active again.
   */
  securityGroupChange?: { securityGroupId: string; change: 'Attaching' | 'Detaching' } | null;
  endpointStatus: EndpointStatus;
  connectionStatus: ConnectionStatus;
  /** Effective: FinancialLocked when the endpoint itself or its owner's account is locked. */
  endpointBusinessStatus: BusinessStatus;
  /** What SetBusinessStatus set on the endpoint itself (the account's status combines with it). */
  ownBusinessStatus: BusinessStatus;
  /** What a financial lock disconnected, so that `Normal` restores exactly that (docs/control-plane.md). */
  suspendedConnection: SuspendedConnection | null;
  /** Connection bandwidth (Mbit/s), set by the provider on accept or UpdateVpcEndpointConnectionAttribute. */
  bandwidth: number;
  trafficControlMode: TrafficControlMode;
  zoneAffinityEnabled: boolean;
  resourceGroupId: string;
  /** Last change of the connection (ListVpcEndpointConnections ModifiedTime). */
  connectionModifiedAt: string;
  transitionDueAt: number | null;
  createdAt: string;
}

export type TrafficControlMode = 'Scalability' | 'BandwidthLimit';

/** The connection as it was when a financial lock cut it. */
export interface SuspendedConnection {
  /** The connection was Connected (or on its way there). */
  connected: boolean;
  /** Zones that were Connected (or Connecting). */
  zoneIds: string[];
}

export interface Tag {
  key: string;
  value: string;
}

/**
 * Maps the source address (or CIDR) of a VPC's resolver to that VPC — how the
 * DNS server knows which view a query belongs to (docs/dns.md "Views"). Longest prefix wins.
 */
export interface ResolverBinding {
  bindingId: string;
  /** The operator account that created it. */
  uid: string;
  vpcId: string;
  regionId: string;
  sourceCidr: string;
  /** When the resolver sits in one zone: its queries prefer that zone (ZoneAffinity). */
  zoneId: string | null;
  createdAt: string;
}

/** PrivateZone 2018-01-01: a private zone answered only to the VPCs bound to it. */
export interface PrivateZone {
  zoneId: string;
  uid: string;
  zoneName: string;
  remark: string;
  /**
   * ZONE: the zone answers every name below it (NXDOMAIN for names it lacks). RECORD: names
   * the zone lacks are handed on (REFUSED) for the VPC's resolver to resolve elsewhere
   * (docs/design/dns-views.md "ProxyPattern").
   */
  proxyPattern: PrivateZoneProxyPattern;
  /** AddZone's ResourceGroupId, stored and filtered on (DescribeZones); absent: none. */
  resourceGroupId?: string;
  /** VPCs bound to the zone: the caller's own, or those of accounts that authorised it (UserVpcAuthorization). */
  vpcs: Array<{ vpcId: string; regionId: string }>;
  createdAt: string;
  updatedAt: string;
}

export type PrivateZoneProxyPattern = 'ZONE' | 'RECORD';

export type PrivateZoneRecordType = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'SRV' | 'PTR';

export interface PrivateZoneRecord {
  recordId: string;
  zoneId: string;
  uid: string;
  /** Host record relative to the zone: "www", "@", "*.dev". */
  rr: string;
  type: PrivateZoneRecordType;
  value: string;
  ttl: number;
  /** MX preference (SRV carries priority inside its value). */
  priority: number | null;
  /** DISABLE keeps the record but stops answering it (SetZoneRecordStatus). */
  status: 'ENABLE' | 'DISABLE';
  remark: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * PrivateZone cross-account binding (AddUserVpcAuthorization): the account `uid` may bind
 * VPCs of `authorizedUserId` to its zones. Id `<uid>:<authType>:<authorizedUserId>`.
 */
export interface UserVpcAuthorization {
  uid: string;
  /** The account that owns the VPCs (the cloud's AuthorizedUserId) and consented with an AuthCode. */
  authorizedUserId: string;
  /** Only NORMAL is modelled (CLOUD_PRODUCT concerns the cloud's own product zones). */
  authType: 'NORMAL';
  createdAt: string;
}

/**
 * The code the VPC owner `uid` gives the zone owner `zoneOwnerId` to consent to an
 * AddUserVpcAuthorization (the cloud emails it; plinkd issues it to the VPC owner through
 * CreateVpcAuthorizationCode). Only a SHA-256 of the code is stored. Id `<uid>:<zoneOwnerId>`.
 */
export interface VpcAuthorizationCode {
  uid: string;
  zoneOwnerId: string;
  codeSha256: string;
  expiresAt: string;
}

/** VPC gateway endpoint (OSS only): answers the region's OSS names from 100.64.0.0/10 in its VPC. */
export interface GatewayEndpoint {
  endpointId: string;
  uid: string;
  regionId: string;
  vpcId: string;
  serviceName: string;
  endpointName: string;
  endpointDescription: string;
  policyDocument: string;
  /** Route tables (the VPC's `vtb-` id) associated by AssociateRouteTablesWithVpcGatewayEndpoint. */
  routeTables: string[];
  /** Tag.N given at creation or by the VPC API's TagResources (ResourceType GATEWAYENDPOINT). */
  tags?: Tag[];
  /** ResourceGroupId ('' when none). */
  resourceGroupId: string;
  status: 'Creating' | 'Created' | 'Modifying' | 'Deleting';
  createdAt: string;
}

/** What a ClientToken maps to: the resource the first call created (docs/api.md idempotency). */
export interface IdempotencyRecord {
  key: string;
  uid: string;
  action: string;
  resourceId: string;
  createdAt: string;
  /** Hash of the first request's parameters: a reuse with other parameters is refused. */
  fingerprint?: string;
}
