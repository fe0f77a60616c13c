/**
 * What a ClientToken names (docs/api.md "Conveniences"): the same token from the same account for
 * the same action is one request. The plane carries a create's scope (plane.ts createToken); the
 * token's records and replay are idempotency.ts, the runner that applies them change-runner.ts.
 */

export interface ClientTokenScope {
  uid: string;
  /** The action's name, e.g. "CreateVpc". */
  action: string;
  clientToken: string | undefined;
  /**
   * What makes two calls "the same request": the action's parameters without
   * ClientToken and DryRun. Reusing a token with other parameters answers
   * IdempotentParameterMismatch, as the cloud does.
   */
  request: Readonly<Record<string, unknown>>;
}

/**
 * The scope of an action's parameters: its ClientToken, and every other parameter but DryRun
 * as the request's identity.
 */
export function clientTokenScope(uid: string, action: string, params: Readonly<Record<string, unknown>>): ClientTokenScope {
  const { ClientToken: clientToken, DryRun: _dryRun, ...request } = params;
  return { uid, action, clientToken: typeof clientToken === 'string' ? clientToken : undefined, request };
}
