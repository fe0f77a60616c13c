import { CloudError } from '../errors/catalogue.js';
import type { EndpointService, ServiceResourceType } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';
import { move } from './status.js';

/** The cloud's default connection bandwidth (ConnectBandwidth, Mbit/s). */
export const DEFAULT_CONNECT_BANDWIDTH = 3072;

/** Load balancers with IPv6 frontends: only NLB and GWLB services may be DualStack. */
export function supportsIpv6(type: ServiceResourceType): boolean {
  return type === 'nlb' || type === 'gwlb';
}

/** An account with overdue payment creates nothing new (the cloud's InvalidAccountStatus.NotEnoughBalance). */
export function requireGoodStanding(plane: Plane, uid: string): void {
  if (plane.replica.get('account', uid)?.businessStatus === 'FinancialLocked')
    throw new CloudError('InvalidAccountStatus.NotEnoughBalance');
}

/** The caller's own service (provider view), or EndpointServiceNotFound: others' services are invisible. */
export function ownService(plane: Plane, uid: string, regionId: string, serviceId: string): EndpointService {
  const service = plane.replica.get('service', serviceId);
  if (service === undefined || service.uid !== uid || service.regionId !== regionId) throw new CloudError('EndpointServiceNotFound');
  return service;
}

/** Re-reads the caller's service inside a transaction (another API process may have changed it). */
export async function ownServiceInTx(tx: Transaction, uid: string, regionId: string, serviceId: string): Promise<EndpointService> {
  const service = await tx.get('service', serviceId);
  if (service === undefined || service.uid !== uid || service.regionId !== regionId) throw new CloudError('EndpointServiceNotFound');
  return service;
}

/** The RAM ARN's account field (`acs:ram:*:<uid>:…`), or undefined when the text is not a RAM ARN. */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 5 && parts[0] === 'acs' && parts[1] === 'ram' ? parts[3] : undefined;
}

/**
 * Whether `uid` may see and connect to the service: its owner, or on the
 * whitelist by account uid or by a RAM ARN naming the account (plinkd's
 * callers are accounts, so an ARN authorizes the account it names).
 */
export function isAuthorized(service: EndpointService, uid: string): boolean {
  if (service.uid === uid) return true;
  return service.users.some((entry) => entry === uid || entry === '*' || arnAccount(entry) === uid || arnAccount(entry) === '*');
}

/** A mutating call on a service mid-transition is refused (docs/control-plane.md; the cloud: "must be Active"). */
export function requireActiveService(service: EndpointService): void {
  if (service.serviceStatus !== 'Active') throw new CloudError('EndpointServiceOperationDenied');
}

/** Starts the service's Pending → Active transition (the change is being applied). */
export function pending(plane: Plane, service: EndpointService): EndpointService {
  return {
    ...service,
    serviceStatus: move('service', service.serviceStatus, 'Pending', service.serviceId),
    transitionDueAt: plane.dueAt(),
  };
}

/** Endpoints whose connection is live block deleting their service (EndpointServiceConnectionDependence). */
export async function hasLiveConnections(plane: Plane, tx: Transaction, serviceId: string): Promise<boolean> {
  for (const endpointId of plane.replica.endpointIdsOfService(serviceId)) {
    const endpoint = await tx.get('endpoint', endpointId);
    if (endpoint === undefined) continue;
    const status = endpoint.connectionStatus;
    if (status === 'Connecting' || status === 'Connected' || status === 'Pending' || status === 'Disconnecting') return true;
  }
  return false;
}

/**
 * DeleteVpcEndpointService, as the cloud documents it: endpoints disconnected
 * and resources removed first. The service goes Deleting; the reconciler drops
 * it and marks its endpoints ServiceDeleted.
 */
export async function deleteService(plane: Plane, uid: string, regionId: string, serviceId: string): Promise<void> {
  await plane.write(async (tx) => {
    const service = await ownServiceInTx(tx, uid, regionId, serviceId);
    requireActiveService(service);
    if (await hasLiveConnections(plane, tx, serviceId)) throw new CloudError('EndpointServiceConnectionDependence');
    if (service.resources.length > 0) throw new CloudError('EndpointServiceDependenceViolation');
    tx.put('service', serviceId, {
      ...service,
      serviceStatus: move('service', service.serviceStatus, 'Deleting', serviceId),
      transitionDueAt: plane.dueAt(),
    });
  });
}
