import { compileConditions, type CompiledCondition } from './conditions.js';
import { decide, IMPLICIT_DENY } from './evaluate.js';
import { PrincipalMatcher } from './principal.js';
import type { AuthorizationRequest, CompiledPolicy, Decision, PolicyDocument, Statement, StringOrList } from './types.js';
import { WildcardSet } from './wildcard.js';

/**
 * Compiling a validated document into matchers, once per policy change (SPEC §5: "compiled
 * once per change, not interpreted per request"). Actions fold case (`oss:GetObject` ≡
 * `OSS:getobject`); resources and principals are case-sensitive.
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
    this.decision = Object.freeze({ decision: this.deny ? 'ExplicitDeny' : 'Allow', statement: index });
  }

  /** Does this statement apply to the request? Cheapest tests first. */
  applies(request: AuthorizationRequest): boolean {
    const action = typeof request.action === 'string' ? request.action : '';
    if (this.actions.test(action) === this.actionsNegated) return false;
    const resource = typeof request.resource === 'string' ? request.resource : '';
    if (this.resources.test(resource) === this.resourcesNegated) return false;
    if (!this.principal.test(request.principal)) return false;
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

class Policy implements CompiledPolicy {
  constructor(private readonly statements: readonly CompiledStatement[]) {}

  evaluate(request: AuthorizationRequest): Decision {
    // Typed callers never pass a non-object, but HTTP-fed and fuzzed ones may: never throw.
    if (typeof request !== 'object' || request === null) return IMPLICIT_DENY;
    return decide(this.statements, request);
  }
}

/**
 * Compiles a document that `validatePolicyDocument` accepted. Throws on values that
 * validation would have refused (a caller that skips validation gets an error, not a
 * silently wrong policy).
 */
export function compilePolicy(document: PolicyDocument): CompiledPolicy {
  return new Policy(document.Statement.map((statement, index) => new CompiledStatement(statement, index)));
}
