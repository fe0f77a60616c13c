import { TRANSITIONAL_CONNECTION, TRANSITIONAL_ENDPOINT, TRANSITIONAL_ZONE, transition } from '../model/transitions.js';
import type { BusinessStatus, Endpoint, EndpointService, EndpointZone } from '../model/types.js';
import { zoneAddresses } from '../model/zone-addresses.js';
import { applyLocks, combine, isCut, type Clock } from './suspension.js';

/**
 * The reconciler's step functions (docs/control-plane.md "Transitions are asynchronous"):
 * pure — given a document, what it depends on and the time, what it becomes
 * once what is due has happened. Each call moves every due part one step and
 * sets the due time of what is still transitional; the reconciler calls again
 * at that time until nothing is. Every status change goes through transition().
 */

export interface EndpointStepContext {
  /** The endpoint's service, or undefined once it is deleted. */
  service: EndpointService | undefined;
  /** Business status of the endpoint owner's account. */
  consumerBusinessStatus: BusinessStatus | undefined;
  /** The resource a zone that becomes Connected is bound to (see bindings.ts). */
  pickResource(zoneId: string): string | null;
  now: number;
  clock: Clock;
}

export interface EndpointStep {
  /** The endpoint after the step, or null once it is deleted. */
  endpoint: Endpoint | null;
  /** ENIs whose addresses (the zone's IPv4 address, and its IPv6 one if any) go back to their vSwitch. */
  released: Array<{ eniId: string; vSwitchId: string; addresses: string[] }>;
}

export function isDue(dueAt: number | null, now: number): boolean {
  return dueAt !== null && dueAt <= now;
}

/** A service that can take connections: being modified (Pending) does not stop it. */
export function isServiceUsable(service: EndpointService | undefined): service is EndpointService {
  return service !== undefined && (service.serviceStatus === 'Active' || service.serviceStatus === 'Pending');
}

export function advanceEndpoint(endpoint: Endpoint, ctx: EndpointStepContext): EndpointStep {
  const released: EndpointStep['released'] = [];
  if (endpoint.endpointStatus === 'Deleting' && isDue(endpoint.transitionDueAt, ctx.now)) {
    for (const zone of endpoint.zones) released.push(releaseOf(zone));
    return { endpoint: null, released };
  }
  // The account's status may have changed since the endpoint was written.
  let next: Endpoint = { ...endpoint, endpointBusinessStatus: combine(endpoint.ownBusinessStatus, ctx.consumerBusinessStatus) };
  if (isDue(endpoint.transitionDueAt, ctx.now)) next = stepEndpointStatus(next, ctx);
  const zones: EndpointZone[] = [];
  for (const zone of next.zones) {
    if (!isDue(zone.transitionDueAt, ctx.now)) zones.push(zone);
    else if (zone.zoneStatus === 'Deleting') released.push(releaseOf(zone));
    else zones.push(stepZone(zone, next, ctx));
  }
  next.zones = zones;
  if (ctx.service === undefined) next = orphan(next, ctx.clock);
  else next = applyLocks(next, ctx.service.serviceBusinessStatus, ctx.clock);
  return { endpoint: withDueTimes(next, ctx), released };
}

function releaseOf(zone: EndpointZone): EndpointStep['released'][number] {
  return { eniId: zone.eniId, vSwitchId: zone.vSwitchId, addresses: zoneAddresses(zone) };
}

