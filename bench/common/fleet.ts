/**
 * A deterministic fleet of N connected interface endpoints, as the control
 * plane would have written them (docs/control-plane.md): documents of the model, ready to be
 * put straight into a store, and the DNS names and addresses they publish
 * (docs/dns.md), for query files and for the NSD zone file.
 *
 * Layout: a provider account owns one service per ENDPOINTS_PER_SERVICE
 * endpoints (every 4th service DualStack); a consumer account owns one VPC
 * per ENDPOINTS_PER_VPC endpoints, with one vSwitch per zone; every endpoint
 * has one ENI in each of the region's three zones, all Connected.
 */
import { endpointDomainOf, regionZoneOf, serviceDomainOf, serviceNameOf, zoneDomainOf } from '../../src/model/names.js';
import type { Account, Endpoint, EndpointService, LegacyIpAllocation, VSwitch, Vpc } from '../../src/model/types.js';
import { DEFAULT_ENDPOINT_POLICY } from '../../src/policy/default-endpoint-policy.js';
import type { Change } from '../../src/store/types.js';
import { xorshift32 } from './xorshift.js';

export const REGION = 'cn-hangzhou';
export const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'] as const;
export const SUFFIX = 'privatelink.aliyuncs.com';
export const REGION_ZONE = regionZoneOf(REGION, SUFFIX);
export const PROVIDER_UID = '1111111111111111';
export const CONSUMER_UID = '2222222222222222';
export const ENDPOINTS_PER_SERVICE = 10;
/** A /24 vSwitch has 252 usable addresses (the cloud reserves 4); 250 endpoints fill it. */
export const ENDPOINTS_PER_VPC = 250;
const CREATED_AT = '2026-11-26T00:00:00Z';
const RESOURCE_GROUP = '';

const generator = xorshift32;

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Ids like the cloud's: prefix and 20 lowercase base-36 characters. */
function idFactory(seed: number): (prefix: string) => string {
  const next = generator(seed);
  return (prefix) => {
    let id = `${prefix}-`;
    for (let i = 0; i < 20; i++) id += BASE36[next() % 36];
    return id;
  };
}

/** One published DNS name: its A and AAAA addresses, in record order. */
export interface FleetName {
  name: string;
  a: string[];
  aaaa: string[];
}

export interface FleetEndpoint {
  endpoint: Endpoint;
  /** Region-wide name first, then one zonal name per zone. */
  names: FleetName[];
}

export interface FleetChunk {
  /** Documents of this chunk (one VPC's worth of endpoints and what they need). */
  changes: Change[];
  endpoints: FleetEndpoint[];
  services: EndpointService[];
}

function vpcCidr(k: number): { v4: string; v6: string; second: number; third: number } {
  // VPC k: 10.<a>.<b>.0/20 with its three /24 vSwitches at b, b+1, b+2 (k < 4096 stay distinct).
  const second = (k >> 4) & 255;
  const third = (k & 15) << 4;
  return { v4: `10.${second}.${third}.0/20`, v6: `2408:4005:${(k + 1).toString(16)}::/56`, second, third };
}

/**
 * Yields the fleet one VPC at a time, so a million endpoints never sit in
 * memory at once. `accounts` come first, in the first chunk.
 */
export function* fleetChunks(endpoints: number, seed = 6): Generator<FleetChunk> {
  const id = idFactory(seed);
  const services: EndpointService[] = [];
  const serviceCount = Math.ceil(endpoints / ENDPOINTS_PER_SERVICE);
  const accounts: Account[] = [
    { uid: PROVIDER_UID, operator: false, businessStatus: 'Normal', createdAt: CREATED_AT },
    { uid: CONSUMER_UID, operator: false, businessStatus: 'Normal', createdAt: CREATED_AT },
  ];
  for (let first = 0, k = 0; first < endpoints; first += ENDPOINTS_PER_VPC, k++) {
    const changes: Change[] = k === 0 ? accounts.map((doc) => ({ kind: 'account', id: doc.uid, doc }) as Change) : [];
    const chunkServices: EndpointService[] = [];
    const last = Math.min(endpoints, first + ENDPOINTS_PER_VPC);
    // Services whose endpoints start in this chunk are created here.
    for (let s = Math.ceil(first / ENDPOINTS_PER_SERVICE); s < Math.min(serviceCount, Math.ceil(last / ENDPOINTS_PER_SERVICE)); s++) {
      const service = makeService(id('epsrv'), s);
      services[s] = service;
      chunkServices.push(service);
      changes.push({ kind: 'service', id: service.serviceId, doc: service });
    }
    const cidr = vpcCidr(k);
    const vpc: Vpc = {
      vpcId: id('vpc'),
      uid: CONSUMER_UID,
      regionId: REGION,
      vpcName: `bench-${k}`,
      description: '',
      cidrBlock: cidr.v4,
      ipv6CidrBlock: cidr.v6,
      status: 'Available',
      createdAt: CREATED_AT,
      resourceGroupId: RESOURCE_GROUP,
      dependents: {},
    };
    const vSwitches: VSwitch[] = ZONES.map((zoneId, z) => ({
      vSwitchId: id('vsw'),
      uid: CONSUMER_UID,
      regionId: REGION,
      vpcId: vpc.vpcId,
      zoneId,
      vSwitchName: '',
      description: '',
      cidrBlock: `10.${cidr.second}.${cidr.third + z}.0/24`,
      ipv6CidrBlock: `2408:4005:${(k + 1).toString(16)}:${z + 1}::/64`,
      status: 'Available',
      createdAt: CREATED_AT,
      resourceGroupId: RESOURCE_GROUP,
    }));
    vpc.dependents = { vSwitch: vSwitches.map((v) => v.vSwitchId) };
    changes.push({ kind: 'vpc', id: vpc.vpcId, doc: vpc });
    // In the form stores written before the address ranges hold (types.ts LegacyIpAllocation): what an
    // upgrade finds, which every build reads (bench:api-edit --peer runs an earlier one on the same fleet).
    const allocations: LegacyIpAllocation[] = vSwitches.map((v) => ({ vSwitchId: v.vSwitchId, v4: {}, v6: {} }));
    const fleet: FleetEndpoint[] = [];
    for (let i = first; i < last; i++) {
      const service = services[Math.floor(i / ENDPOINTS_PER_SERVICE)] as EndpointService;
      const made = makeEndpoint(id, i - first, vpc, vSwitches, allocations, service);
      fleet.push(made);
    }
    for (const [z, v] of vSwitches.entries()) {
      changes.push({ kind: 'vSwitch', id: v.vSwitchId, doc: v });
      changes.push({ kind: 'ipAllocation', id: v.vSwitchId, doc: allocations[z] as LegacyIpAllocation });
    }
    for (const { endpoint } of fleet) changes.push({ kind: 'endpoint', id: endpoint.endpointId, doc: endpoint });
    yield { changes, endpoints: fleet, services: chunkServices };
  }
}

