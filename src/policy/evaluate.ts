import type { CompiledStatement } from './compiled-statement.js';
import type { AuthorizationRequest, Decision } from './types.js';

/**
 * The decision rule, in one place (docs/design/policy.md; RAM: "if a policy includes both Allow and Deny,
 * Deny takes precedence"), written as Cedar writes its authorizer:
 *
 *   | some Deny statement applies | some Allow applies | decision     | statement            |
 *   |-----------------------------|--------------------|--------------|----------------------|
 *   | yes                         | any                | ExplicitDeny | first applying Deny  |
 *   | no                          | yes                | Allow        | first applying Allow |
 *   | no                          | no                 | ImplicitDeny | null                 |
 *
 * A statement applies when its action, principal and resource elements cover the request
 * and all its conditions hold. Once an Allow is found only Deny statements can change the
 * answer, so later Allows are skipped without being matched.
 */

export const IMPLICIT_DENY: Decision = Object.freeze({ decision: 'ImplicitDeny', statement: null, sid: null });

/** `actionHits[i]` / `principalHits[i]`: statement i's Action / Principal element covers the request. */
export function decide(
  statements: readonly CompiledStatement[],
  request: AuthorizationRequest,
  actionHits: Uint8Array,
  principalHits: Uint8Array,
): Decision {
  let allow: Decision | null = null;
  const resource = typeof request.resource === 'string' ? request.resource : '';
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    if (!statement.deny && allow !== null) continue;
    if (actionHits[i] === 0 || principalHits[i] === 0) continue;
    if (!statement.coversResource(resource) || !statement.conditionsHold(request)) continue;
    if (statement.deny) return statement.decision;
    allow = statement.decision;
  }
  return allow ?? IMPLICIT_DENY;
}
