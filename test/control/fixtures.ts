import type { Endpoint, EndpointService, EndpointZone } from '../../src/model/types.js';

/** Documents for the pure control-plane functions, with overridable fields. */
export function serviceDoc(overrides: Partial<EndpointService> = {}): EndpointService {
  return {
    serviceId: 'epsrv-test',
    uid: '1111111111111111',
    regionId: 'cn-hangzhou',
    serviceName: 'com.aliyuncs.privatelink.cn-hangzhou.epsrv-test',
    serviceDomain: 'epsrv-test.cn-hangzhou.privatelink.aliyuncs.com',
    serviceDescription: '',
    serviceResourceType: 'nlb',
    resources: [
      { resourceId: 'nlb-h1', resourceType: 'nlb', zoneId: 'cn-hangzhou-h', regionId: 'cn-hangzhou' },
      { resourceId: 'nlb-i1', resourceType: 'nlb', zoneId: 'cn-hangzhou-i', regionId: 'cn-hangzhou' },
    ],
    autoAcceptEnabled: true,
    zoneAffinityEnabled: false,
    addressIpVersion: 'IPv4',
    users: ['1111111111111111'],
    privateServiceDomain: null,
    cloudProvided: false,
    payer: 'Endpoint',
    tags: [],
    serviceStatus: 'Active',
    serviceBusinessStatus: 'Normal',
    ownBusinessStatus: 'Normal',
    connectBandwidth: 3072,
    resourceGroupId: '',
    transitionDueAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function zoneDoc(zoneId: string, overrides: Partial<EndpointZone> = {}): EndpointZone {
  return {
    zoneId,
    regionId: 'cn-hangzhou',
    vSwitchId: `vsw-${zoneId.slice(-1)}`,
    eniId: `eni-${zoneId.slice(-1)}`,
    eniIp: '10.0.0.1',
    zoneIpv6Address: null,
    zoneDomain: `ep-test-${zoneId}.epsrv-test.cn-hangzhou.privatelink.aliyuncs.com`,
    zoneStatus: 'Connected',
    resourceId: null,
    transitionDueAt: null,
    ...overrides,
  };
}

export function endpointDoc(overrides: Partial<Endpoint> = {}): Endpoint {
  return {
    endpointId: 'ep-test',
    uid: '2222222222222222',
    regionId: 'cn-hangzhou',
    endpointName: '',
    endpointDescription: '',
    endpointType: 'Interface',
    vpcId: 'vpc-test',
    serviceId: 'epsrv-test',
    serviceName: 'com.aliyuncs.privatelink.cn-hangzhou.epsrv-test',
    serviceUid: '1111111111111111',
    securityGroupIds: ['sg-test'],
    zones: [],
    endpointDomain: 'ep-test.epsrv-test.cn-hangzhou.privatelink.aliyuncs.com',
    addressIpVersion: 'IPv4',
    policyDocument: '',
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
    resourceGroupId: '',
    connectionModifiedAt: '2026-01-01T00:00:00Z',
    transitionDueAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
