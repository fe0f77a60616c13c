import { clientTokenScope, replayedToken } from '../../control/idempotency.js';
import { TokenPlane, TokenReplayed } from '../../control/token-plane.js';
import { CloudError } from '../../errors/catalogue.js';
import type { ActionDefinition } from '../rpc/action.js';
import type { ApiDeps } from './deps.js';

/**
 * ClientToken for every mutating action that takes one but creates nothing (docs/api.md
 * "Conveniences"): one runner for all of them, as `createOnce` is for the creates. A retry of a
 * request that succeeded answers success (an empty body, as these actions answer) and changes
 * nothing; the token with other parameters answers IdempotentParameterMismatch; a dry run never
 * consults it. The action runs on a TokenPlane, which records the token in the action's own
 * transaction (control/idempotency.ts).
 */
export function honourClientToken(action: ActionDefinition<ApiDeps>): ActionDefinition<ApiDeps> {
  if (!('ClientToken' in action.params) || action.name.startsWith('Create') || action.name.startsWith('List')) return action;
  return {
    ...action,
    errorCodes: action.errorCodes.includes('IdempotentParameterMismatch')
      ? action.errorCodes
      : [...action.errorCodes, 'IdempotentParameterMismatch'],
    async handle(ctx, params) {
      const scope = clientTokenScope(ctx.caller.account.uid, action.name, params);
      const clientToken = scope.clientToken;
      if (clientToken === undefined || params['DryRun'] === true) return action.handle(ctx, params);
      const plane = ctx.deps.plane;
      if (await replayedToken(plane, plane.store, scope)) return {};
      try {
        return await action.handle({ ...ctx, deps: { ...ctx.deps, plane: new TokenPlane(plane, { ...scope, clientToken }) } }, params);
      } catch (err) {
        if (err instanceof TokenReplayed) return {};
        // An identical request may have committed while this one validated against the replica
        // (which then refuses it: "already associated"); its record makes this one a retry.
        if (err instanceof CloudError && (await replayedToken(plane, plane.store, scope))) return {};
        throw err;
      }
    },
  };
}
