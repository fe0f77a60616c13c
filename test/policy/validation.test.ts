import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINT_POLICY, MAX_POLICY_CHARACTERS, compilePolicy, validatePolicyDocument } from '../../src/policy/index.js';

const allow = { Effect: 'Allow', Action: '*', Resource: '*' };
const policy = (...statements: unknown[]) => ({ Version: '1', Statement: statements });
const withCondition = (condition: unknown) => policy({ ...allow, Condition: condition });

/** [what is wrong, document (text or value), fragment the message must contain]. */
const malformed: Array<[string, unknown, string]> = [
  ['not JSON', '{"Version": "1",', 'not valid JSON'],
  ['empty text', '   ', 'empty'],
  ['a JSON array', '[]', 'must be a JSON object'],
  ['a JSON string', '"policy"', 'must be a JSON object'],
  ['no Version', { Statement: [allow] }, 'Version: is required'],
  ['Version 2', { Version: '2', Statement: [allow] }, 'Version: must be "1"'],
  ['Version as a number', { Version: 1, Statement: [allow] }, 'Version: must be "1"'],
  ['no Statement', { Version: '1' }, 'Statement: is required'],
  ['empty Statement', policy(), 'Statement: must be a non-empty list'],
  ['Statement not a list', { Version: '1', Statement: allow }, 'Statement: must be a non-empty list'],
  ['unknown top-level element', { ...policy(allow), Id: 'x' }, 'Id: unknown element'],
  ['missing Effect', policy({ Action: '*', Resource: '*' }), 'Statement[0].Effect: is required'],
  ['lower-case effect', policy({ ...allow, Effect: 'allow' }), 'Statement[0].Effect: must be "Allow" or "Deny"'],
  ['Effect Permit', policy(allow, { ...allow, Effect: 'Permit' }), 'Statement[1].Effect: must be "Allow" or "Deny"'],
  ['Action and NotAction', policy({ ...allow, NotAction: 'ram:*' }), 'Statement[0]: Action and NotAction are mutually exclusive'],
  ['neither Action nor NotAction', policy({ Effect: 'Deny', Resource: '*' }), 'Statement[0]: one of Action or NotAction is required'],
  ['Resource and NotResource', policy({ ...allow, NotResource: '*' }), 'Statement[0]: Resource and NotResource are mutually exclusive'],
  [
    'neither Resource nor NotResource',
    policy({ Effect: 'Allow', Action: '*' }),
    'Statement[0]: one of Resource or NotResource is required',
  ],
  ['unknown statement element', policy({ ...allow, Actions: '*' }), 'Statement[0].Actions: unknown element'],
  ['empty Action list', policy({ ...allow, Action: [] }), 'Statement[0].Action: must be a non-empty string or a non-empty list'],
  ['empty action string', policy({ ...allow, Action: ['oss:GetObject', ''] }), 'Statement[0].Action[1]: must be a non-empty string'],
  ['Action as a number', policy({ ...allow, Action: 5 }), 'Statement[0].Action: must be a non-empty string or'],
  ['action without service', policy({ ...allow, Action: 'GetObject' }), "Statement[0].Action: invalid action 'GetObject'"],
  ['action with spaces', policy({ ...allow, Action: ['oss:Get Object'] }), "Statement[0].Action[0]: invalid action 'oss:Get Object'"],
  ['resource without acs scheme', policy({ ...allow, Resource: 'oss:bucket/*' }), "Statement[0].Resource: invalid resource 'oss:bucket/*'"],
  [
    'resource with too few fields',
    policy({ ...allow, Resource: ['acs:oss:bucket'] }),
    "Statement[0].Resource[0]: invalid resource 'acs:oss:bucket'",
  ],
  [
    'NotResource malformed',
    policy({ Effect: 'Deny', Action: '*', NotResource: 'bucket' }),
    "Statement[0].NotResource: invalid resource 'bucket'",
  ],
  ['Principal AWS key', policy({ ...allow, Principal: { AWS: '*' } }), 'Statement[0].Principal.AWS: unknown element'],
  ['Principal as a number', policy({ ...allow, Principal: 7 }), 'Statement[0].Principal: must be "*"'],
  ['Principal empty object', policy({ ...allow, Principal: {} }), 'Statement[0].Principal: must be "*"'],
  ['Principal not an ARN', policy({ ...allow, Principal: { RAM: ['alice'] } }), "Statement[0].Principal.RAM[0]: invalid principal 'alice'"],
  ['Condition not an object', withCondition('IpAddress'), 'Statement[0].Condition: must be an object'],
  [
    'unknown operator',
    withCondition({ StringEqual: { 'acs:SourceVpc': 'v' } }),
    "Statement[0].Condition: unknown condition operator 'StringEqual'",
  ],
  [
    'operator name is case-sensitive',
    withCondition({ ipaddress: { 'acs:SourceIp': '10.0.0.0/8' } }),
    "unknown condition operator 'ipaddress'",
  ],
  [
    'operator with no keys',
    withCondition({ StringEquals: {} }),
    'Statement[0].Condition.StringEquals: an operator must map condition keys to values',
  ],
  [
    'key without a service',
    withCondition({ StringEquals: { SourceVpc: 'v' } }),
    "Statement[0].Condition.StringEquals.SourceVpc: invalid condition key 'SourceVpc'",
  ],
  [
    'empty value list',
    withCondition({ StringEquals: { 'acs:SourceVpc': [] } }),
    'Statement[0].Condition.StringEquals.acs:SourceVpc: condition values must be',
  ],
  [
    'object as a value',
    withCondition({ StringEquals: { 'acs:SourceVpc': [{}] } }),
    'Statement[0].Condition.StringEquals.acs:SourceVpc[0]: condition values must be a string',
  ],
  [
    'number for a string operator',
    withCondition({ StringEquals: { 'acs:SourceVpc': 5 } }),
    'Statement[0].Condition.StringEquals.acs:SourceVpc: must be a string, got number 5',
  ],
  [
    'invalid CIDR in a list',
    policy(allow, allow, { ...allow, Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '10.0.0.300/8'] } } }),
    "Statement[2].Condition.IpAddress.acs:SourceIp: invalid CIDR '10.0.0.300/8'",
  ],
  [
    'CIDR prefix too long',
    withCondition({ IpAddress: { 'acs:SourceIp': '10.0.0.0/33' } }),
    "Statement[0].Condition.IpAddress.acs:SourceIp: invalid CIDR '10.0.0.0/33'",
  ],
  ['IPv6 prefix too long', withCondition({ NotIpAddress: { 'acs:SourceIp': '2001:db8::/129' } }), "invalid CIDR '2001:db8::/129'"],
  ['IPv6 with two "::"', withCondition({ IpAddress: { 'acs:SourceIp': '2001::db8::/32' } }), "invalid CIDR '2001::db8::/32'"],
  ['CIDR as a number', withCondition({ IpAddress: { 'acs:SourceIp': 10 } }), 'invalid CIDR 10'],
  [
    'date not ISO 8601',
    withCondition({ DateLessThan: { 'acs:CurrentTime': '12/08/2019' } }),
    "Statement[0].Condition.DateLessThan.acs:CurrentTime: invalid ISO 8601 date '12/08/2019'",
  ],
  [
    'date with month 13',
    withCondition({ DateEquals: { 'acs:CurrentTime': '2019-13-01T00:00:00Z' } }),
    "invalid ISO 8601 date '2019-13-01T00:00:00Z'",
  ],
  ['date February 30', withCondition({ DateEquals: { 'acs:CurrentTime': '2019-02-30' } }), "invalid ISO 8601 date '2019-02-30'"],
  [
    'number that is not one',
    withCondition({ NumericLessThan: { 'oss:MaxKeys': 'ten' } }),
    "Statement[0].Condition.NumericLessThan.oss:MaxKeys: invalid number 'ten'",
  ],
  [
    'Bool value yes',
    withCondition({ Bool: { 'acs:SecureTransport': 'yes' } }),
    "Statement[0].Condition.Bool.acs:SecureTransport: invalid Bool value 'yes'",
  ],
  [
    'IpAddress on a date key',
    withCondition({ IpAddress: { 'acs:CurrentTime': '10.0.0.0/8' } }),
    'operator IpAddress does not apply to acs:CurrentTime, a date key',
  ],
  [
    'StringEquals on a bool key',
    withCondition({ StringEquals: { 'acs:securetransport': 'true' } }),
    'operator StringEquals does not apply to acs:SecureTransport, a bool key',
  ],
  ['document over 6,144 characters', policy({ ...allow, Sid: 'x'.repeat(MAX_POLICY_CHARACTERS) }), 'the limit is 6144'],
];

