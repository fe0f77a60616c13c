/**
 * The shape of a RAM policy document once it has passed validation.
 *
 * Grammar (Alibaba Cloud RAM, "Policy structure and syntax"):
 *   policy          = { "Version": "1", "Statement": [ <statement>, ... ] }
 *   <statement>     = { Effect, Action | NotAction, Resource | NotResource, Principal?, Condition? }
 *   <action_block>  = "*" | <action_string> | [ <action_string>, ... ]
 *   <condition_map> = { <operator>: { <condition_key>: <value> | [ <value>, ... ] } }
 * A single value and a one-element list are equivalent everywhere a list is allowed.
 */

export type Effect = 'Allow' | 'Deny';

/** One string or a non-empty list of strings (RAM: `"Action": x` ≡ `"Action": [x]`). */
export type StringOrList = string | string[];

/** A condition value as written in the policy: RAM allows strings, numbers and booleans. */
export type ConditionValue = string | number | boolean;

/** `{ "<operator>": { "<key>": value | [values] } }`. */
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>;

/**
 * Principal forms accepted in resource-based RAM policies (trust policies, endpoint policies):
 * `"*"`, `["*"]`, `{"RAM": "acs:ram::<uid>:root"}`, `{"RAM": [...]}`, and the `Service` /
 * `Federated` keys of trust policies.
 */
export type Principal = StringOrList | { RAM?: StringOrList; Service?: StringOrList; Federated?: StringOrList };

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Principal?: Principal;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: '1';
  Statement: Statement[];
}

/** A request value: what a caller may put in `context` for one condition key. */
export type ContextValue = string | number | boolean | string[];

export interface AuthorizationRequest {
  /** ARN of the caller, e.g. `acs:ram::1234567890123456:user/alice`; absent = anonymous. */
  principal?: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
}

export interface Decision {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** Index of the deciding statement; null for an implicit deny. */
  statement: number | null;
  /** The deciding statement's `Sid`; null for an implicit deny or a statement without one. */
  sid: string | null;
}

export interface CompiledPolicy {
  evaluate(request: AuthorizationRequest): Decision;
}
