import { createHash } from 'node:crypto';
import { CloudError } from '../errors/catalogue.js';
import type { IdempotencyRecord } from '../model/types.js';
import type { DocTypes, Kind, Transaction } from '../store/types.js';
import type { ClientTokenScope } from './client-token.js';
import type { Plane } from './plane.js';

/**
 * ClientToken idempotency for create actions (docs/api.md; the cloud's docs: "the
 * client token that is used to ensure the idempotence of the request"). The
 * same token from the same account for the same action returns the resource the
 * first call created instead of creating a second one.
 *
 * The record that maps the token to the resource is an `idempotency` document
 * written in the SAME transaction as the resource. Every create transaction
 * reads the record first — absent — so of two identical calls racing, one
 * commits and the other conflicts (compare-and-set on that absence), runs
 * again, finds the record and returns the first one's resource.
 */

/** How long a token is remembered (the cloud documents no figure; a day covers any retry loop). */
export const CLIENT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export interface CreateOnceSpec<K extends Kind, Prepared> {
  kind: K;
  idOf(doc: DocTypes[K]): string;
  /** Checks the request against the replica; throws the cloud's error or returns what `create` needs. */
  validate(): Prepared;
  /** Writes the resource (and whatever goes with it) inside the transaction and returns it. */
  create(tx: Transaction, prepared: Prepared): Promise<DocTypes[K]>;
}

/**
 * The one way a create operation runs: replay of a known token → validation → one transaction
 * that writes the resource and the token record. Without a ClientToken it is validate → create.
 * DryRun is the operation runner's (change-runner.ts): a dry run comes here without its token, on
 * a plane that gives the create's transaction up.
 */
export async function createOnce<K extends Kind, Prepared>(plane: Plane, spec: CreateOnceSpec<K, Prepared>): Promise<DocTypes[K]> {
  const scope = plane.createToken();
  if (scope === undefined) {
    const prepared = spec.validate();
    return plane.write((tx) => spec.create(tx, prepared));
  }
  const key = idempotencyKey(scope.uid, scope.action, scope.clientToken);
  const fingerprint = fingerprintOf(scope.request);
  // Fast path, before validation: a retry of a create that succeeded would now
  // fail validation (its vSwitch overlaps itself, say) yet must return it.
  const known = replayFromReplica(plane, spec.kind, key, fingerprint);
  if (known !== undefined) return known;
  const prepared = spec.validate();
  try {
    return await plane.write(async (tx) => {
      const record = live(plane, await tx.get('idempotency', key));
      if (record !== undefined) {
        checkFingerprint(record, fingerprint);
        const earlier = await tx.get(spec.kind, record.resourceId);
        // Deleted since: the token is spent and this call creates anew (documented choice).
        if (earlier !== undefined) return earlier;
      }
      const created = await spec.create(tx, prepared);
      const entry: IdempotencyRecord = {
        key,
        uid: scope.uid,
        action: scope.action,
        resourceId: spec.idOf(created),
        createdAt: plane.timestamp(),
        fingerprint,
      };
      tx.put('idempotency', key, entry);
      return created;
    });
  } catch (err) {
    // Reads inside a transaction are not one snapshot: a twin call may commit
    // between our read of the (absent) record and a later read that then sees
    // the twin's resource — its vSwitch overlapping ours, say — and refuses.
    // If the twin's record exists now, its resource is this call's answer.
    if (!(err instanceof CloudError)) throw err;
    const twin = await replayFromStore(plane, spec.kind, key, fingerprint);
    if (twin === undefined) throw err;
    return twin;
  } finally {
    sweepSoon(plane);
  }
}

/** `<uid>:<action>:<token>` — the uid is 16 digits and actions have no colon, so the key is unambiguous. */
export function idempotencyKey(uid: string, action: string, clientToken: string): string {
  return `${uid}:${action}:${clientToken}`;
}

