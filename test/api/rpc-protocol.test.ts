import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalQuery, computeSignature, percentEncode, signatureMatches, stringToSign } from '../../src/api/rpc/signature.js';
import { ACCESS_KEYS, ACCOUNTS, cloudClient, errorCodeOf } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';

/** Signs parameters the way the cloud's SDKs do, for requests pop-core cannot be made to send. */
function signedUrl(apiUrl: string, secret: string, params: Record<string, string>): string {
  const map = new Map(Object.entries(params));
  map.set('Signature', computeSignature(secret, stringToSign('GET', map)));
  return `${apiUrl}/?${[...map].map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}`;
}

function commonParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Action: 'DescribeVpcs',
    Version: '2016-04-28',
    Format: 'JSON',
    RegionId: 'cn-hangzhou',
    AccessKeyId: ACCOUNTS.consumer.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: `nonce-${Math.random()}`,
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...overrides,
  };
}

describe('signature v1', () => {
  it("percent-encodes as the SDKs do (RFC 3986 plus !'()*)", () => {
    expect(percentEncode("a b!'()*~/:")).toBe('a%20b%21%27%28%29%2A~%2F%3A');
    expect(percentEncode('中')).toBe('%E4%B8%AD');
  });

  it('canonicalizes sorted parameters without Signature', () => {
    const params = new Map([
      ['b', '2'],
      ['Signature', 'x'],
      ['a', '1 2'],
    ]);
    expect(canonicalQuery(params)).toBe('a=1%202&b=2');
    expect(stringToSign('get', params)).toBe('GET&%2F&a%3D1%25202%26b%3D2');
  });

  it('matches signatures exactly and in canonical base64 only', () => {
    const mac = computeSignature('secret', 'text');
    expect(signatureMatches(mac, mac)).toBe(true);
    expect(signatureMatches(mac, computeSignature('secret2', 'text'))).toBe(false);
    expect(signatureMatches(mac, `${mac}!`)).toBe(false);
    expect(signatureMatches(mac, '')).toBe(false);
  });
});

describe('RPC protocol against a running plinkd', () => {
  let plinkd: PlinkdProcess;
  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS });
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  it('accepts pop-core over GET and POST', async () => {
    const client = cloudClient(plinkd.apiUrl, 'consumer', 'vpc');
    const viaGet = await client.request<{ RequestId: string }>('DescribeVpcs', { RegionId: 'cn-hangzhou' });
    const viaPost = await client.request<{ RequestId: string }>('DescribeVpcs', { RegionId: 'cn-hangzhou' }, { method: 'POST' });
    expect(viaGet.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(viaPost.RequestId).not.toBe(viaGet.RequestId);
  });

  it('refuses a replayed request (same nonce) with SignatureNonceUsed', async () => {
    const client = new RPCClient({
      endpoint: plinkd.apiUrl,
      apiVersion: '2016-04-28',
      accessKeyId: ACCOUNTS.consumer.accessKeyId,
      accessKeySecret: ACCOUNTS.consumer.secret,
    });
    // pop-core's verbose mode returns the URL it sent; sending it again is a replay.
    const verbose = new (RPCClient as unknown as new (c: RPCClient.Config, v: boolean) => RPCClient)(
      {
        endpoint: plinkd.apiUrl,
        apiVersion: '2016-04-28',
        accessKeyId: ACCOUNTS.consumer.accessKeyId,
        accessKeySecret: ACCOUNTS.consumer.secret,
      },
      true,
    );
    const [, entry] = (await verbose.request('DescribeVpcs', { RegionId: 'cn-hangzhou' })) as unknown as [unknown, { url: string }];
    const replay = await fetch(entry.url);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { Code: string }).Code).toBe('SignatureNonceUsed');
    expect(await client.request('DescribeVpcs', { RegionId: 'cn-hangzhou' })).toHaveProperty('Vpcs');
  });

  it('refuses timestamps outside ±15 minutes and malformed ones', async () => {
    const secret = ACCOUNTS.consumer.secret;
    const stale = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const future = new Date(Date.now() + 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const [timestamp, code] of [
      [stale, 'InvalidTimeStamp.Expired'],
      [future, 'InvalidTimeStamp.Expired'],
      ['2026-13-45 99:00', 'InvalidTimeStamp.Format'],
    ] as const) {
      const response = await fetch(signedUrl(plinkd.apiUrl, secret, commonParams({ Timestamp: timestamp })));
      expect(((await response.json()) as { Code: string }).Code).toBe(code);
    }
    const fresh = await fetch(signedUrl(plinkd.apiUrl, secret, commonParams()));
    expect(fresh.status).toBe(200);
  });

  it('answers protocol errors in the cloud error body', async () => {
    const response = await fetch(signedUrl(plinkd.apiUrl, ACCOUNTS.consumer.secret, commonParams({ Version: '1999-01-01' })));
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(body['Code']).toBe('InvalidVersion');
    const missing = await fetch(`${plinkd.apiUrl}/?Version=2016-04-28&Action=DescribeVpcs`);
    expect(((await missing.json()) as { Code: string }).Code).toBe('MissingParam.AccessKeyId');
    const duplicate = await fetch(`${plinkd.apiUrl}/?Action=DescribeVpcs&Action=CreateVpc`);
    expect(((await duplicate.json()) as { Code: string }).Code).toBe('IllegalParamFormat.Action');
  });

  it('refuses an unserved region and oversized bodies', async () => {
    const client = cloudClient(plinkd.apiUrl, 'consumer', 'vpc');
    expect(await errorCodeOf(client.request('DescribeVpcs', { RegionId: 'mars-north-1' }))).toBe('InvalidRegionId.NotFound');
    const big = await fetch(`${plinkd.apiUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=DescribeVpcs&Pad=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(big.status).toBe(413);
    // The server is still there.
    expect(await client.request('DescribeVpcs', { RegionId: 'cn-hangzhou' })).toHaveProperty('TotalCount');
  });

  it('never logs a secret', () => {
    for (const account of Object.values(ACCOUNTS)) expect(plinkd.output()).not.toContain(account.secret);
  });
});
