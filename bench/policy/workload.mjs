// The benchmark workload: the typical 5-statement endpoint policy of
// policies/examples/typical-endpoint-policy.json, a mix of requests that reach every
// statement, and the equivalent Cedar policies and requests for @cedar-policy/cedar-wasm.
import { readFileSync } from 'node:fs';

export const POLICY_TEXT = readFileSync(new URL('../../policies/examples/typical-endpoint-policy.json', import.meta.url), 'utf8');

const UID = '1234567890123456';
const secure = { 'acs:SecureTransport': true, 'acs:SourceIp': '10.0.0.5', 'acs:CurrentTime': '2026-05-01T12:00:00Z' };

/** [request, expected decision, expected statement] — checked before timing. */
export const REQUESTS = [
  [
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'oss:GetObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/img/1.png`,
      context: secure,
    },
    'Allow',
    2,
  ],
  [
    {
      principal: `acs:ram::${UID}:role/app`,
      action: 'oss:PutObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: { ...secure, 'acs:SourceIp': 'fd00::17' },
    },
    'Allow',
    2,
  ],
  [
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'oss:GetObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: { ...secure, 'acs:SourceIp': '203.0.113.9' },
    },
    'ImplicitDeny',
    null,
  ],
  [
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'oss:DeleteObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: secure,
    },
    'ExplicitDeny',
    1,
  ],
  [
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'oss:GetObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: { ...secure, 'acs:SecureTransport': false },
    },
    'ExplicitDeny',
    0,
  ],
  [{ action: 'oss:GetObject', resource: 'acs:oss:cn-beijing:42:public-assets/css/site.css', context: secure }, 'Allow', 3],
  [
    {
      principal: `acs:ram::${UID}:user/log-agent-3`,
      action: 'oss:PutObject',
      resource: `acs:oss:cn-hangzhou:${UID}:logs/2026/05/01/a.gz`,
      context: { ...secure, 'acs:SourceIp': '100.64.1.1', 'acs:SourceVpc': 'vpc-bp1logs' },
    },
    'Allow',
    4,
  ],
  [
    {
      principal: 'acs:ram::6543210987654321:user/x',
      action: 'ecs:DescribeInstances',
      resource: 'acs:ecs:cn-hangzhou:6543210987654321:instance/i-1',
      context: secure,
    },
    'ImplicitDeny',
    null,
  ],
];

/** The same five statements in Cedar. Actions are passed lowercased in the context (Cedar has no case-insensitive match). */
export const CEDAR_POLICIES = {
  s0: 'forbid(principal, action, resource) when { context.secureTransport == false };',
  s1: 'forbid(principal, action, resource) when { context.action == "oss:deleteobject" || context.action == "oss:deletebucket" };',
  s2: `permit(principal, action, resource) when {
    context.principal like "acs:ram::${UID}:*" &&
    (context.action == "oss:getobject" || context.action == "oss:putobject" || context.action == "oss:listobjects") &&
    (context.resource == "acs:oss:*:${UID}:app-data" || context.resource like "acs:oss:*:${UID}:app-data/*" || context.resource like "acs:oss:*:${UID}:app-data") &&
    (context.sourceIp.isInRange(ip("10.0.0.0/8")) || context.sourceIp.isInRange(ip("192.168.0.0/16")) || context.sourceIp.isInRange(ip("fd00::/8")))
  };`,
  s3: 'permit(principal, action, resource) when { context.action like "oss:get*" && context.resource like "acs:oss:*:*:public-*/*" };',
  s4: `permit(principal, action, resource) when {
    context.principal like "acs:ram::${UID}:user/log-*" && context.action == "oss:putobject" &&
    context.resource like "acs:oss:*:${UID}:logs/*" &&
    context has sourceVpc && context.sourceVpc == "vpc-bp1logs" && context.currentTime < 1893456000
  };`,
};

/** One plinkd request as a Cedar authorization call (built once, outside the timed loop). */
export function toCedarCall(request, preparsedPolicySetId) {
  const c = request.context;
  const context = {
    principal: request.principal ?? '',
    action: request.action.toLowerCase(),
    resource: request.resource,
    secureTransport: c['acs:SecureTransport'] === true,
    sourceIp: { __extn: { fn: 'ip', arg: c['acs:SourceIp'] } },
    currentTime: Math.floor(Date.parse(c['acs:CurrentTime']) / 1000),
  };
  if (c['acs:SourceVpc'] !== undefined) context.sourceVpc = c['acs:SourceVpc'];
  return {
    principal: { type: 'User', id: request.principal ?? 'anonymous' },
    action: { type: 'Action', id: context.action },
    resource: { type: 'Resource', id: request.resource },
    context,
    preparsedPolicySetId,
    entities: [],
  };
}

/** Cedar's answer in plinkd's terms: forbid → ExplicitDeny, permit → Allow, neither → ImplicitDeny. */
export function cedarDecision(answer) {
  if (answer.type !== 'success') throw new Error(`cedar failed: ${JSON.stringify(answer.errors)}`);
  const { decision, diagnostics } = answer.response;
  const reasons = diagnostics.reason.map((id) => Number(id.slice(1))).sort((a, b) => a - b);
  if (decision === 'allow') return ['Allow', reasons[0]];
  return reasons.length === 0 ? ['ImplicitDeny', null] : ['ExplicitDeny', reasons[0]];
}
