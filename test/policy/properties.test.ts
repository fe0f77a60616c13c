import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  validatePolicyDocument,
  type AuthorizationRequest,
  type Decision,
  type PolicyDocument,
  type Statement,
} from '../../src/policy/index.js';

/** Property tests of the decision rule (bounded runs; fast-check shrinks any counterexample). */

const RUNS = { numRuns: 400 };

const actionPatterns = ['*', 'oss:*', 'oss:Get*', 'oss:GetObject', 'OSS:putobject', 'ecs:Describe*', '*Object', 'oss:?etObject'];
const resourcePatterns = ['*', 'acs:oss:*:*:b/*', 'acs:oss:*:*:b', 'acs:oss:*:1:*', 'acs:*:k?y', 'acs:oss:*:*:b.c/(x)+'];
const principals: Array<Statement['Principal']> = ['*', ['*'], { RAM: 'acs:ram::1:root' }, { RAM: ['acs:ram::1:user/a*', '2'] }];
const conditions: Array<NonNullable<Statement['Condition']>> = [
  { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } },
  { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } },
  { Bool: { 'acs:SecureTransport': 'true' } },
  { StringEquals: { 'acs:SourceVpc': ['vpc-a', 'vpc-b'] }, DateLessThan: { 'acs:CurrentTime': '2030-01-01T00:00:00Z' } },
  { StringNotLike: { 'oss:Prefix': 'tmp/*' } },
  { NumericGreaterThan: { 'oss:MaxKeys': 10 } },
];

const patternList = (pool: string[]) =>
  fc.oneof(fc.constantFrom(...pool), fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }));

const statementArb: fc.Arbitrary<Statement> = fc
  .record({
    Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    actions: patternList(actionPatterns),
    notAction: fc.boolean(),
    resources: patternList(resourcePatterns),
    notResource: fc.boolean(),
    Principal: fc.option(fc.constantFrom(...principals), { nil: undefined }),
    Condition: fc.option(fc.constantFrom(...conditions), { nil: undefined }),
    Sid: fc.option(fc.constantFrom('AllowReads', 'DenyTmp', '', 'Statement 1'), { nil: undefined }),
  })
  .map(({ Effect, actions, notAction, resources, notResource, Principal, Condition, Sid }) => {
    const statement: Statement = { Effect };
    if (Sid !== undefined) statement.Sid = Sid;
    if (notAction) statement.NotAction = actions;
    else statement.Action = actions;
    if (notResource) statement.NotResource = resources;
    else statement.Resource = resources;
    if (Principal !== undefined) statement.Principal = Principal;
    if (Condition !== undefined) statement.Condition = Condition;
    return statement;
  });

const policyArb = fc.array(statementArb, { minLength: 1, maxLength: 6 }).map((Statement): PolicyDocument => ({ Version: '1', Statement }));

const requestArb: fc.Arbitrary<AuthorizationRequest> = fc.record(
  {
    principal: fc.constantFrom('acs:ram::1:user/alice', 'acs:ram::2:role/x', 'acs:ram::3:user/a'),
    action: fc.oneof(fc.constantFrom('oss:GetObject', 'oss:PutObject', 'ecs:DescribeInstances', 'ram:CreateUser'), fc.string()),
    resource: fc.oneof(
      fc.constantFrom('acs:oss:cn-hangzhou:1:b/k', 'acs:oss:r:1:b', 'acs:ecs:r:1:key', 'acs:oss:r:9:b.c/(x)+'),
      fc.string(),
    ),
    context: fc.record(
      {
        'acs:SourceIp': fc.constantFrom('10.1.1.1', '192.0.2.1', '2001:db8::1', '::ffff:10.0.0.1', 'bogus'),
        'acs:SecureTransport': fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'maybe')),
        'acs:SourceVpc': fc.constantFrom('vpc-a', 'vpc-c'),
        'acs:CurrentTime': fc.constantFrom('2026-01-01T00:00:00Z', '2031-01-01T00:00:00Z', 'not a date'),
        'oss:Prefix': fc.constantFrom('tmp/x', 'data/x'),
        'oss:MaxKeys': fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom('15', 'x')),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['action', 'resource'] },
);

function evaluate(policy: PolicyDocument, request: AuthorizationRequest): Decision {
  const validation = validatePolicyDocument(policy);
  if (!validation.ok) throw new Error(`generated policy is invalid: ${validation.message}`);
  return compilePolicy(validation.document).evaluate(request);
}

