import { transition } from '../model/transitions.js';
import type { Endpoint, EndpointService, EndpointZone } from '../model/types.js';

/**
 * The reconciler's step functions (SPEC §2 "Transitions are asynchronous"):
 * pure — given a document and the time, what it becomes once what is due has
 * happened. Each call moves every due part one step; the reconciler calls
 * again at the next due time until nothing is transitional.
 */

export interface EndpointStep {
  /** The endpoint after the step, or null once it is deleted. */
  endpoint: Endpoint | null;
  /** ENIs whose addresses go back to their vSwitch. */
  released: Array<{ eniId: string; vSwitchId: string }>;
}

function isDue(dueAt: number | null, now: number): boolean {
  return dueAt !== null && dueAt <= now;
}

export function advanceEndpoint(endpoint: Endpoint, service: EndpointService | undefined, now: number, nextDue: number): EndpointStep {
  const released: EndpointStep['released'] = [];
  if (endpoint.endpointStatus === 'Deleting' && isDue(endpoint.transitionDueAt, now)) {
    for (const zone of endpoint.zones) released.push({ eniId: zone.eniId, vSwitchId: zone.vSwitchId });
    return { endpoint: null, released };
  }
  let next: Endpoint = { ...endpoint };
  if (isDue(endpoint.transitionDueAt, now)) next = advanceEndpointStatus(next, service, nextDue);
  const zones: EndpointZone[] = [];
  for (const zone of next.zones) {
    if (!isDue(zone.transitionDueAt, now)) {
      zones.push(zone);
      continue;
    }
    if (zone.zoneStatus === 'Deleting') {
      released.push({ eniId: zone.eniId, vSwitchId: zone.vSwitchId });
      continue;
    }
    zones.push(advanceZone(zone, next, service, nextDue));
  }
  next.zones = zones;
  return { endpoint: next, released };
}

function advanceEndpointStatus(endpoint: Endpoint, service: EndpointService | undefined, nextDue: number): Endpoint {
  const next = { ...endpoint, transitionDueAt: null as number | null };
  switch (endpoint.endpointStatus) {
    case 'Creating': {
      next.endpointStatus = transition('endpoint', endpoint.endpointStatus, 'Active');
      const accept = service !== undefined && service.autoAcceptEnabled && service.serviceStatus === 'Active' && endpoint.endpointBusinessStatus === 'Normal';
      if (accept && endpoint.connectionStatus === 'Disconnected') {
        next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Connecting');
        next.transitionDueAt = nextDue;
      }
      // Zones leave Creating with the endpoint: Wait until the connection is
      // accepted, Connecting once it is being accepted.
      next.zones = endpoint.zones.map((z) =>
        z.zoneStatus === 'Creating'
          ? { ...z, zoneStatus: transition('zone', z.zoneStatus, accept ? 'Connecting' : 'Wait'), transitionDueAt: accept ? nextDue : null }
          : z,
      );
      return next;
    }
    case 'Pending':
      next.endpointStatus = transition('endpoint', endpoint.endpointStatus, 'Active');
      return next;
    default:
      break;
  }
  switch (endpoint.connectionStatus) {
    case 'Connecting':
      next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Connected');
      return next;
    case 'Disconnecting':
      next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Disconnected');
      return next;
    default:
      return next;
  }
}

function advanceZone(zone: EndpointZone, endpoint: Endpoint, service: EndpointService | undefined, nextDue: number): EndpointZone {
  const connected = endpoint.connectionStatus === 'Connected' || endpoint.connectionStatus === 'Connecting';
  switch (zone.zoneStatus) {
    case 'Creating':
      return connected
        ? { ...zone, zoneStatus: transition('zone', zone.zoneStatus, 'Connecting'), transitionDueAt: nextDue }
        : { ...zone, zoneStatus: transition('zone', zone.zoneStatus, 'Wait'), transitionDueAt: null };
    case 'Connecting':
      if (endpoint.connectionStatus === 'Connecting') return { ...zone, transitionDueAt: nextDue };
      return {
        ...zone,
        zoneStatus: transition('zone', zone.zoneStatus, 'Connected'),
        resourceId: zone.resourceId ?? resourceFor(service, zone.zoneId),
        transitionDueAt: null,
      };
    case 'Disconnecting':
      return { ...zone, zoneStatus: transition('zone', zone.zoneStatus, 'Disconnected'), transitionDueAt: null };
    default:
      return { ...zone, transitionDueAt: null };
  }
}

/** Each connected zone is bound to one service resource in the same zone (SPEC §2). */
function resourceFor(service: EndpointService | undefined, zoneId: string): string | null {
  return service?.resources.find((r) => r.zoneId === zoneId)?.resourceId ?? null;
}

export function advanceService(service: EndpointService, now: number): EndpointService | null {
  if (!isDue(service.transitionDueAt, now)) return service;
  switch (service.serviceStatus) {
    case 'Creating':
    case 'Pending':
      return { ...service, serviceStatus: transition('service', service.serviceStatus, 'Active'), transitionDueAt: null };
    case 'Deleting':
      return null;
    default:
      return { ...service, transitionDueAt: null };
  }
}

/** The earliest time anything in the endpoint is due, or null when it is settled. */
export function nextDueOfEndpoint(endpoint: Endpoint): number | null {
  let due = endpoint.transitionDueAt;
  for (const zone of endpoint.zones) if (zone.transitionDueAt !== null && (due === null || zone.transitionDueAt < due)) due = zone.transitionDueAt;
  return due;
}
