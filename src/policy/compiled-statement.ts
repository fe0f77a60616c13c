import { compileConditions, type CompiledCondition } from './conditions.js';
import { PrincipalMatcher } from './principal.js';
import type { AuthorizationRequest, Decision, Statement, StringOrList } from './types.js';
import { WildcardSet } from './wildcard.js';

/**
 * One statement of a validated document as matchers, built once per policy change. Actions fold
 * case (`oss:GetObject` ≡ `OSS:getobject`); resources and principals are case-sensitive. The
 * decision rule over a policy's statements is evaluate.ts.
 */
export class CompiledStatement {
  readonly deny: boolean;
  private readonly actions: WildcardSet;
  /** NotAction: the statement covers every action except these. */
  private readonly actionsNegated: boolean;
  private readonly resources: WildcardSet;
  private readonly resourcesNegated: boolean;
  private readonly principal: PrincipalMatcher;
  private readonly conditions: readonly CompiledCondition[];
  /** The answer this statement gives when it decides (shared, frozen: evaluation allocates nothing). */
  readonly decision: Decision;

  constructor(statement: Statement, index: number) {
    this.deny = statement.Effect === 'Deny';
    this.actionsNegated = statement.Action === undefined;
    this.actions = new WildcardSet(list(statement.Action ?? statement.NotAction), true);
    this.resourcesNegated = statement.Resource === undefined;
    this.resources = new WildcardSet(list(statement.Resource ?? statement.NotResource), false);
    this.principal = new PrincipalMatcher(statement.Principal);
    this.conditions = compileConditions(statement.Condition);
    this.decision = Object.freeze({ decision: this.deny ? 'ExplicitDeny' : 'Allow', statement: index, sid: statement.Sid ?? null });
  }

  /** `loweredAction` is the request action through String#toLowerCase. */
  coversAction(loweredAction: string): boolean {
    return this.actions.test(loweredAction) !== this.actionsNegated;
  }

  coversPrincipal(principal: string | undefined): boolean {
    return this.principal.test(principal);
  }

  coversResource(resource: string): boolean {
    return this.resources.test(resource) !== this.resourcesNegated;
  }

  /** All conditions hold (AND); a statement without conditions always holds. */
  conditionsHold(request: AuthorizationRequest): boolean {
    const conditions = this.conditions;
    if (conditions.length === 0) return true;
    const context = typeof request.context === 'object' && request.context !== null ? request.context : undefined;
    for (let i = 0; i < conditions.length; i++) if (!conditions[i]!.test(context)) return false;
    return true;
  }
}

function list(value: StringOrList | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