function stepEndpointStatus(endpoint: Endpoint, ctx: EndpointStepContext): Endpoint {
  const next = { ...endpoint };
  switch (endpoint.endpointStatus) {
    case 'Creating': {
      next.endpointStatus = transition('endpoint', endpoint.endpointStatus, 'Active');
      const service = ctx.service;
      const wouldAccept = isServiceUsable(service) && service.autoAcceptEnabled;
      const cut = isCut(next, service?.serviceBusinessStatus);
      const accept = wouldAccept && !cut;
      if (accept) {
        next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Connecting');
        next.bandwidth = service.connectBandwidth;
        next.connectionModifiedAt = ctx.clock.stamp;
      }
      // A lock that came while the endpoint was created remembers that it would have been accepted.
      if (cut && wouldAccept) next.suspendedConnection = { connected: true, zoneIds: [] };
      // Zones leave Creating with their endpoint: Wait until accepted, Connecting once being accepted.
      next.zones = endpoint.zones.map((z) =>
        z.zoneStatus === 'Creating' ? { ...z, zoneStatus: transition('zone', z.zoneStatus, accept ? 'Connecting' : 'Wait') } : z,
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
    case 'Pending':
      next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Connected');
      next.connectionModifiedAt = ctx.clock.stamp;
      return next;
    case 'Disconnecting':
      next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Disconnected');
      next.connectionModifiedAt = ctx.clock.stamp;
      return next;
    default:
      return next;
  }
}

function stepZone(zone: EndpointZone, endpoint: Endpoint, ctx: EndpointStepContext): EndpointZone {
  const connection = endpoint.connectionStatus;
  switch (zone.zoneStatus) {
    case 'Creating':
      // A zone created with its endpoint leaves Creating with it (stepEndpointStatus): its due
      // time was read a moment before the endpoint's, and stepping it alone would settle it in
      // Wait before the connection is accepted, with nothing left to move it on.
      if (endpoint.endpointStatus === 'Creating') return zone;
      return {
        ...zone,
        zoneStatus: transition('zone', zone.zoneStatus, connection === 'Connected' || connection === 'Connecting' ? 'Connecting' : 'Wait'),
      };
    case 'Connecting': {
      if (connection === 'Connecting') return zone; // waits for its connection (due again below)
      // A resource the provider assigned by hand (ResourceAllocateMode Manual) comes first.
      const resourceId = connection === 'Connected' ? (zone.manualResourceId ?? zone.resourceId ?? ctx.pickResource(zone.zoneId)) : null;
      // No resource left in the zone, or the connection went away: the zone does not connect.
      if (resourceId === null) return { ...zone, zoneStatus: transition('zone', zone.zoneStatus, 'Disconnecting') };
      return { ...zone, zoneStatus: transition('zone', zone.zoneStatus, 'Connected'), resourceId };
    }
    case 'Disconnecting':
      return { ...zone, zoneStatus: transition('zone', zone.zoneStatus, 'Disconnected'), resourceId: null, replacedResourceId: null };
    case 'Connected':
      // A Graceful migration has moved every connection off the replaced resource.
      return (zone.replacedResourceId ?? null) === null ? zone : { ...zone, replacedResourceId: null };
    default:
      return zone;
  }
}

/**
 * The endpoint's service is gone: live connections are cut first, and a
 * disconnected endpoint shows ServiceDeleted (docs/control-plane.md). Normally the service
 * could not be deleted while connected; this covers a race between processes.
 */
export function orphan(endpoint: Endpoint, clock: Clock): Endpoint {
  if (endpoint.endpointStatus !== 'Active' && endpoint.endpointStatus !== 'Pending') return endpoint;
  const next: Endpoint = { ...endpoint, suspendedConnection: null };
  switch (endpoint.connectionStatus) {
    case 'Connecting':
    case 'Connected':
    case 'Pending':
      next.connectionStatus = transition('connection', endpoint.connectionStatus, 'Disconnecting');
      next.zones = endpoint.zones.map((z) =>
        z.zoneStatus === 'Connected' || z.zoneStatus === 'Connecting'
          ? { ...z, zoneStatus: transition('zone', z.zoneStatus, 'Disconnecting'), transitionDueAt: clock.due }
          : z,
      );
      break;
    case 'Disconnected':
      next.connectionStatus = transition('connection', endpoint.connectionStatus, 'ServiceDeleted');
      break;
    default:
      return endpoint;
  }
  next.connectionModifiedAt = clock.stamp;
  next.transitionDueAt = clock.due;
  return next;
}

/** Whatever is still transitional is due at its pending time, or after another delay if that has passed. */
function withDueTimes(endpoint: Endpoint, ctx: EndpointStepContext): Endpoint {
  const dueOf = (transitional: boolean, current: number | null): number | null =>
    !transitional ? null : current !== null && current > ctx.now ? current : ctx.clock.due;
  const transitional = TRANSITIONAL_ENDPOINT.has(endpoint.endpointStatus) || TRANSITIONAL_CONNECTION.has(endpoint.connectionStatus);
  return {
    ...endpoint,
    transitionDueAt: dueOf(transitional, endpoint.transitionDueAt),
    zones: endpoint.zones.map((z) => ({
      ...z,
      transitionDueAt: dueOf(TRANSITIONAL_ZONE.has(z.zoneStatus) || (z.replacedResourceId ?? null) !== null, z.transitionDueAt),
    })),
  };
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