/** Reference semantics, statement by statement (no early exits): first Deny, else first Allow. */
function reference(policy: PolicyDocument, request: AuthorizationRequest): Decision {
  const applies = policy.Statement.map((statement) => {
    const alone = evaluate({ Version: '1', Statement: [{ ...statement, Effect: 'Allow' }] }, request);
    return alone.decision === 'Allow';
  });
  const deny = policy.Statement.findIndex((s, i) => s.Effect === 'Deny' && applies[i]);
  const sid = (index: number): string | null => policy.Statement[index]?.Sid ?? null;
  if (deny >= 0) return { decision: 'ExplicitDeny', statement: deny, sid: sid(deny) };
  const allow = policy.Statement.findIndex((s, i) => s.Effect === 'Allow' && applies[i]);
  return allow >= 0 ? { decision: 'Allow', statement: allow, sid: sid(allow) } : { decision: 'ImplicitDeny', statement: null, sid: null };
}

describe('decision rule properties', () => {
  it('agrees with statement-by-statement reference semantics', () => {
    fc.assert(
      fc.property(policyArb, requestArb, (policy, request) => {
        expect(evaluate(policy, request)).toEqual(reference(policy, request));
      }),
      RUNS,
    );
  });

  it('an explicit Deny always wins', () => {
    fc.assert(
      fc.property(policyArb, requestArb, fc.nat(), (policy, request, at) => {
        const position = at % (policy.Statement.length + 1);
        const statements = [...policy.Statement];
        statements.splice(position, 0, { Effect: 'Deny', Action: '*', Resource: '*' });
        const decision = evaluate({ Version: '1', Statement: statements }, request);
        expect(decision.decision).toBe('ExplicitDeny');
        expect(decision.statement).not.toBeNull();
        expect(decision.statement!).toBeLessThanOrEqual(position);
        expect(statements[decision.statement!]?.Effect).toBe('Deny');
      }),
      RUNS,
    );
  });

  it('adding an Allow never turns an ExplicitDeny into an Allow', () => {
    fc.assert(
      fc.property(policyArb, requestArb, statementArb, fc.nat(), (policy, request, extra, at) => {
        const before = evaluate(policy, request);
        const statements = [...policy.Statement];
        statements.splice(at % (statements.length + 1), 0, { ...extra, Effect: 'Allow' });
        const after = evaluate({ Version: '1', Statement: statements }, request);
        if (before.decision === 'ExplicitDeny') expect(after.decision).toBe('ExplicitDeny');
        if (before.decision === 'Allow') expect(after.decision).toBe('Allow');
      }),
      RUNS,
    );
  });

  it('evaluation never throws, whatever the request holds', () => {
    const policies = [
      { Version: '1', Statement: [{ Effect: 'Deny', NotAction: 'oss:*', Resource: '*', Condition: conditions[0] }] },
      { Version: '1', Statement: conditions.map((Condition) => ({ Effect: 'Allow', Action: '*', NotResource: 'acs:x:*:*:y', Condition })) },
      { Version: '1', Statement: [{ Effect: 'Allow', Principal: principals[3], Action: '*Object', Resource: 'acs:*:k?y' }] },
    ].map((document) => {
      const validation = validatePolicyDocument(document);
      if (!validation.ok) throw new Error(validation.message);
      return compilePolicy(validation.document);
    });
    const contextArb = fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'acs:SourceIp',
          'ACS:SOURCEIP',
          'acs:CurrentTime',
          'oss:Prefix',
          'oss:MaxKeys',
          'acs:SecureTransport',
          '__proto__',
          'constructor',
        ),
        fc.string(),
      ),
      fc.anything(),
    );
    const anyRequest = fc.oneof(
      fc.anything(),
      fc.record({ principal: fc.anything(), action: fc.anything(), resource: fc.anything(), context: fc.oneof(contextArb, fc.anything()) }),
      fc.record({ action: fc.string(), resource: fc.string(), context: contextArb }),
    );
    fc.assert(
      fc.property(anyRequest, (request) => {
        for (const policy of policies) {
          const decision = policy.evaluate(request as AuthorizationRequest);
          expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(decision.decision);
          expect(decision.decision === 'ImplicitDeny').toBe(decision.statement === null);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
