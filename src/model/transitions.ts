import type { ConnectionStatus, EndpointStatus, ServiceStatus, ZoneStatus } from './types.js';

/**
 * One transition table per lifecycle (SPEC §2; STYLE.md after ioredis'
 * setStatus): every legal `from → to` move is listed, anything else is refused
 * with the cloud's error code for that entity.
 */
type Table<S extends string> = Readonly<Record<S, readonly S[]>>;

export const SERVICE_TRANSITIONS: Table<ServiceStatus> = {
  Creating: ['Active', 'Deleting'],
  Active: ['Pending', 'Deleting'],
  Pending: ['Active'],
  Deleting: [],
};

export const ENDPOINT_TRANSITIONS: Table<EndpointStatus> = {
  Creating: ['Active', 'Deleting'],
  Active: ['Pending', 'Deleting'],
  Pending: ['Active'],
  Deleting: [],
};

export const CONNECTION_TRANSITIONS: Table<ConnectionStatus> = {
  // Pending is the cloud's "modifying" (e.g. a bandwidth change on a connection).
  Pending: ['Connected', 'Deleting', 'ServiceDeleted'],
  Connecting: ['Connected', 'Disconnecting', 'Deleting', 'ServiceDeleted'],
  Connected: ['Pending', 'Disconnecting', 'Deleting', 'ServiceDeleted'],
  Disconnecting: ['Disconnected', 'Deleting', 'ServiceDeleted'],
  Disconnected: ['Connecting', 'Deleting', 'ServiceDeleted'],
  Deleting: [],
  ServiceDeleted: ['Deleting'],
};

export const ZONE_TRANSITIONS: Table<ZoneStatus> = {
  Creating: ['Wait', 'Connecting', 'Deleting'],
  Wait: ['Connecting', 'Deleting'],
  Connecting: ['Connected', 'Disconnecting', 'Deleting'],
  Connected: ['Disconnecting', 'Deleting'],
  Disconnecting: ['Disconnected', 'Deleting'],
  Disconnected: ['Connecting', 'Deleting'],
  Deleting: [],
};

export type Lifecycle = 'service' | 'endpoint' | 'connection' | 'zone';

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

const TABLES = {
  service: SERVICE_TRANSITIONS,
  endpoint: ENDPOINT_TRANSITIONS,
  connection: CONNECTION_TRANSITIONS,
  zone: ZONE_TRANSITIONS,
} as const;

type StatusOf<L extends Lifecycle> = L extends 'service'
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
