import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, ACCOUNTS, cloudClient, errorCodeOf, type CloudError } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork } from '../../helpers/scenario.js';

type Line = Record<string, unknown>;

/** The log lines with this `msg` printed so far. */
function linesWithMsg(plinkd: PlinkdProcess, msg: string): Line[] {
  const marker = `"msg":"${msg}"`;
  return plinkd
    .output()
    .split('\n')
    .filter((line) => line.includes(marker))
    .map((line) => JSON.parse(line) as Line);
}

/** The access log's lines of the cloud API printed so far. */
const accessLines = (plinkd: PlinkdProcess): Line[] => linesWithMsg(plinkd, 'api call');

/** Waits for the line of one request (the log line is written as the reply goes out). */
async function lineOf(plinkd: PlinkdProcess, requestId: string): Promise<Line> {
  for (let i = 0; i < 100; i++) {
    const line = accessLines(plinkd).find((l) => l['requestId'] === requestId);
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access log line for ${requestId}:\n${plinkd.output()}`);
}

const TOKEN = 'access-log-token-0123456789abcdef';

/** The /v1 lines printed so far (the policy API and the operator views). */
const v1Lines = (plinkd: PlinkdProcess): Line[] => linesWithMsg(plinkd, 'v1 call');

/** Waits until `count` /v1 lines are printed (each is written as its reply goes out). */
async function v1LinesUntil(plinkd: PlinkdProcess, count: number): Promise<Line[]> {
  for (let i = 0; i < 100; i++) {
    const lines = v1Lines(plinkd);
    if (lines.length >= count) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} /v1 access log lines:\n${plinkd.output()}`);
}

const V1_FIELDS = ['level', 'time', 'component', 'msg', 'method', 'path', 'code', 'status', 'latencyMs'];

const FIELDS = ['level', 'time', 'component', 'msg', 'requestId', 'action', 'version', 'uid', 'accessKeyId', 'code', 'status', 'latencyMs'];

/**
 * docs/api.md "Access log": one JSON line per cloud-API call, answered or refused, at info
 * and on by default — action, caller, code, HTTP status, latency and request id, never the
 * AccessKeySecret or the signature; `--access-log false` mutes it.
 */
