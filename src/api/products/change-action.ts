import { runChange } from '../../control/change-runner.js';
import type { ActionDefinition } from '../rpc/action.js';
import type { ApiDeps } from './deps.js';

/**
 * Reads and creates: reads have nothing to make idempotent, creates run through createOnce.
 * PrivateZone names its creates Add… (AddZone, AddZoneRecord); elsewhere Add… attaches to a
 * resource that exists (AddUserToVpcEndpointService), a change like any other.
 */
const NOT_A_CHANGE = /^(Create|List|Describe|Get|Check)|^(AddZone|AddZoneRecord)$/;

/**
 * Every mutating action that creates nothing runs through the control plane's change runner
 * (control/change-runner.ts), which honours DryRun and ClientToken in one place (docs/api.md
 * "Conveniences"). A retry of a request that succeeded changes nothing and answers success:
 * the action's `replayAnswer`, or an empty body, as most of these actions answer.
 */
export function asChange(action: ActionDefinition<ApiDeps>): ActionDefinition<ApiDeps> {
  const takesToken = 'ClientToken' in action.params;
  if (NOT_A_CHANGE.test(action.name) || (!takesToken && !('DryRun' in action.params))) return action;
  return {
    ...action,
    errorCodes:
      !takesToken || action.errorCodes.includes('IdempotentParameterMismatch')
        ? action.errorCodes
        : [...action.errorCodes, 'IdempotentParameterMismatch'],
    async handle(ctx, params) {
      const request = { uid: ctx.caller.account.uid, action: action.name, params };
      const outcome = await runChange(ctx.deps.plane, request, (plane) => action.handle({ ...ctx, deps: { ...ctx.deps, plane } }, params));
      if (!outcome.replayed) return outcome.value;
      return action.replayAnswer?.(params) ?? {};
    },
  };
}
