import { runChange } from '../../control/change-runner.js';
import type { ActionDefinition } from '../rpc/action.js';
import type { ApiDeps } from './deps.js';

/**
 * Every action that takes DryRun or a ClientToken runs through the control plane's operation
 * runner (control/change-runner.ts), which honours both in one place (docs/api.md
 * "Conveniences"), as the kind the action declares (read, create or change) asks; the action
 * itself is its validation and its write. A retry of a change that
 * succeeded changes nothing and answers success: the action's `replayAnswer`, or an empty body,
 * as most changes answer.
 */
export function asChange(action: ActionDefinition<ApiDeps>): ActionDefinition<ApiDeps> {
  const takesToken = 'ClientToken' in action.params;
  if (!takesToken && !('DryRun' in action.params)) return action;
  const kind = action.kind;
  return {
    ...action,
    errorCodes:
      kind !== 'change' || !takesToken || action.errorCodes.includes('IdempotentParameterMismatch')
        ? action.errorCodes
        : [...action.errorCodes, 'IdempotentParameterMismatch'],
    async handle(ctx, params) {
      const request = { uid: ctx.caller.account.uid, action: action.name, kind, params };
      const check = action.check?.bind(action);
      const outcome = await runChange(
        ctx.deps.plane,
        request,
        (plane, given) => action.handle({ ...ctx, deps: { ...ctx.deps, plane } }, given as typeof params),
        check === undefined ? undefined : (given) => check(given as typeof params),
      );
      if (!outcome.replayed) return outcome.value;
      return action.replayAnswer?.(params) ?? {};
    },
  };
}
