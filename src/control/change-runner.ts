import { CloudError } from '../errors/catalogue.js';
import type { Transaction, TransactResult } from '../store/types.js';
import { clientTokenScope } from './client-token.js';
import { replayedToken } from './idempotency.js';
import { Plane } from './plane.js';
import { CreateTokenPlane, TokenPlane, TokenReplayed } from './token-plane.js';

/**
 * The runner of control-plane operations (docs/control-plane.md "Operations"): DryRun and
 * ClientToken are handled here, once. An operation is its validation — against the replica,
 * and again inside its transaction — and its write, the transaction's puts; it knows nothing of
 * DryRun, and of ClientToken only where a create must map the token to what it created
 * (`createOnce`, idempotency.ts).
 */

/**
 * What the runner needs to know of an operation: reads write nothing, creates make a resource
 * (their ClientToken names it: createOnce), changes alter or remove what exists.
 */
export type OperationKind = 'read' | 'create' | 'change';

/** What every operation is asked with: the caller, the action, its kind, and its parameters as the API read them. */
export interface ChangeRequest {
  uid: string;
  /** The action's name, e.g. "DeleteVpcEndpoint": a ClientToken is scoped to it. */
  action: string;
  /** As the action declares it (src/api/rpc/action.ts `kind`), never guessed from its name. */
  kind: OperationKind;
  /** Every parameter, ClientToken and DryRun among them. */
  params: Readonly<Record<string, unknown>>;
}

export type ChangeOutcome<T> = { replayed: false; value: T } | { replayed: true };

/** The operation itself: what it does on a plane, with the parameters it is given. */
export type Operation<T> = (plane: Plane, params: Readonly<Record<string, unknown>>) => Promise<T>;

/** A read's checks of its parameters, made before it reads anything: all a dry run of the read runs. */
export type ReadCheck = (params: Readonly<Record<string, unknown>>) => void;

/**
 * A plane on which nothing commits: each write runs its work in a transaction — every check it
 * makes against the store runs — and then gives it up with DryRunOperation, the cloud's answer
 * to a request that would have passed.
 */
export class DryRunPlane extends Plane {
  constructor(inner: Plane) {
    super(inner.store, inner.replica, inner.settings, inner.now);
  }

  override async write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return super.write(async (tx) => {
      await work(tx);
      throw new CloudError('DryRunOperation');
    });
  }

  /**
   * Reads from the store, never the replica's copies: a dry run always ends by throwing, and a
   * throw made on copies is run again on reads (store/retry.ts), so copies would only double it.
   */
  override transact<T>(work: (tx: Transaction) => Promise<T>): Promise<TransactResult<T>> {
    return this.store.transact(work);
  }

  /** The operation's checks passed: the request would too, and the rest is writing. */
  override checksDone(): never {
    throw new CloudError('DryRunOperation');
  }
}

/**
 * Runs `operation` as `request` asks:
 * - DryRun: validate, then answer DryRunOperation instead of writing. A read runs only its
 *   `check`, if it has one: the cloud's DryRun on a read checks the request and queries no
 *   resources (DescribeVpcs: https://help.aliyun.com/en/vpc/api-describevpcs). A create or change
 *   runs on a DryRunPlane without its ClientToken, so its checks
 *   run (those inside its transaction too) and its transaction is given up. It answers
 *   DryRunOperation, or the error a check raised. A dry run never consults the ClientToken: it
 *   says whether this request would pass now.
 * - ClientToken on a change: a retry of a request that succeeded is `replayed` and changes
 *   nothing; the token with other parameters answers IdempotentParameterMismatch; otherwise the
 *   change runs on a TokenPlane, which records the token in the change's own transaction.
 *   A create runs on a CreateTokenPlane that carries its token to createOnce (idempotency.ts), which
 *   maps the token to the resource made and answers a retry with it.
 */
export async function runChange<T>(
  plane: Plane,
  request: ChangeRequest,
  operation: Operation<T>,
  check?: ReadCheck,
): Promise<ChangeOutcome<T>> {
  const kind = request.kind;
  if (request.params['DryRun'] === true) {
    if (kind === 'read') check?.(request.params);
    else {
      const { ClientToken: _token, ...params } = request.params;
      await operation(new DryRunPlane(plane), params);
    }
    // An operation that found nothing to write would have passed too.
    throw new CloudError('DryRunOperation');
  }
  // Reads and calls without a token (most calls) need no scope: the copy of their parameters is not made.
  if (kind === 'read' || typeof request.params['ClientToken'] !== 'string')
    return { replayed: false, value: await operation(plane, request.params) };
  const scope = clientTokenScope(request.uid, request.action, request.params);
  const clientToken = scope.clientToken as string;
  // A create's token names what it made: createOnce reads it from the plane and answers a retry with that.
  if (kind === 'create')
    return { replayed: false, value: await operation(new CreateTokenPlane(plane, { ...scope, clientToken }), request.params) };
  if (await replayedToken(plane, plane.store, scope)) return { replayed: true };
  try {
    return { replayed: false, value: await operation(new TokenPlane(plane, { ...scope, clientToken }), request.params) };
  } catch (err) {
    if (err instanceof TokenReplayed) return { replayed: true };
    // An identical request may have committed while this one validated against the replica
    // (which then refuses it: "already associated"); its record makes this one a retry.
    if (err instanceof CloudError && (await replayedToken(plane, plane.store, scope))) return { replayed: true };
    throw err;
  }
}