describe('validatePolicyDocument refuses malformed documents', () => {
  it.each(malformed)('%s', (_what, input, fragment) => {
    const result = validatePolicyDocument(typeof input === 'string' ? input : JSON.stringify(input));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('MalformedPolicyDocument');
    expect(result.message).toContain(fragment);
  });

  it('names the statement and key of a bad CIDR (the example of docs/design/policy.md)', () => {
    const input = policy(allow, allow, { ...allow, Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.300/8' } } });
    const result = validatePolicyDocument(input);
    expect(result).toEqual({
      ok: false,
      code: 'MalformedPolicyDocument',
      message: "Statement[2].Condition.IpAddress.acs:SourceIp: invalid CIDR '10.0.0.300/8'",
    });
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    const base = JSON.stringify(policy({ ...allow, Sid: '' }));
    const room = MAX_POLICY_CHARACTERS - base.length;
    const astral = JSON.stringify(policy({ ...allow, Sid: '😀'.repeat(room) }));
    expect(astral.length).toBeGreaterThan(MAX_POLICY_CHARACTERS);
    expect(validatePolicyDocument(astral).ok).toBe(true);
    const tooLong = JSON.stringify(policy({ ...allow, Sid: '😀'.repeat(room + 1) }));
    expect(validatePolicyDocument(tooLong).ok).toBe(false);
  });

  it('does not throw on values JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const input of [undefined, () => 1, Symbol('x'), cyclic, 10n]) {
      const result = validatePolicyDocument(input);
      expect(result.ok).toBe(false);
    }
  });
});

