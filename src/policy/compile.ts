import { compileConditions, type CompiledCondition } from './conditions.js';
import { decide, IMPLICIT_DENY } from './evaluate.js';
import { MatchCache } from './match-cache.js';
import { PrincipalMatcher } from './principal.js';
import type { AuthorizationRequest, CompiledPolicy, Decision, PolicyDocument, Statement, StringOrList } from './types.js';
import { WildcardSet } from './wildcard.js';

/**
 * Compiling a validated document into matchers, once per policy change (docs/design/policy.md: "compiled
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

class Policy implements CompiledPolicy {
  private readonly actionHits: MatchCache;
  private readonly principalHits: MatchCache;
  private readonly anonymousHits: Uint8Array;

  constructor(private readonly statements: readonly CompiledStatement[]) {
    const flags = (test: (statement: CompiledStatement) => boolean) => Uint8Array.from(statements, (s) => (test(s) ? 1 : 0));
    this.actionHits = new MatchCache((action) => {
      const lowered = action.toLowerCase();
      return flags((s) => s.coversAction(lowered));
    });
    this.principalHits = new MatchCache((principal) => flags((s) => s.coversPrincipal(principal)));
    this.anonymousHits = flags((s) => s.coversPrincipal(undefined));
  }

  evaluate(request: AuthorizationRequest): Decision {
    // Typed callers never pass a non-object, but HTTP-fed and fuzzed ones may: never throw.
    if (typeof request !== 'object' || request === null) return IMPLICIT_DENY;
    const action = typeof request.action === 'string' ? request.action : '';
    const principal = request.principal;
    return decide(
      this.statements,
      request,
      this.actionHits.get(action),
      typeof principal === 'string' ? this.principalHits.get(principal) : this.anonymousHits,
    );
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
