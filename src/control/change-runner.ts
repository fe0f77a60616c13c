import { CloudError } from '../errors/catalogue.js';
import type { Transaction } from '../store/types.js';
import { clientTokenScope, replayedToken } from './idempotency.js';
import { Plane } from './plane.js';
import { TokenPlane, TokenReplayed } from './token-plane.js';

/**
 * The runner of control-plane changes (docs/control-plane.md "Operations"): DryRun and ClientToken
 * are handled here, once, for every change that creates nothing; creates run through
 * `createOnce` (idempotency.ts), which does the same for the resource it creates.
 */

/** What every change is asked with: the caller, the action, and its parameters as the API read them. */
export interface ChangeRequest {
  uid: string;
  /** The action's name, e.g. "DeleteVpcEndpoint": a ClientToken is scoped to it. */
  action: string;
  /** Every parameter, ClientToken and DryRun among them. */
  params: Readonly<Record<string, unknown>>;
}

export type ChangeOutcome<T> = { replayed: false; value: T } | { replayed: true };

/**
 * A plane on which nothing commits: each write runs its work in a transaction — every check it
 * makes against the store runs — and then gives it up with DryRunOperation, the cloud's answer
 * to a request that would have passed.
 */
export class DryRunPlane extends Plane {
  constructor(private readonly inner: Plane) {
    super(inner.store, inner.replica, inner.settings, inner.now);
  }

  override async write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.inner.write(async (tx) => {
      await work(tx);
      throw new CloudError('DryRunOperation');
    });
  }
}

/**
 * Runs `change` as `request` asks:
 * - DryRun: the change runs on a DryRunPlane, so its checks run and nothing is written; it answers
 *   DryRunOperation (or the error a check raised). A dry run never consults the ClientToken: it
 *   says whether this request would pass now.
 * - ClientToken: a retry of a request that succeeded is `replayed` and changes nothing; the token
 *   with other parameters answers IdempotentParameterMismatch; otherwise the change runs on a
 *   TokenPlane, which records the token in the change's own transaction.
 */
export async function runChange<T>(plane: Plane, request: ChangeRequest, change: (plane: Plane) => Promise<T>): Promise<ChangeOutcome<T>> {
  if (request.params['DryRun'] === true) {
    await change(new DryRunPlane(plane));
    // A change that found nothing to write would have passed too.
    throw new CloudError('DryRunOperation');
  }
  const scope = clientTokenScope(request.uid, request.action, request.params);
  const clientToken = scope.clientToken;
  if (clientToken === undefined) return { replayed: false, value: await change(plane) };
  if (await replayedToken(plane, plane.store, scope)) return { replayed: true };
  try {
    return { replayed: false, value: await change(new TokenPlane(plane, { ...scope, clientToken })) };
  } catch (err) {
    if (err instanceof TokenReplayed) return { replayed: true };
    // An identical request may have committed while this one validated against the replica
    // (which then refuses it: "already associated"); its record makes this one a retry.
    if (err instanceof CloudError && (await replayedToken(plane, plane.store, scope))) return { replayed: true };
    throw err;
  }
}
