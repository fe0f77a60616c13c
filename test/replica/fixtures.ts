import type { Endpoint, EndpointZone } from '../../src/model/types.js';

const SUFFIX = 'cn-hangzhou.privatelink.aliyuncs.com';

/** An endpoint document exactly as the control plane writes one (key order included). */
export function endpointDoc(n: number, overrides: Partial<Endpoint> = {}): Endpoint {
  const endpointId = `ep-${String(n).padStart(20, '0')}`;
  const serviceId = `epsrv-${String(n % 7).padStart(20, '0')}`;
  const zones: EndpointZone[] = ['cn-hangzhou-h', 'cn-hangzhou-i'].map((zoneId, z) => ({
    zoneId,
    regionId: 'cn-hangzhou',
    vSwitchId: `vsw-${z}${String(n % 3).padStart(19, '0')}`,
    eniId: `eni-${z}${String(n).padStart(19, '0')}`,
    eniIp: `10.0.${z}.${(n % 250) + 1}`,
    zoneIpv6Address: n % 2 === 0 ? `2408:4005:1:${z + 1}::${(n + 1).toString(16)}` : null,
    zoneDomain: `${endpointId}-${zoneId}.${serviceId}.${SUFFIX}`,
    zoneStatus: 'Connected',
    resourceId: z === 0 ? 'nlb-res0' : null,
    transitionDueAt: null,
  }));
  return {
    endpointId,
    uid: '2222222222222222',
    regionId: 'cn-hangzhou',
    endpointName: `name-${n}`,
    endpointDescription: '',
    endpointType: 'Interface',
    vpcId: `vpc-${String(n % 5).padStart(20, '0')}`,
    serviceId,
    serviceName: `com.aliyuncs.privatelink.cn-hangzhou.${serviceId}`,
    serviceUid: '1111111111111111',
    securityGroupIds: ['sg-1', 'sg-2'],
    zones,
    endpointDomain: `${endpointId}.${serviceId}.${SUFFIX}`,
    addressIpVersion: n % 2 === 0 ? 'DualStack' : 'IPv4',
    policyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}',
    privateServiceDomainEnabled: false,
    tags: [{ key: 'team', value: 'a' }],
    endpointStatus: 'Active',
    connectionStatus: 'Connected',
    endpointBusinessStatus: 'Normal',
    ownBusinessStatus: 'Normal',
    suspendedConnection: null,
    bandwidth: 3072,
    trafficControlMode: 'Scalability',
    zoneAffinityEnabled: false,
    resourceGroupId: 'rg-acfm0000000000000',
    connectionModifiedAt: `2026-11-26T00:01:${String(n % 60).padStart(2, '0')}Z`,
    transitionDueAt: n % 3 === 0 ? 1_790_000_000_000 + n : null,
    createdAt: `2026-11-26T00:00:${String(n % 60).padStart(2, '0')}Z`,
    ...overrides,
  };
}
