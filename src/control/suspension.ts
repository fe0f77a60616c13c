import { transition } from '../model/transitions.js';
import type { BusinessStatus, ConnectionStatus, Endpoint, EndpointZone } from '../model/types.js';

/**
 * Financial locks (docs/control-plane.md): FinancialLocked on an account, service or endpoint
 * disconnects what it owns, and `Normal` restores exactly what was connected.
 * Pure functions: SetBusinessStatus applies them in its transaction (so names
 * stop resolving as soon as the call returns) and the reconciler applies them
 * at every step (so a restore waits until the disconnect has finished).
 */

/** When a change happens: the due time of the moves it starts, and its timestamp. */
export interface Clock {
  due: number;
  stamp: string;
}

/** An entity's effective status: locked when it or its owning account is. */
export function combine(own: BusinessStatus, account: BusinessStatus | undefined): BusinessStatus {
  return own === 'FinancialLocked' || account === 'FinancialLocked' ? 'FinancialLocked' : 'Normal';
}

/** Whether a lock keeps the endpoint's connection cut: its own (or its account's), or its service's. */
export function isCut(endpoint: Endpoint, serviceBusinessStatus: BusinessStatus | undefined): boolean {
  return endpoint.endpointBusinessStatus === 'FinancialLocked' || serviceBusinessStatus === 'FinancialLocked';
}

const LIVE_CONNECTION: readonly ConnectionStatus[] = ['Connecting', 'Connected', 'Pending'];
const LIVE_ZONE: readonly EndpointZone['zoneStatus'][] = ['Connecting', 'Connected'];

/** Connection statuses a lock neither cuts nor restores: the endpoint is going away. */
function outOfReach(endpoint: Endpoint): boolean {
  return (
    endpoint.endpointStatus === 'Deleting' || endpoint.connectionStatus === 'Deleting' || endpoint.connectionStatus === 'ServiceDeleted'
  );
}

/** Cuts the connection (→ Disconnecting) and remembers what was live. No-op when already cut. */
export function suspend(endpoint: Endpoint, clock: Clock, wouldConnect = false): Endpoint {
  if (endpoint.suspendedConnection !== null || outOfReach(endpoint)) return endpoint;
  const connected = wouldConnect || LIVE_CONNECTION.includes(endpoint.connectionStatus);
  const zoneIds = endpoint.zones.filter((z) => LIVE_ZONE.includes(z.zoneStatus)).map((z) => z.zoneId);
  const next: Endpoint = { ...endpoint, suspendedConnection: { connected, zoneIds } };
  if (LIVE_CONNECTION.includes(endpoint.connectionStatus)) {
    next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Disconnecting');
    next.connectionModifiedAt = clock.stamp;
    next.transitionDueAt = clock.due;
  }
  next.zones = endpoint.zones.map((z) =>
    LIVE_ZONE.includes(z.zoneStatus)
      ? { ...z, zoneStatus: transition('zone', z.zoneStatus, 'Disconnecting'), transitionDueAt: clock.due }
      : z,
  );
  return next;
}

/**
 * Reconnects what the lock cut, once the disconnect has finished (a restore
 * never overtakes a Disconnecting connection). Zones that were live, and zones
 * added while locked (Wait), connect again; zones the provider had disabled
 * stay disconnected.
 */
export function restore(endpoint: Endpoint, clock: Clock): Endpoint {
  const saved = endpoint.suspendedConnection;
  if (saved === null) return endpoint;
  if (outOfReach(endpoint)) return { ...endpoint, suspendedConnection: null };
  if (endpoint.endpointStatus === 'Creating' || endpoint.connectionStatus === 'Disconnecting') return endpoint;
  const next: Endpoint = { ...endpoint, suspendedConnection: null };
  if (!saved.connected || endpoint.connectionStatus !== 'Disconnected') return next;
  next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Connecting');
  next.connectionModifiedAt = clock.stamp;
  next.transitionDueAt = clock.due;
  next.zones = endpoint.zones.map((z) => {
    const reconnect = z.zoneStatus === 'Wait' || (z.zoneStatus === 'Disconnected' && saved.zoneIds.includes(z.zoneId));
    return reconnect ? { ...z, zoneStatus: transition('zone', z.zoneStatus, 'Connecting'), transitionDueAt: clock.due } : z;
  });
  return next;
}

/** Brings the endpoint in line with the locks in force: cut when locked, restored when not. */
export function applyLocks(endpoint: Endpoint, serviceBusinessStatus: BusinessStatus | undefined, clock: Clock): Endpoint {
  return isCut(endpoint, serviceBusinessStatus) ? suspend(endpoint, clock) : restore(endpoint, clock);
}
