import type { AuthorizationRequest } from '../../../src/policy/index.js';
import { loadExample, type DecisionCase } from '../table.js';

const UID = '1234567890123456';
const typical = loadExample('typical-endpoint-policy');
const gateway = loadExample('oss-gateway-endpoint-policy');
const notRam = loadExample('everything-but-ram');

const secure = { 'acs:SecureTransport': true, 'acs:SourceIp': '10.0.0.5', 'acs:CurrentTime': '2026-05-01T12:00:00Z' };

function row(
  name: string,
  policy: typeof typical,
  request: AuthorizationRequest,
  decision: DecisionCase['decision'],
  statement: number | null,
): DecisionCase {
  return { name, policy, request, decision, statement };
}

/** The example policies in policies/examples/, as a service would query them. */
export const exampleCases: DecisionCase[] = [
  row(
    'typical: app account reads its data from 10/8',
    typical,
    { principal: `acs:ram::${UID}:user/app`, action: 'oss:GetObject', resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`, context: secure },
    'Allow',
    2,
  ),
  row(
    'typical: app account lists the bucket itself',
    typical,
    { principal: `acs:ram::${UID}:role/app`, action: 'oss:ListObjects', resource: `acs:oss:cn-hangzhou:${UID}:app-data`, context: secure },
    'Allow',
    2,
  ),
  row(
    'typical: app account from a public address',
    typical,
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'oss:GetObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: { ...secure, 'acs:SourceIp': '203.0.113.9' },
    },
    'ImplicitDeny',
    null,
  ),
  row(
    'typical: app account from fd00::/8',
    typical,
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'oss:PutObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: { ...secure, 'acs:SourceIp': 'FD00::1' },
    },
    'Allow',
    2,
  ),
  row(
    'typical: another account, app data',
    typical,
    {
      principal: 'acs:ram::9999999999999999:user/app',
      action: 'oss:GetObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: secure,
    },
    'ImplicitDeny',
    null,
  ),
  row(
    'typical: plain HTTP is denied first',
    typical,
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'oss:GetObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: { ...secure, 'acs:SecureTransport': false },
    },
    'ExplicitDeny',
    0,
  ),
  row(
    'typical: deletes are denied',
    typical,
    {
      principal: `acs:ram::${UID}:user/app`,
      action: 'OSS:DeleteObject',
      resource: `acs:oss:cn-hangzhou:${UID}:app-data/k`,
      context: secure,
    },
    'ExplicitDeny',
    1,
  ),
  row(
    'typical: anyone reads public-* buckets',
    typical,
    { action: 'oss:GetObjectAcl', resource: 'acs:oss:cn-beijing:42:public-assets/img/a.png', context: secure },
    'Allow',
    3,
  ),
  row(
    'typical: public-* is not writable',
    typical,
    { action: 'oss:PutObject', resource: 'acs:oss:cn-beijing:42:public-assets/a', context: secure },
    'ImplicitDeny',
    null,
  ),
  row(
    'typical: log shipper from the log VPC',
    typical,
    {
      principal: `acs:ram::${UID}:user/log-agent-7`,
      action: 'oss:PutObject',
      resource: `acs:oss:cn-hangzhou:${UID}:logs/2026/05/01.gz`,
      context: { ...secure, 'acs:SourceIp': '100.64.0.1', 'acs:SourceVpc': 'vpc-bp1logs' },
    },
    'Allow',
    4,
  ),
  row(
    'typical: log shipper from another VPC',
    typical,
    {
      principal: `acs:ram::${UID}:user/log-agent-7`,
      action: 'oss:PutObject',
      resource: `acs:oss:cn-hangzhou:${UID}:logs/x`,
      context: { ...secure, 'acs:SourceIp': '100.64.0.1', 'acs:SourceVpc': 'vpc-other' },
    },
    'ImplicitDeny',
    null,
  ),
  row(
    'typical: log shipper after 2030',
    typical,
    {
      principal: `acs:ram::${UID}:user/log-agent-7`,
      action: 'oss:PutObject',
      resource: `acs:oss:cn-hangzhou:${UID}:logs/x`,
      context: { ...secure, 'acs:SourceIp': '100.64.0.1', 'acs:SourceVpc': 'vpc-bp1logs', 'acs:CurrentTime': '2030-01-01T00:00:00Z' },
    },
    'ImplicitDeny',
    null,
  ),
  row(
    'gateway: other account bucket is denied',
    gateway,
    { action: 'oss:GetObject', resource: 'acs:oss:cn-hangzhou:42:corp-x/k' },
    'ExplicitDeny',
    0,
  ),
  row(
    'gateway: list with an allowed prefix',
    gateway,
    { action: 'oss:ListObjects', resource: `acs:oss:cn-hangzhou:${UID}:corp-reports`, context: { 'oss:Prefix': '2025/q1/' } },
    'Allow',
    1,
  ),
  row(
    'gateway: list with another prefix',
    gateway,
    { action: 'oss:ListObjects', resource: `acs:oss:cn-hangzhou:${UID}:corp-reports`, context: { 'oss:Prefix': '2023/' } },
    'ImplicitDeny',
    null,
  ),
  row(
    'gateway: read with MFA through the endpoint',
    gateway,
    {
      action: 'oss:GetObject',
      resource: `acs:oss:cn-hangzhou:${UID}:corp-data/k`,
      context: { 'acs:MFAPresent': 'true', 'acs:SourceVpcEndpoint': 'vpce-corp01' },
    },
    'Allow',
    2,
  ),
  row(
    'gateway: read without MFA',
    gateway,
    { action: 'oss:GetObject', resource: `acs:oss:cn-hangzhou:${UID}:corp-data/k`, context: { 'acs:SourceVpcEndpoint': 'vpce-corp01' } },
    'ImplicitDeny',
    null,
  ),
  row('not-ram: oss from 10/8', notRam, { action: 'oss:GetObject', resource: '*', context: { 'acs:SourceIp': '10.2.3.4' } }, 'Allow', 0),
  row(
    'not-ram: ram from 10/8',
    notRam,
    { action: 'ram:ListUsers', resource: '*', context: { 'acs:SourceIp': '10.2.3.4' } },
    'ImplicitDeny',
    null,
  ),
  row(
    'not-ram: oss from the internet',
    notRam,
    { action: 'oss:GetObject', resource: '*', context: { 'acs:SourceIp': '198.51.100.1' } },
    'ExplicitDeny',
    1,
  ),
  row('not-ram: no source address', notRam, { action: 'oss:GetObject', resource: '*' }, 'ExplicitDeny', 1),
  row(
    'not-ram: IPv6 documentation range',
    notRam,
    { action: 'oss:GetObject', resource: '*', context: { 'acs:SourceIp': '2001:0DB8:0:0::42' } },
    'Allow',
    0,
  ),
];
