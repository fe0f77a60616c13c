import { CloudError } from '../errors/catalogue.js';
import type { AddressIpVersion, EndpointService, EndpointType } from '../model/types.js';
import { isServiceUsable } from './advance.js';
import type { ZoneRequest } from './endpoint-zones.js';
import type { Plane } from './plane.js';
import { isAuthorized } from './services.js';

/**
 * What CreateVpcEndpoint (and UpdateVpcEndpointAttribute) check about the service and the request.
 * Each check names the fields it reads, so it serves any request that has them.
 */

/** The service a request names, by id or by name, and who asks. */
export interface ServiceChoice {
  uid: string;
  regionId: string;
  serviceId: string | undefined;
  serviceName: string | undefined;
}

/** The address family a request asks for (undefined: the service's, see endpointIpVersion) and its zones. */
export interface AddressChoice {
  addressIpVersion: AddressIpVersion | undefined;
  zones: readonly Pick<ZoneRequest, 'vSwitchId'>[];
}

/** PrivateServiceDomainEnabled needs a service that has a PrivateServiceDomain. */
export function checkPrivateDomain(enabled: boolean | undefined, service: EndpointService | undefined): void {
  if (enabled === true && (service === undefined || service.privateServiceDomain === null))
    throw new CloudError('OperationDenied.PrivateDomainNotSupport');
}

/**
 * Which endpoint types connect to which services (docs/control-plane.md): GatewayLoadBalancer
 * needs a gwlb service, Interface an slb/alb/nlb one, Reverse a cloud-provided
 * (operator-created) one.
 */
export function checkTypePairing(type: EndpointType, service: EndpointService): void {
  const gwlb = service.serviceResourceType === 'gwlb';
  if (type === 'GatewayLoadBalancer' && !gwlb)
    throw new CloudError('Mismatch.EndpointType', { detail: `GatewayLoadBalancer and ${service.serviceResourceType}` });
  if (type === 'Interface' && gwlb) throw new CloudError('Mismatch.EndpointType', { detail: 'Interface and gwlb' });
  if (type === 'Reverse' && !service.cloudProvided)
    throw new CloudError('Mismatch.EndpointType', { detail: 'Reverse and a service that is not cloud-provided' });
}

/** The service named by id or name, if the caller may connect to it (EndpointServiceNotAuthorized otherwise). */
export function findService(plane: Plane, input: ServiceChoice): EndpointService {
  let service: EndpointService | undefined;
  if (input.serviceId !== undefined) service = plane.replica.get('service', input.serviceId);
  else if (input.serviceName !== undefined) {
    for (const candidate of plane.replica.values('service')) if (candidate.serviceName === input.serviceName) service = candidate;
  } else throw new CloudError('MissingParam', { param: 'ServiceId' });
  if (service === undefined || service.regionId !== input.regionId) throw new CloudError('EndpointServiceNotFound');
  if (!isAuthorized(service, input.uid)) throw new CloudError('EndpointServiceNotAuthorized');
  return service;
}

/** The service may take a new endpoint: settled enough, and not financially locked. */
export function checkServiceOpen(service: EndpointService | undefined, uid: string): asserts service is EndpointService {
  if (service === undefined) throw new CloudError('EndpointServiceNotFound');
  if (!isAuthorized(service, uid)) throw new CloudError('EndpointServiceNotAuthorized');
  const serviceId = service.serviceId;
  if (!isServiceUsable(service)) throw new CloudError('IncorrectStatus.VpcEndpointService', { detail: serviceId });
  if (service.serviceBusinessStatus === 'FinancialLocked')
    throw new CloudError('IncorrectBusinessStatus.VpcEndpointService', { detail: service.serviceId });
}

/**
 * DualStack needs a DualStack service (and IPv6 vSwitches, checked per zone).
 * Without AddressIpVersion the endpoint follows its service when every zone's
 * vSwitch has IPv6 (documented: the cloud's default is IPv4).
 */
export function endpointIpVersion(plane: Plane, input: AddressChoice, service: EndpointService): AddressIpVersion {
  if (input.addressIpVersion === 'DualStack' && service.addressIpVersion !== 'DualStack') {
    throw new CloudError('IllegalParam', { param: 'AddressIpVersion', reason: 'needs a DualStack endpoint service' });
  }
  if (input.addressIpVersion !== undefined) return input.addressIpVersion;
  if (service.addressIpVersion !== 'DualStack') return 'IPv4';
  return input.zones.every((z) => (plane.replica.get('vSwitch', z.vSwitchId)?.ipv6CidrBlock ?? null) !== null) ? 'DualStack' : 'IPv4';
}
