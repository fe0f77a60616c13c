import type { ConnectionStatus, Endpoint, EndpointStatus, ServiceStatus, ZoneStatus } from './types.js';

/**
 * One transition table per lifecycle (docs/control-plane.md; after ioredis'
 * setStatus): every legal `from → to` move is listed, anything else is refused
 * with the cloud's error code for that entity.
 */
type Table<S extends string> = Readonly<Record<S, readonly S[]>>;

// Each table lists exactly the moves plinkd makes (docs/control-plane.md; the status enums of
// the Privatelink 2020-04-15 API). Deletion is only ever started from a settled
// status: the API refuses it mid-transition, so `Creating → Deleting` is absent.

export const SERVICE_TRANSITIONS: Table<ServiceStatus> = {
  Creating: ['Active'],
  // Pending: UpdateVpcEndpointServiceAttribute, Attach/DetachResource… in progress.
  Active: ['Pending', 'Deleting'],
  Pending: ['Active'],
  Deleting: [],
};

export const ENDPOINT_TRANSITIONS: Table<EndpointStatus> = {
  Creating: ['Active'],
  // Pending: security-group changes in progress (EndpointStatus Pending → Active).
  Active: ['Pending', 'Deleting'],
  Pending: ['Active'],
  Deleting: [],
};

export const CONNECTION_TRANSITIONS: Table<ConnectionStatus> = {
  // Disconnected is also where a new endpoint waits to be accepted.
  Disconnected: ['Connecting', 'Deleting', 'ServiceDeleted'],
  Connecting: ['Connected', 'Disconnecting'],
  // Pending is the cloud's "being modified" status of a connection.
  Connected: ['Pending', 'Disconnecting', 'Deleting'],
  Pending: ['Connected', 'Disconnecting'],
  Disconnecting: ['Disconnected'],
  ServiceDeleted: ['Deleting'],
  Deleting: [],
};

export const ZONE_TRANSITIONS: Table<ZoneStatus> = {
  // A new zone waits (Wait) unless its endpoint's connection is accepted.
  Creating: ['Wait', 'Connecting'],
  Wait: ['Connecting', 'Deleting'],
  Connecting: ['Connected', 'Disconnecting'],
  Connected: ['Disconnecting', 'Deleting'],
  Disconnecting: ['Disconnected'],
  Disconnected: ['Connecting', 'Deleting'],
  Deleting: [],
};

export type Lifecycle = 'service' | 'endpoint' | 'connection' | 'zone';

/**
 * The statuses a resource passes through rather than rests in: the reconciler moves it on when
 * its transition is due, and the API refuses most changes meanwhile (the cloud's "the endpoint is
 * being connected" errors). Deleting has no move in its table but is transitional too: the
 * reconciler removes the resource.
 */
export const TRANSITIONAL_ENDPOINT: ReadonlySet<EndpointStatus> = new Set(['Creating', 'Pending', 'Deleting']);
export const TRANSITIONAL_CONNECTION: ReadonlySet<ConnectionStatus> = new Set(['Connecting', 'Disconnecting', 'Pending']);
export const TRANSITIONAL_ZONE: ReadonlySet<ZoneStatus> = new Set(['Creating', 'Connecting', 'Disconnecting', 'Deleting']);

/** The cloud's code for a move its lifecycle does not allow. */
export const ILLEGAL_TRANSITION_CODE = {
  service: 'IncorrectStatus.VpcEndpointService',
  endpoint: 'IncorrectStatus.VpcEndpoint',
  connection: 'IncorrectStatus.VpcEndpointConnection',
  zone: 'IncorrectStatus.VpcEndpointZone',
} as const satisfies Record<Lifecycle, string>;

export class IllegalTransitionError extends Error {
  readonly code: (typeof ILLEGAL_TRANSITION_CODE)[Lifecycle];

  constructor(
    readonly lifecycle: Lifecycle,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${lifecycle} cannot move from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
    this.code = ILLEGAL_TRANSITION_CODE[lifecycle];
  }
}

export const TABLES = {
  service: SERVICE_TRANSITIONS,
  endpoint: ENDPOINT_TRANSITIONS,
  connection: CONNECTION_TRANSITIONS,
  zone: ZONE_TRANSITIONS,
} as const;

export type StatusOf<L extends Lifecycle> = L extends 'service'
  ? ServiceStatus
  : L extends 'endpoint'
    ? EndpointStatus
    : L extends 'connection'
      ? ConnectionStatus
      : ZoneStatus;

export function canTransition<L extends Lifecycle>(lifecycle: L, from: StatusOf<L>, to: StatusOf<L>): boolean {
  const table = TABLES[lifecycle] as Table<StatusOf<L>>;
  return table[from].includes(to);
}

/** Returns `to` when the move is legal; throws IllegalTransitionError otherwise. */
export function transition<L extends Lifecycle>(lifecycle: L, from: StatusOf<L>, to: StatusOf<L>): StatusOf<L> {
  if (!canTransition(lifecycle, from, to)) throw new IllegalTransitionError(lifecycle, from, to);
  return to;
}

/**
 * The earliest time anything in the endpoint is due (its own transition or a zone's), or null
 * when it is settled: what the reconciler waits for, and what the replica indexes so that a
 * reconciler starting up finds the due endpoints without reading the fleet.
 */
export function nextDueOfEndpoint(endpoint: Endpoint): number | null {
  let due = endpoint.transitionDueAt;
  for (const zone of endpoint.zones)
    if (zone.transitionDueAt !== null && (due === null || zone.transitionDueAt < due)) due = zone.transitionDueAt;
  return due;
}
