import { readFileSync } from 'node:fs';
import { POLICIES_DIR } from './schema.js';

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

/**
 * The default endpoint policy (docs/control-plane.md), as compact JSON text:
 * `{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}`.
 */
export const DEFAULT_ENDPOINT_POLICY: string = JSON.stringify(
  JSON.parse(readFileSync(new URL('default-endpoint-policy.json', POLICIES_DIR), 'utf8')) as unknown,
);