describe('API access log', () => {
  let plinkd: PlinkdProcess;

  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, apiTokens: TOKEN });
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  it('writes one line per answered call with the caller, the action and the time taken', async () => {
    const consumer = cloudClient(plinkd.apiUrl, 'consumer', 'vpc');
    const reply = (await consumer.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }, { method: 'POST' })) as { RequestId: string };
    const line = await lineOf(plinkd, reply.RequestId);
    expect(line).toMatchObject({
      level: 'info',
      component: 'access',
      action: 'DescribeVpcs',
      version: '2016-04-28',
      uid: ACCOUNTS.consumer.uid,
      accessKeyId: ACCOUNTS.consumer.accessKeyId,
      code: 'OK',
      status: 200,
    });
    expect(line['latencyMs']).toBeGreaterThan(0);
    expect(line['latencyMs']).toBeLessThan(10_000);
    expect(Object.keys(line).sort()).toEqual([...FIELDS].sort());
  });

  it('logs refused calls with their code and status, and the caller only once authenticated', async () => {
    const wrongSecret = new RPCClient({
      endpoint: plinkd.apiUrl,
      apiVersion: '2016-04-28',
      accessKeyId: ACCOUNTS.consumer.accessKeyId,
      accessKeySecret: 'not-the-secret-at-all',
    });
    const refused = await wrongSecret.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }).catch((err: unknown) => err as CloudError);
    expect(refused).toMatchObject({ code: 'SignatureDoesNotMatch' });
    const line = await lineOf(plinkd, (refused as CloudError).data.RequestId);
    expect(line).toMatchObject({ action: 'DescribeVpcs', code: 'SignatureDoesNotMatch', status: 400 });
    expect(line['uid']).toBeUndefined();

    const operatorOnly = cloudClient(plinkd.apiUrl, 'consumer', 'operator');
    const forbidden = await operatorOnly.request('CreateAccount', {}).catch((err: unknown) => err as CloudError);
    expect((forbidden as CloudError).code).toBe('Forbidden.RAM');
    expect(await lineOf(plinkd, (forbidden as CloudError).data.RequestId)).toMatchObject({
      uid: ACCOUNTS.consumer.uid,
      code: 'Forbidden.RAM',
      status: 403,
    });

    const noAction = await fetch(`${plinkd.apiUrl}/?Version=2016-04-28`);
    const body = (await noAction.json()) as { RequestId: string; Code: string };
    expect(body.Code).toBe('MissingParam.Action');
    expect(await lineOf(plinkd, body.RequestId)).toMatchObject({ code: body.Code, status: noAction.status });
  });

  it('never writes a secret or a signature', async () => {
    await errorCodeOf(cloudClient(plinkd.apiUrl, 'provider', 'vpc').request('DescribeVpcs', { RegionId: 'nowhere-1' }));
    const output = plinkd.output();
    for (const account of Object.values(ACCOUNTS)) expect(output).not.toContain(account.secret);
    expect(output).not.toContain('not-the-secret-at-all');
    expect(output).not.toMatch(/Signature=|"signature"|SignatureNonce/i);
  });

  it('writes one line per /v1 call, answered or refused (answered decisions excepted), naming the route and never the bearer token', async () => {
    const v1 = (path: string, body: unknown, token: string): Promise<Response> =>
      fetch(`${plinkd.apiUrl}${path}?token=${token}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // A connected endpoint (default policy: allow all) for an answered decision.
    const provider = clientsFor(plinkd.apiUrl, 'provider');
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const network = await createNetwork(consumer);
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    const { endpointId } = await createConnectedEndpoint(consumer, network, serviceId);
    const before = v1Lines(plinkd).length;
    const denied = await v1(
      '/v1/authorize',
      { endpointId: 'ep-nothere', action: 'oss:GetObject', resource: 'acs:oss:*:1:bucket/key' },
      TOKEN,
    );
    expect(denied.status).toBe(404);
    const valid = await v1('/v1/policies:validate', { policyDocument: '{"Version":"1","Statement":[]}' }, TOKEN);
    expect(valid.status).toBe(200);
    const wrongToken = 'wrong-token-0123456789abcdef';
    expect((await v1('/v1/authorize', {}, wrongToken)).status).toBe(401);
    const lookup = await fetch(`${plinkd.apiUrl}/v1/topology`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(lookup.status).toBe(200);
    // An answered decision is the data plane: not written (docs/api.md "Access log").
    const decided = await v1('/v1/authorize', { endpointId, action: 'oss:GetObject', resource: 'acs:oss:*:1:bucket/key' }, TOKEN);
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as { decision: string }).decision).toBe('Allow');
    const refusedAfter = await v1(
      '/v1/authorize',
      { endpointId: 'ep-nothere2', action: 'oss:GetObject', resource: 'acs:oss:*:1:bucket/key' },
      TOKEN,
    );
    expect(refusedAfter.status).toBe(404);

    const lines = (await v1LinesUntil(plinkd, before + 5)).slice(before);
    expect(lines).toEqual([
      expect.objectContaining({ component: 'access', method: 'POST', path: '/v1/authorize', code: 'EndpointNotFound', status: 404 }),
      expect.objectContaining({ method: 'POST', path: '/v1/policies:validate', code: 'OK', status: 200 }),
      expect.objectContaining({ method: 'POST', path: '/v1/authorize', code: 'Unauthorized', status: 401 }),
      expect.objectContaining({ method: 'GET', path: '/v1/topology', code: 'OK', status: 200 }),
      expect.objectContaining({ method: 'POST', path: '/v1/authorize', code: 'EndpointNotFound', status: 404 }),
    ]);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual([...V1_FIELDS].sort());
      expect(line['latencyMs']).toBeGreaterThan(0);
    }
    const output = plinkd.output();
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(wrongToken);
  });

  it('is muted by --access-log false', async () => {
    const quiet = await startPlinkd({ accessKeys: ACCESS_KEYS, extraArgs: ['--access-log', 'false'] });
    try {
      await cloudClient(quiet.apiUrl, 'consumer', 'vpc').request('DescribeVpcs', { RegionId: 'cn-hangzhou' });
      expect(quiet.output()).toMatch(/"msg":"ready"/);
      expect(accessLines(quiet)).toEqual([]);
      await fetch(`${quiet.apiUrl}/v1/authorize`, { method: 'POST', body: '{}' });
      expect(v1Lines(quiet)).toEqual([]);
    } finally {
      await quiet.stop();
    }
  });
});
