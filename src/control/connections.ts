import { CloudError } from '../errors/catalogue.js';
import { TRANSITIONAL_ZONE } from '../model/transitions.js';
import type { Endpoint, EndpointService, EndpointZone, ServiceResourceType, TrafficControlMode } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import { isServiceUsable } from './advance.js';
import { serviceSupportsZone } from './bindings.js';
import { requireSettledConnection } from './endpoint-guards.js';
import type { Plane } from './plane.js';
import { ownServiceInTx } from './services.js';
import { move } from './status.js';

/**
 * The provider's side of a connection (EnableVpcEndpointConnection and
 * friends). A connection is (service, endpoint): the caller must own the
 * service and the endpoint must be connected to it. Changes are asynchronous:
 * Connecting/Disconnecting now, the reconciler finishes them.
 */

export interface ConnectionRef {
  uid: string;
  regionId: string;
  serviceId: string;
  endpointId: string;
}

interface Connection {
  service: EndpointService;
  endpoint: Endpoint;
}

/** Reads and checks the connection inside the transaction: the provider may act on it now. */
async function connectionInTx(tx: Transaction, ref: ConnectionRef): Promise<Connection> {
  const service = await ownServiceInTx(tx, ref.uid, ref.regionId, ref.serviceId);
  const endpoint = await tx.get('endpoint', ref.endpointId);
  if (endpoint === undefined || endpoint.serviceId !== service.serviceId) throw new CloudError('EndpointConnectionNotFound');
  if (!isServiceUsable(service)) throw new CloudError('IncorrectStatus.VpcEndpointService', { detail: ref.serviceId });
  if (endpoint.endpointStatus !== 'Active') throw new CloudError('EndpointOperationDenied');
  if (endpoint.endpointBusinessStatus === 'FinancialLocked')
    throw new CloudError('IncorrectBusinessStatus.VpcEndpoint', { detail: endpoint.endpointId });
  if (service.serviceBusinessStatus === 'FinancialLocked')
    throw new CloudError('IncorrectBusinessStatus.VpcEndpointService', { detail: service.serviceId });
  requireSettledConnection(endpoint);
  return { service, endpoint };
}

/** Bandwidth limits (Mbit/s) per load balancer type, as the cloud documents them for EnableVpcEndpointConnection. */
const BANDWIDTH_LIMITS: Record<ServiceResourceType, { min: number; max: number }> = {
  slb: { min: 100, max: 10240 },
  alb: { min: 100, max: 25000 },
  nlb: { min: 100, max: 50000 },
  gwlb: { min: 100, max: 25000 },
};

export interface ConnectionSettings {
  bandwidth: number | undefined;
  trafficControlMode: TrafficControlMode | undefined;
}

/** CLB connections are bandwidth-limited only, GWLB ones scale only; bandwidth within the type's range. */
function settle(
  service: EndpointService,
  endpoint: Endpoint,
  settings: ConnectionSettings,
): Pick<Endpoint, 'bandwidth' | 'trafficControlMode'> {
  const type = service.serviceResourceType;
  const limits = BANDWIDTH_LIMITS[type];
  const bandwidth = settings.bandwidth ?? endpoint.bandwidth;
  if (bandwidth < limits.min || bandwidth > limits.max)
    throw new CloudError('IllegalParam', { param: 'Bandwidth', reason: `must be ${limits.min}-${limits.max} for ${type}` });
  const mode = settings.trafficControlMode ?? endpoint.trafficControlMode;
  if ((type === 'slb' && mode !== 'BandwidthLimit') || (type === 'gwlb' && mode !== 'Scalability')) {
    throw new CloudError('IllegalParam', { param: 'TrafficControlMode', reason: `cannot be ${mode} for ${type}` });
  }
  return { bandwidth, trafficControlMode: mode };
}

/** Every zone about to connect needs a service resource in its zone. */
function requireResources(service: EndpointService, zones: readonly EndpointZone[]): void {
  if (zones.some((z) => !serviceSupportsZone(service, z.zoneId))) throw new CloudError('OperationDenied.NoAvailableServiceResource');
}

/** EnableVpcEndpointConnection: Disconnected → Connecting; its waiting and disconnected zones connect too. */
export async function enableConnection(plane: Plane, ref: ConnectionRef, settings: ConnectionSettings): Promise<void> {
  await plane.write(async (tx) => {
    const { service, endpoint } = await connectionInTx(tx, ref);
    const connectionStatus = move('connection', endpoint.connectionStatus, 'Connecting', endpoint.endpointId);
    const joining = endpoint.zones.filter((z) => z.zoneStatus === 'Wait' || z.zoneStatus === 'Disconnected');
    requireResources(service, joining);
    const chosen = settle(service, { ...endpoint, bandwidth: settings.bandwidth ?? service.connectBandwidth }, settings);
    const due = plane.dueAt();
    tx.put('endpoint', endpoint.endpointId, {
      ...endpoint,
      ...chosen,
      connectionStatus,
      connectionModifiedAt: plane.timestamp(),
      transitionDueAt: due,
      zones: endpoint.zones.map((z) =>
        joining.includes(z)
          ? { ...z, zoneStatus: move('zone', z.zoneStatus, 'Connecting', `${endpoint.endpointId}/${z.zoneId}`), transitionDueAt: due }
          : z,
      ),
    });
  });
}

