import type {
  AccessKey,
  Account,
  Endpoint,
  EndpointService,
  GatewayEndpoint,
  IdempotencyRecord,
  IpAllocation,
  LegacyIpAllocation,
  PrivateZone,
  PrivateZoneRecord,
  ResolverBinding,
  UserVpcAuthorization,
  VSwitch,
  Vpc,
  VpcAuthorizationCode,
} from '../model/types.js';

/**
 * Every document kind the store holds, and its type. A store is a set of
 * documents addressed by (kind, id); every committed write appends one batch to
 * the change stream, which replicas follow (docs/architecture.md).
 */
export interface DocTypes {
  account: Account;
  accessKey: AccessKey;
  vpc: Vpc;
  vSwitch: VSwitch;
  /** Either form: a store written by an earlier version holds the legacy one until the vSwitch's next allocation. */
  ipAllocation: IpAllocation | LegacyIpAllocation;
  service: EndpointService;
  endpoint: Endpoint;
  resolverBinding: ResolverBinding;
  privateZone: PrivateZone;
  privateZoneRecord: PrivateZoneRecord;
  userVpcAuthorization: UserVpcAuthorization;
  vpcAuthorizationCode: VpcAuthorizationCode;
  gatewayEndpoint: GatewayEndpoint;
  idempotency: IdempotencyRecord;
}

export type Kind = keyof DocTypes;

export const KINDS: readonly Kind[] = [
  'account',
  'accessKey',
  'vpc',
  'vSwitch',
  'ipAllocation',
  'service',
  'endpoint',
  'resolverBinding',
  'privateZone',
  'privateZoneRecord',
  'userVpcAuthorization',
  'vpcAuthorizationCode',
  'gatewayEndpoint',
  'idempotency',
];

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

/** One document written (doc) or deleted (null) by a committed transaction; discriminated by kind. */
export type Change = { [K in Kind]: { kind: K; id: string; doc: DocTypes[K] | null } }[Kind];

/** All changes of one transaction, applied by replicas as one unit. */
export interface ChangeBatch {
  /** Stream position of this batch ("<ms>-<seq>", ordered by comparePositions). */
  position: string;
  changes: Change[];
}

/**
 * Reads inside a transaction are tracked: at commit, the store checks that no
 * document read (or written) changed since it was read — optimistic concurrency,
 * so two API processes racing on one endpoint never both win (docs/architecture.md).
 */
export interface Transaction {
  get<K extends Kind>(kind: K, id: string): Promise<DocTypes[K] | undefined>;
  /**
   * Reads the documents the work is about to get, all at once (a Redis store asks for them in
   * one round trip), without parsing them: each is a read of the transaction as a get would make
   * it. Ids that are undefined are left out.
   */
  prefetch(refs: ReadonlyArray<readonly [Kind, string | undefined]>): Promise<void>;
  put<K extends Kind>(kind: K, id: string, doc: DocTypes[K]): void;
  delete(kind: Kind, id: string): void;
}

/**
 * A document's current JSON as the caller believes it (null: absent), or undefined to read it:
 * a transaction may take the guess instead of a read round trip. The commit compares what was
 * read with what the store holds, so a wrong guess is a conflict, never a lost update.
 */
export type RawGuess = (kind: Kind, id: string) => string | null | undefined;

export interface TransactOptions {
  /**
   * Guesses for the first attempt (Plane: the replica's copy). An attempt that used one and
   * conflicts, or whose work throws, runs again on reads: a refusal is never made on a guess.
   */
  guess?: RawGuess;
}

export interface TransactResult<T> {
  value: T;
  /** Position of the batch written, or null when the transaction wrote nothing. */
  position: string | null;
}

export type StoreHealth = 'ok' | 'unavailable';

/** What a follower asks of the change stream; see Store.follow. */
export interface FollowOptions {
  /**
   * The kinds the follower wants (default: all). A store may leave the changes of other
   * kinds out of the batches it delivers, their documents never parsed: a DNS replica
   * following the stream skips the ENI address allocations that ride with zone edits
   * (bench:dns-churn). A batch's position moves on all the same.
   */
  kinds?: readonly Kind[];
}

/** Follows the change stream from a position; see Store.follow. */
export interface ChangeFollower {
  stop(): void;
}

/**
 * Why a follower stopped and its replica must reload a snapshot (the `reason`
 * label of plinkd_replica_resyncs_total, docs/reliability.md):
 *   position-lost  the stream no longer continues from the follower's position
 *                  (trimmed, or the store lost data or was replaced);
 *   decode         a batch in the stream could not be decoded;
 *   apply          a batch was decoded but could not be applied.
 * Skipping such a batch would leave the replica silently different from the store.
 */
export const GAP_REASONS = ['position-lost', 'decode', 'apply'] as const;
export type GapReason = (typeof GAP_REASONS)[number];

export interface FollowHandlers {
  /**
   * Applies one batch. The follower's position moves past the batch only once
   * this returns; if it throws, the follower stops and reports an 'apply' gap.
   */
  onBatch(batch: ChangeBatch): void;
  /**
   * The follower stopped before a batch it could not deliver (see GapReason):
   * the replica must reload a snapshot and follow from its position.
   */
  onGap(reason: GapReason, cause?: unknown): void;
  /** The stream became unreadable (with the error) or readable again; once per transition. */
  onHealth?(health: StoreHealth, cause?: unknown): void;
  /**
   * Every batch the stream held when last read has been delivered: the
   * follower is at the tail (the replica's lag is 0 until the next batch).
   */
  onCaughtUp?(): void;
}

export interface Snapshot {
  /** Position of the last batch included; follow from here. */
  position: string;
  forEach(visit: (change: Change) => void): void;
}

export interface Store {
  readonly kind: 'memory' | 'redis' | 'redis-cluster';
  get<K extends Kind>(kind: K, id: string): Promise<DocTypes[K] | undefined>;
  /**
   * Runs `work` against a fresh transaction and commits its writes atomically with
   * their change-stream batch. On a conflict the work runs again (bounded), so
   * `work` must be free of side effects beyond the transaction.
   */
  transact<T>(work: (tx: Transaction) => Promise<T>, options?: TransactOptions): Promise<TransactResult<T>>;
  /** Everything in the store, and the stream position it corresponds to. */
  snapshot(): Promise<Snapshot>;
  /** Delivers every batch after `from`, in order, until stopped. */
  follow(from: string, handlers: FollowHandlers, options?: FollowOptions): ChangeFollower;
  /**
   * Records `key` for `ttlSeconds` unless already present; true when it was new.
   * Used for signature nonces (replay protection across API processes).
   */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Takes the lease `name` for `holder` if nobody holds it (Redis: SET NX PX).
   * True when `holder` now holds it for `ttlMs`. See src/control/lease.ts.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease only while `holder` still holds it (compare-and-extend); false once lost. */
  renewLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it (compare-and-delete), so another can take it at once. */
  releaseLease(name: string, holder: string): Promise<void>;
  health(): StoreHealth;
  close(): Promise<void>;
}

/** Thrown when a transaction kept conflicting after its retries. */
export class TransactionConflictError extends Error {
  constructor() {
    super('transaction conflicted with concurrent writes too many times');
    this.name = 'TransactionConflictError';
  }
}

/** Thrown when the backing store cannot be reached; the API answers 503. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The store answered and refused what the configuration asks of it (a Redis database it
 * does not have, a cluster behind a single-node URL): waiting would not help, so the
 * start ends as for a bad flag.
 */
export class StoreRefusedError extends Error {
  override name = 'StoreRefusedError';
}