describe('validatePolicyDocument accepts well-formed documents', () => {
  it('accepts the default endpoint policy, byte for byte as docs/control-plane.md writes it', () => {
    expect(DEFAULT_ENDPOINT_POLICY).toBe('{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}');
    const result = validatePolicyDocument(DEFAULT_ENDPOINT_POLICY);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.text).toBe(DEFAULT_ENDPOINT_POLICY);
  });

  it.each(readdirSync(new URL('../../policies/examples/', import.meta.url)))('accepts policies/examples/%s', (file) => {
    const text = readFileSync(new URL(`../../policies/examples/${file}`, import.meta.url), 'utf8');
    const result = validatePolicyDocument(text);
    expect(result).toMatchObject({ ok: true, text });
  });

  it('takes an already-parsed object and returns its JSON text', () => {
    const input = policy({ ...allow, Condition: { NumericLessThan: { 'oss:MaxKeys': 100 } } });
    const result = validatePolicyDocument(input);
    expect(result).toEqual({ ok: true, document: input, text: JSON.stringify(input) });
  });

  it('returns a copy: changing the input later does not change the document', () => {
    const input = policy({ ...allow });
    const result = validatePolicyDocument(input);
    (input.Statement[0] as { Effect: string }).Effect = 'Deny';
    expect(result.ok && result.document.Statement[0]?.Effect).toBe('Allow');
  });

  it('accepts every operator with a value of its type, and compiles the result', () => {
    const condition = {
      StringEquals: { 'acs:SourceVpc': 'vpc-a' },
      StringNotEquals: { 'acs:AccessId': ['a', 'b'] },
      StringEqualsIgnoreCase: { 'acs:SourceVpcEndpoint': 'EP-1' },
      StringNotEqualsIgnoreCase: { 'oss:Delimiter': '/' },
      StringLike: { 'oss:Prefix': 'a/*' },
      StringNotLike: { 'oss:Prefix': 'tmp/?' },
      NumericEquals: { 'oss:MaxKeys': 1 },
      NumericNotEquals: { 'oss:MaxKeys': '2' },
      NumericLessThan: { 'oss:MaxKeys': 3.5 },
      NumericLessThanEquals: { 'oss:MaxKeys': -4 },
      NumericGreaterThan: { 'oss:MaxKeys': '1e2' },
      NumericGreaterThanEquals: { 'oss:MaxKeys': 0 },
      DateEquals: { 'acs:CurrentTime': '2020-01-01' },
      DateNotEquals: { 'acs:CurrentTime': '2020-01-01T00:00:00.123+08:00' },
      DateLessThan: { 'acs:CurrentTime': '2030-01-01T00:00Z' },
      DateLessThanEquals: { 'acs:CurrentTime': 1893456000 },
      DateGreaterThan: { 'acs:CurrentTime': '2019-08-12T17:00:00+08:00' },
      DateGreaterThanEquals: { 'acs:CurrentTime': '2019-08-12t17:00:00-0130' },
      Bool: { 'acs:SecureTransport': true, 'acs:MFAPresent': 'FALSE' },
      IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '::ffff:1.2.3.4', '2001:DB8::/32', '::'] },
      NotIpAddress: { 'acs:SourceIp': '0.0.0.0/0' },
    };
    const result = validatePolicyDocument(withCondition(condition));
    if (!result.ok) throw new Error(result.message);
    expect(() => compilePolicy(result.document)).not.toThrow();
  });

  it('accepts every Principal form', () => {
    const forms = ['*', ['*'], { RAM: 'acs:ram::1:root' }, { RAM: ['acs:ram::1:user/a', '2'] }, { Service: 'ecs.aliyuncs.com' }];
    for (const Principal of forms) expect(validatePolicyDocument(policy({ ...allow, Principal })).ok).toBe(true);
  });
});
