import type { IdempotencyRecord } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import type { ClientTokenScope } from './client-token.js';
import { fingerprintOf, idempotencyKey, replayedToken, sweepSoon } from './idempotency.js';
import { Plane } from './plane.js';

/**
 * The plane a change that creates nothing runs on when it carries a ClientToken
 * (control/change-runner.ts): its first write checks the token record inside the
 * transaction and writes it with the change, as createOnce does for creates (idempotency.ts).
 */

/** Thrown inside the first write of a TokenPlane when an identical request committed meanwhile: nothing is written. */
export class TokenReplayed extends Error {
  constructor() {
    super('the request with this ClientToken already succeeded');
    this.name = 'TokenReplayed';
  }
}

/**
 * The plane a create runs on when it carries a ClientToken: createOnce reads the token from it.
 * It writes as any plane on the same store, replica and settings does (Plane.write): the
 * token's record is createOnce's to write, inside the create's transaction.
 */
export class CreateTokenPlane extends Plane {
  constructor(
    plane: Plane,
    private readonly scope: ClientTokenScope & { clientToken: string },
  ) {
    super(plane.store, plane.replica, plane.settings, plane.now);
  }

  override createToken(): ClientTokenScope & { clientToken: string } {
    return this.scope;
  }
}

/** A Plane whose first write carries the token record (see replayedToken). */
export class TokenPlane extends Plane {
  private recorded = false;

  constructor(
    private readonly inner: Plane,
    private readonly scope: ClientTokenScope & { clientToken: string },
  ) {
    super(inner.store, inner.replica, inner.settings, inner.now);
  }

  override async write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.recorded) return this.inner.write(work);
    const value = await this.inner.write(async (tx) => {
      if (await replayedToken(this.inner, tx, this.scope)) throw new TokenReplayed();
      const result = await work(tx);
      const key = idempotencyKey(this.scope.uid, this.scope.action, this.scope.clientToken);
      const record: IdempotencyRecord = {
        key,
        uid: this.scope.uid,
        action: this.scope.action,
        // No resource is created: the record names the action.
        resourceId: this.scope.action,
        createdAt: this.inner.timestamp(),
        fingerprint: fingerprintOf(this.scope.request),
      };
      tx.put('idempotency', key, record);
      return result;
    });
    this.recorded = true;
    sweepSoon(this.inner);
    return value;
  }
}
