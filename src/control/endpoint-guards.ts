import { CloudError } from '../errors/catalogue.js';
import { TRANSITIONAL_CONNECTION, TRANSITIONAL_ZONE } from '../model/transitions.js';
import type { Endpoint } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';

/**
 * Which consumer-side calls an endpoint accepts in which state (docs/control-plane.md: "a
 * second mutating call while a resource is mid-transition fails with the
 * cloud's error"). Codes are those the cloud lists for these actions.
 */

/** The caller's own endpoint (consumer view), or EndpointNotFound: others' endpoints are invisible. */
export function ownEndpoint(plane: Plane, uid: string, regionId: string, endpointId: string): Endpoint {
  const endpoint = plane.replica.get('endpoint', endpointId);
  if (endpoint === undefined || endpoint.uid !== uid || endpoint.regionId !== regionId) throw new CloudError('EndpointNotFound');
  return endpoint;
}

/** Re-reads the caller's endpoint inside a transaction. */
export async function ownEndpointInTx(tx: Transaction, uid: string, regionId: string, endpointId: string): Promise<Endpoint> {
  const endpoint = await tx.get('endpoint', endpointId);
  if (endpoint === undefined || endpoint.uid !== uid || endpoint.regionId !== regionId) throw new CloudError('EndpointNotFound');
  return endpoint;
}

/** Creating, Pending or Deleting: EndpointOperationDenied. */
export function requireActiveEndpoint(endpoint: Endpoint): void {
  if (endpoint.endpointStatus !== 'Active') throw new CloudError('EndpointOperationDenied');
}

/** The provider is connecting or disconnecting it: EndpointConnectionOperationDenied ("The endpoint is being connected."). */
export function requireSettledConnection(endpoint: Endpoint): void {
  if (TRANSITIONAL_CONNECTION.has(endpoint.connectionStatus)) throw new CloudError('EndpointConnectionOperationDenied');
}

/** A zone being created, connected, disconnected or removed blocks other zone changes (EndpointOperationDenied). */
export function requireSettledZones(endpoint: Endpoint): void {
  if (endpoint.zones.some((zone) => TRANSITIONAL_ZONE.has(zone.zoneStatus))) throw new CloudError('EndpointOperationDenied');
}

/** A financially locked endpoint (or account) changes nothing but its own deletion: EndpointLocked. */
export function requireUnlocked(endpoint: Endpoint): void {
  if (endpoint.endpointBusinessStatus === 'FinancialLocked') throw new CloudError('EndpointLocked');
}

/** An endpoint whose service was deleted can only be deleted: EndpointServiceDeleted. */
export function requireServiceAlive(endpoint: Endpoint): void {
  if (endpoint.connectionStatus === 'ServiceDeleted') throw new CloudError('EndpointServiceDeleted');
}

/** Security-group changes need an Active endpoint whose connection is not changing. */
export function requireSettled(endpoint: Endpoint): void {
  requireActiveEndpoint(endpoint);
  requireSettledConnection(endpoint);
}

/** Re-reads the endpoint inside a transaction and checks it is settled (see requireSettled). */
export async function settledInTx(tx: Transaction, endpointId: string): Promise<Endpoint> {
  const endpoint = await tx.get('endpoint', endpointId);
  if (endpoint === undefined) throw new CloudError('EndpointNotFound');
  requireSettled(endpoint);
  return endpoint;
}