/** DisableVpcEndpointConnection: Connected → Disconnecting; its live zones disconnect (their names stop resolving). */
export async function disableConnection(plane: Plane, ref: ConnectionRef): Promise<void> {
  await plane.write(async (tx) => {
    const { endpoint } = await connectionInTx(tx, ref);
    const connectionStatus = move('connection', endpoint.connectionStatus, 'Disconnecting', endpoint.endpointId);
    const due = plane.dueAt();
    tx.put('endpoint', endpoint.endpointId, {
      ...endpoint,
      connectionStatus,
      connectionModifiedAt: plane.timestamp(),
      transitionDueAt: due,
      zones: endpoint.zones.map((z) =>
        z.zoneStatus === 'Connected' || z.zoneStatus === 'Connecting'
          ? { ...z, zoneStatus: move('zone', z.zoneStatus, 'Disconnecting', `${endpoint.endpointId}/${z.zoneId}`), transitionDueAt: due }
          : z,
      ),
    });
  });
}

/** UpdateVpcEndpointConnectionAttribute: bandwidth and traffic mode apply at once (traffic keeps flowing). */
export async function updateConnection(plane: Plane, ref: ConnectionRef, settings: ConnectionSettings): Promise<void> {
  await plane.write(async (tx) => {
    const { service, endpoint } = await connectionInTx(tx, ref);
    const chosen = settle(service, endpoint, settings);
    tx.put('endpoint', endpoint.endpointId, { ...endpoint, ...chosen, connectionModifiedAt: plane.timestamp() });
  });
}

/**
 * Enable/DisableVpcEndpointZoneConnection: one zone of a Connected connection
 * (the cloud's precondition), Disconnected → Connecting or Connected →
 * Disconnecting.
 */
export async function setZoneConnection(plane: Plane, ref: ConnectionRef, zoneId: string, enable: boolean): Promise<void> {
  await plane.write(async (tx) => {
    const { service, endpoint } = await connectionInTx(tx, ref);
    if (endpoint.connectionStatus !== 'Connected')
      throw new CloudError('IncorrectStatus.VpcEndpointConnection', { detail: endpoint.endpointId });
    const zone = endpoint.zones.find((z) => z.zoneId === zoneId);
    if (zone === undefined) throw new CloudError('ResourceNotFound.VpcEndpointZone', { detail: `${endpoint.endpointId}/${zoneId}` });
    if (TRANSITIONAL_ZONE.has(zone.zoneStatus)) throw new CloudError('EndpointConnectionOperationDenied');
    const zoneStatus = move('zone', zone.zoneStatus, enable ? 'Connecting' : 'Disconnecting', `${endpoint.endpointId}/${zoneId}`);
    if (enable) requireResources(service, [zone]);
    const due = plane.dueAt();
    tx.put('endpoint', endpoint.endpointId, {
      ...endpoint,
      connectionModifiedAt: plane.timestamp(),
      zones: endpoint.zones.map((z) => (z.zoneId === zoneId ? { ...z, zoneStatus, transitionDueAt: due } : z)),
    });
  });
}

/**
 * DisableVpcEndpointZoneConnection with ReplacedResource=true: after a Graceful
 * migration (UpdateVpcEndpointZoneConnectionResourceAttribute) the old
 * connections on the replaced resource are cut at once; the zone stays
 * Connected on its new resource. A zone with no migration under way has no old
 * connections, and the call changes nothing.
 */
export async function cutReplacedResource(plane: Plane, ref: ConnectionRef, zoneId: string): Promise<void> {
  await plane.write(async (tx) => {
    const { endpoint } = await connectionInTx(tx, ref);
    const zone = endpoint.zones.find((z) => z.zoneId === zoneId);
    if (zone === undefined) throw new CloudError('ResourceNotFound.VpcEndpointZone', { detail: `${endpoint.endpointId}/${zoneId}` });
    if ((zone.replacedResourceId ?? null) === null) return;
    tx.put('endpoint', endpoint.endpointId, {
      ...endpoint,
      connectionModifiedAt: plane.timestamp(),
      zones: endpoint.zones.map((z) => (z.zoneId === zoneId ? { ...z, replacedResourceId: null, transitionDueAt: null } : z)),
    });
  });
}
