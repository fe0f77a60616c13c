import { CompiledStatement } from './compiled-statement.js';
import { decide, IMPLICIT_DENY } from './evaluate.js';
import { MatchCache } from './match-cache.js';
import type { AuthorizationRequest, CompiledPolicy, Decision, PolicyDocument } from './types.js';

/**
 * Compiling a validated document into matchers, once per policy change (docs/design/policy.md: "compiled
 * once per change, not interpreted per request"): one CompiledStatement per statement
 * (compiled-statement.ts), and per policy the caches of which statements an action or a principal hits.
 */

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
