/**
 * plinkd's RAM policy engine (docs/design/policy.md), as Cedar separates it:
 *   parse (parse.ts) → validate (schema.ts + validate-semantics.ts) → compile (compile.ts)
 *   → evaluate (evaluate.ts: the decision rule).
 * Callers validate once, compile once per policy change, and evaluate per request.
 */

export { validatePolicyDocument, type PolicyValidation } from './validate.js';
export { compilePolicy } from './compile.js';
export { MAX_POLICY_CHARACTERS } from './parse.js';
export type { AuthorizationRequest, CompiledPolicy, ContextValue, Decision, PolicyDocument, Statement } from './types.js';
export { DEFAULT_ENDPOINT_POLICY } from './default-endpoint-policy.js';
