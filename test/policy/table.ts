import { readFileSync } from 'node:fs';
import type { AuthorizationRequest, PolicyDocument, Statement } from '../../src/policy/index.js';

/** One row of the decision table: a policy, a request, and the answer it must get. */
export interface DecisionCase {
  name: string;
  policy: PolicyDocument;
  request: AuthorizationRequest;
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  statement: number | null;
}

export function doc(...statements: Statement[]): PolicyDocument {
  return { Version: '1', Statement: statements };
}

export function loadExample(name: string): PolicyDocument {
  const url = new URL(`../../policies/examples/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as PolicyDocument;
}

export const ANY_REQUEST: AuthorizationRequest = { action: 'oss:GetObject', resource: 'acs:oss:cn-hangzhou:1:b/k' };

/** A row whose expected answer is "statement 0 allows" or "nothing applies". */
export function allowsOrNot(name: string, policy: PolicyDocument, request: AuthorizationRequest, allows: boolean): DecisionCase {
  return allows
    ? { name, policy, request, decision: 'Allow', statement: 0 }
    : { name, policy, request, decision: 'ImplicitDeny', statement: null };
}

/**
 * A row testing one Condition block: a single `Allow * on *` statement carrying it, and a
 * request whose context is `context` (undefined = no context at all). `holds` says whether
 * the condition is true, i.e. whether the statement allows.
 */
export function condition(
  name: string,
  block: NonNullable<Statement['Condition']>,
  context: AuthorizationRequest['context'],
  holds: boolean,
): DecisionCase {
  const policy = doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: block });
  const request: AuthorizationRequest = context === undefined ? { ...ANY_REQUEST } : { ...ANY_REQUEST, context };
  return allowsOrNot(name, policy, request, holds);
}

/** A row testing Action / Resource matching: `Allow <actions> on <resources>`. */
export function match(
  name: string,
  statement: { Action?: string | string[]; Resource?: string | string[] },
  request: { action?: string; resource?: string },
  allows: boolean,
): DecisionCase {
  const policy = doc({ Effect: 'Allow', Action: statement.Action ?? '*', Resource: statement.Resource ?? '*' });
  return allowsOrNot(name, policy, { ...ANY_REQUEST, ...request }, allows);
}