function makeService(serviceId: string, index: number): EndpointService {
  return {
    serviceId,
    uid: PROVIDER_UID,
    regionId: REGION,
    serviceName: serviceNameOf(REGION, serviceId),
    serviceDomain: serviceDomainOf(serviceId, REGION, SUFFIX),
    serviceDescription: '',
    serviceResourceType: 'nlb',
    resources: ZONES.map((zoneId, z) => ({
      resourceId: `nlb-${serviceId.slice(6, 14)}${z}`,
      resourceType: 'nlb' as const,
      zoneId,
      regionId: REGION,
    })),
    autoAcceptEnabled: true,
    zoneAffinityEnabled: false,
    addressIpVersion: index % 4 === 0 ? 'DualStack' : 'IPv4',
    users: [PROVIDER_UID, CONSUMER_UID],
    privateServiceDomain: null,
    cloudProvided: false,
    payer: 'Endpoint',
    tags: [],
    serviceStatus: 'Active',
    serviceBusinessStatus: 'Normal',
    ownBusinessStatus: 'Normal',
    connectBandwidth: 3072,
    resourceGroupId: RESOURCE_GROUP,
    transitionDueAt: null,
    createdAt: CREATED_AT,
  };
}

function makeEndpoint(
  id: (prefix: string) => string,
  slot: number,
  vpc: Vpc,
  vSwitches: readonly VSwitch[],
  allocations: LegacyIpAllocation[],
  service: EndpointService,
): FleetEndpoint {
  const endpointId = id('ep');
  const dual = service.addressIpVersion === 'DualStack';
  const zones = vSwitches.map((vSwitch, z) => {
    const eniId = id('eni');
    const prefix = vSwitch.cidrBlock.slice(0, vSwitch.cidrBlock.lastIndexOf('.'));
    const eniIp = `${prefix}.${slot + 1}`;
    const zoneIpv6Address = dual ? `${(vSwitch.ipv6CidrBlock as string).slice(0, -3)}${(slot + 1).toString(16)}` : null;
    const allocation = allocations[z] as LegacyIpAllocation;
    allocation.v4[eniIp] = eniId;
    if (zoneIpv6Address !== null) allocation.v6[zoneIpv6Address] = eniId;
    return {
      zoneId: vSwitch.zoneId,
      regionId: REGION,
      vSwitchId: vSwitch.vSwitchId,
      eniId,
      eniIp,
      zoneIpv6Address,
      zoneDomain: zoneDomainOf(endpointId, vSwitch.zoneId, service.serviceId, REGION, SUFFIX),
      zoneStatus: 'Connected' as const,
      resourceId: service.resources[z]?.resourceId ?? null,
      transitionDueAt: null,
    };
  });
  const endpoint: Endpoint = {
    endpointId,
    uid: CONSUMER_UID,
    regionId: REGION,
    endpointName: '',
    endpointDescription: '',
    endpointType: 'Interface',
    vpcId: vpc.vpcId,
    serviceId: service.serviceId,
    serviceName: service.serviceName,
    serviceUid: service.uid,
    securityGroupIds: ['sg-bench'],
    zones,
    endpointDomain: endpointDomainOf(endpointId, service.serviceId, REGION, SUFFIX),
    addressIpVersion: service.addressIpVersion,
    policyDocument: DEFAULT_ENDPOINT_POLICY,
    privateServiceDomainEnabled: false,
    tags: [],
    endpointStatus: 'Active',
    connectionStatus: 'Connected',
    endpointBusinessStatus: 'Normal',
    ownBusinessStatus: 'Normal',
    suspendedConnection: null,
    bandwidth: 3072,
    trafficControlMode: 'Scalability',
    zoneAffinityEnabled: false,
    resourceGroupId: RESOURCE_GROUP,
    connectionModifiedAt: CREATED_AT,
    transitionDueAt: null,
    createdAt: CREATED_AT,
  };
  const v6 = (address: string | null): string[] => (address === null ? [] : [address]);
  const names: FleetName[] = [
    { name: endpoint.endpointDomain, a: zones.map((z) => z.eniIp), aaaa: zones.flatMap((z) => v6(z.zoneIpv6Address)) },
    ...zones.map((z) => ({ name: z.zoneDomain, a: [z.eniIp], aaaa: v6(z.zoneIpv6Address) })),
  ];
  return { endpoint, names };
}
