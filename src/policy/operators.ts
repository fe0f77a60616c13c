/**
 * The condition operators RAM supports, as data (Alibaba Cloud RAM, "Conditional operators":
 * five families — string, number, date and time, Boolean, IP address).
 *
 * `negated` operators follow the missing-key rule the other way round: when the request does
 * not carry the key, a negated condition is true (docs/design/policy.md). With several policy values a
 * positive operator is an OR and a negated one is the negation of that OR (a NOR), which is
 * how the RAM/IAM family documents "not equal to any of".
 */

export type OperatorKind = 'string' | 'numeric' | 'date' | 'bool' | 'ip';

/** How two values of one kind compare; `like` is the wildcard match of StringLike. */
export type Comparison = 'eq' | 'eqIgnoreCase' | 'like' | 'lt' | 'le' | 'gt' | 'ge' | 'in';

export interface OperatorSpec {
  readonly kind: OperatorKind;
  readonly comparison: Comparison;
  readonly negated: boolean;
}

function op(kind: OperatorKind, comparison: Comparison, negated = false): OperatorSpec {
  return Object.freeze({ kind, comparison, negated });
}

export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map<string, OperatorSpec>([
  ['StringEquals', op('string', 'eq')],
  ['StringNotEquals', op('string', 'eq', true)],
  ['StringEqualsIgnoreCase', op('string', 'eqIgnoreCase')],
  ['StringNotEqualsIgnoreCase', op('string', 'eqIgnoreCase', true)],
  ['StringLike', op('string', 'like')],
  ['StringNotLike', op('string', 'like', true)],
  ['NumericEquals', op('numeric', 'eq')],
  ['NumericNotEquals', op('numeric', 'eq', true)],
  ['NumericLessThan', op('numeric', 'lt')],
  ['NumericLessThanEquals', op('numeric', 'le')],
  ['NumericGreaterThan', op('numeric', 'gt')],
  ['NumericGreaterThanEquals', op('numeric', 'ge')],
  ['DateEquals', op('date', 'eq')],
  ['DateNotEquals', op('date', 'eq', true)],
  ['DateLessThan', op('date', 'lt')],
  ['DateLessThanEquals', op('date', 'le')],
  ['DateGreaterThan', op('date', 'gt')],
  ['DateGreaterThanEquals', op('date', 'ge')],
  ['Bool', op('bool', 'eq')],
  ['IpAddress', op('ip', 'in')],
  ['NotIpAddress', op('ip', 'in', true)],
]);

/**
 * Global `acs:` keys whose value type is fixed, in their documented spelling. Condition key
 * names are case-insensitive (the RAM/IAM rule: `acs:sourceip` ≡ `acs:SourceIp`), so lookups
 * go through the lowercased name.
 */
export const KNOWN_KEYS: ReadonlyMap<string, { readonly canonical: string; readonly kinds: readonly OperatorKind[] }> = new Map(
  (
    [
      ['acs:SourceIp', ['ip', 'string']],
      ['acs:SourceVpc', ['string']],
      ['acs:SourceVpcEndpoint', ['string']],
      ['acs:SecureTransport', ['bool']],
      ['acs:CurrentTime', ['date']],
      ['acs:AccessId', ['string']],
      ['acs:MFAPresent', ['bool']],
    ] as const
  ).map(([canonical, kinds]) => [canonical.toLowerCase(), { canonical, kinds }]),
);