/** sha256 over the parameters as canonical JSON (keys sorted, undefined dropped). */
export function fingerprintOf(request: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function replayFromReplica<K extends Kind>(plane: Plane, kind: K, key: string, fingerprint: string): DocTypes[K] | undefined {
  const record = live(plane, plane.replica.get('idempotency', key));
  if (record === undefined) return undefined;
  checkFingerprint(record, fingerprint);
  return plane.replica.get(kind, record.resourceId);
}

async function replayFromStore<K extends Kind>(plane: Plane, kind: K, key: string, fingerprint: string): Promise<DocTypes[K] | undefined> {
  const record = live(plane, await plane.store.get('idempotency', key));
  if (record === undefined) return undefined;
  checkFingerprint(record, fingerprint);
  return plane.store.get(kind, record.resourceId);
}

function checkFingerprint(record: IdempotencyRecord, fingerprint: string): void {
  if (record.fingerprint !== undefined && record.fingerprint !== fingerprint) throw new CloudError('IdempotentParameterMismatch');
}

function live(plane: Plane, record: IdempotencyRecord | undefined): IdempotencyRecord | undefined {
  return record !== undefined && !isExpired(record, plane.now()) ? record : undefined;
}

export function isExpired(record: IdempotencyRecord, now: number): boolean {
  return Date.parse(record.createdAt) + CLIENT_TOKEN_TTL_MS <= now;
}

/** Expired records are removed in batches of this many per transaction. */
const SWEEP_BATCH = 100;
/** A sweep runs at most this often per process (piggybacked on token-carrying creates). */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/** Keyed by the store: the planes a request runs on (CreateTokenPlane, TokenPlane) are its own. */
const lastSweep = new WeakMap<object, number>();

/**
 * Deletes expired token records. Each one is re-read in the transaction, so a
 * record a concurrent create just renewed under the same key is left alone.
 * Returns how many were deleted.
 */
export async function sweepExpiredTokens(plane: Plane): Promise<number> {
  const now = plane.now();
  const expired = [...plane.replica.values('idempotency')].filter((r) => isExpired(r, now)).map((r) => r.key);
  let deleted = 0;
  for (let i = 0; i < expired.length; i += SWEEP_BATCH) {
    const batch = expired.slice(i, i + SWEEP_BATCH);
    deleted += await plane.write(async (tx) => {
      let count = 0;
      for (const key of batch) {
        const record = await tx.get('idempotency', key);
        if (record !== undefined && isExpired(record, now)) {
          tx.delete('idempotency', key);
          count += 1;
        }
      }
      return count;
    });
  }
  return deleted;
}

/**
 * Keeps the store bounded without a timer of its own: after a create that
 * carried a token, a sweep starts if none ran for SWEEP_INTERVAL_MS. Its
 * failure is harmless (expired records are ignored anyway) and the next sweep
 * retries, so it is not awaited nor reported.
 */
export function sweepSoon(plane: Plane): void {
  const now = plane.now();
  const last = lastSweep.get(plane.store);
  if (last !== undefined && now - last < SWEEP_INTERVAL_MS) return;
  lastSweep.set(plane.store, now);
  sweepExpiredTokens(plane).catch(() => undefined);
}

/**
 * ClientToken on a mutating action that creates nothing (AssociateRouteTablesWithVpcGatewayEndpoint,
 * UpdateVpcEndpointAttribute, DeleteVpcEndpoint, …): the same token from the same account for
 * the same action, with the same parameters, answers success again and changes nothing; with
 * other parameters it answers IdempotentParameterMismatch. `replayedToken` says whether the
 * request already succeeded (read from the store before the action runs, so a retry of a delete
 * does not fail validation with NotFound); the action then runs on a `TokenPlane`, whose first
 * write checks the record again inside its transaction and records the token with the change,
 * so of two identical calls racing one changes and the other finds the record.
 */
export async function replayedToken(plane: Plane, reader: Pick<Transaction, 'get'>, scope: ClientTokenScope): Promise<boolean> {
  if (scope.clientToken === undefined) return false;
  const record = live(plane, await reader.get('idempotency', idempotencyKey(scope.uid, scope.action, scope.clientToken)));
  if (record === undefined) return false;
  checkFingerprint(record, fingerprintOf(scope.request));
  return true;
}
