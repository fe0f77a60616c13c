import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import * as openApiCore from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalQueryV3,
  canonicalRequestV3,
  computeSignature,
  parseAuthorizationV3,
  percentEncode,
  signV3,
  stringToSign,
} from '../../src/api/rpc/signature.js';
import { ACCESS_KEYS, ACCOUNTS } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';

/**
 * Signature V3 (ACS3-HMAC-SHA256), checked three ways: against a signer written here from
 * the documented algorithm (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature)
 * with node:crypto alone, against the official SDK's own `OpenApiUtil.getAuthorization`, and
 * against a running plinkd with hand-made requests the SDK would never send.
 */

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const rfc3986 = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface Draft {
  method: 'GET' | 'POST';
  query: Array<[string, string]>;
  /** Header names in lowercase. */
  headers: Record<string, string>;
  body: string;
}

/** The documented algorithm, written out independently of src/. */
function documentedSignature(
  draft: Draft,
  signed: string[],
  accessKeyId: string,
  secret: string,
): { authorization: string; canonical: string } {
  const query = [...draft.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
  const headers = signed.map((name) => `${name}:${(draft.headers[name] ?? '').trim()}\n`).join('');
  const canonical = `${draft.method}\n/\n${query}\n${headers}\n${signed.join(';')}\n${sha256(draft.body)}`;
  const signature = createHmac('sha256', secret)
    .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
    .digest('hex');
  return {
    authorization: `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`,
    canonical,
  };
}

const fixedDraft = (): Draft => ({
  method: 'POST',
  query: [
    ['RegionId', 'cn-hangzhou'],
    ['VpcName', 'a b*c~d!'],
    ['Tag.1.Key', '中'],
  ],
  headers: {
    host: 'vpc.cn-hangzhou.aliyuncs.com',
    'x-acs-action': 'CreateVpc',
    'x-acs-version': '2016-04-28',
    'x-acs-date': '2026-11-25T08:30:00Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-content-sha256': sha256('CidrBlock=10.0.0.0%2F16'),
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: 'CidrBlock=10.0.0.0%2F16',
});

describe('signature V3 functions', () => {
  it('encode query names and values per RFC 3986 and sort by name', () => {
    expect(
      canonicalQueryV3([
        ['b', 'x y'],
        ['a', "*~!'()"],
        ['A', '中'],
      ]),
    ).toBe('A=%E4%B8%AD&a=%2A~%21%27%28%29&b=x%20y');
    expect(canonicalQueryV3([])).toBe('');
  });

  it('sign as the documented algorithm does', () => {
    const draft = fixedDraft();
    const expected = documentedSignature(draft, Object.keys(draft.headers).sort(), 'LTAIexample00001', 'example-secret');
    const ours = signV3({ ...draft, path: '/', accessKeyId: 'LTAIexample00001', secret: 'example-secret' });
    expect(ours).toBe(expected.authorization);
  });

  it('sign as the official SDK does (OpenApiUtil.getAuthorization), for its own request shape', () => {
    const draft = fixedDraft();
    const request = new $dara.Request();
    request.method = draft.method;
    request.pathname = '/';
    request.query = Object.fromEntries(draft.query);
    request.headers = { ...draft.headers, 'user-agent': 'AlibabaCloud (linux; x64) Node.js/v20', accept: 'application/json' };
    const sdk = openApiCore.OpenApiUtil.getAuthorization(
      request,
      'ACS3-HMAC-SHA256',
      sha256(draft.body),
      'LTAIexample00001',
      'example-secret',
    );
    // The TypeScript SDK signs host, content-type and the x-acs-* headers, not accept or user-agent.
    expect(sdk).toBe(signV3({ ...draft, path: '/', accessKeyId: 'LTAIexample00001', secret: 'example-secret' }));
  });

  it('rebuild the canonical request from the listed headers, repeated values sorted and joined', () => {
    const canonical = canonicalRequestV3({
      method: 'get',
      path: '/',
      query: [['Action', 'x']],
      headers: new Map([
        ['host', ['h:1']],
        ['x-acs-meta', [' b ', 'a']],
      ]),
      signedHeaders: ['host', 'x-acs-meta', 'x-acs-absent'],
      payloadHash: sha256(''),
    });
    expect(canonical).toBe(`GET\n/\nAction=x\nhost:h:1\nx-acs-meta:a,b\nx-acs-absent:\n\nhost;x-acs-meta;x-acs-absent\n${sha256('')}`);
  });

  it('read the Authorization header, or refuse its shape', () => {
    expect(parseAuthorizationV3('ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date, Signature=ab')).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'AK',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab',
    });
    for (const bad of [
      '',
      'ACS3-HMAC-SHA256',
      'ACS3-HMAC-SHA256 Credential=AK',
      'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host',
      'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab',
      'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=Host,Signature=ab',
      'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;host,Signature=ab',
      'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=ab,Signature=cd',
      'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=ab,Extra=1',
    ]) {
      expect(parseAuthorizationV3(bad), bad).toBeUndefined();
    }
  });
});

interface Reply {
  status: number;
  contentType: string;
  body: Record<string, string>;
}

describe('signature V3 against a running plinkd', () => {
  let plinkd: PlinkdProcess;
  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS });
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  const now = (offsetMs = 0): string => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let nonces = 0;

  /** A DescribeVpcs (GET, query) or CreateVpc (POST, form body) draft for this plinkd. */
  function draft(method: 'GET' | 'POST' = 'GET'): Draft {
    const body = method === 'POST' ? 'CidrBlock=10.77.0.0%2F16&VpcName=sig%20v3' : '';
    return {
      method,
      query: [['RegionId', 'cn-hangzhou']],
      headers: {
        host: `127.0.0.1:${plinkd.apiPort}`,
        'x-acs-action': method === 'POST' ? 'CreateVpc' : 'DescribeVpcs',
        'x-acs-version': '2016-04-28',
        'x-acs-date': now(),
        'x-acs-signature-nonce': `nonce-v3-${process.pid}-${++nonces}`,
        'x-acs-content-sha256': sha256(body),
        ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    };
  }

  const signed = (d: Draft, extra: string[] = [], account: keyof typeof ACCOUNTS = 'consumer'): Draft => {
    const names = [
      ...Object.keys(d.headers).filter((n) => n === 'host' || n === 'content-type' || n.startsWith('x-acs-')),
      ...extra,
    ].sort();
    const { authorization } = documentedSignature(d, names, ACCOUNTS[account].accessKeyId, ACCOUNTS[account].secret);
    return { ...d, headers: { ...d.headers, authorization } };
  };

  function send(d: Draft): Promise<Reply> {
    const query = d.query.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: plinkd.apiPort,
          method: d.method,
          path: `/?${query}`,
          headers: { ...d.headers, 'content-length': Buffer.byteLength(d.body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type']),
              body: JSON.parse(text) as Record<string, string>,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(d.body);
    });
  }

  const codeOf = async (d: Draft): Promise<string> => (await send(d)).body['Code'] ?? 'ok';

  it('accepts GET with a query and POST with a form body, extra signed headers included', async () => {
    const get = await send(signed(draft('GET')));
    expect(get.status).toBe(200);
    expect(get.body).toHaveProperty('TotalCount');
    const post = await send(signed(draft('POST')));
    expect(post.status).toBe(200);
    expect(post.body['VpcId']).toMatch(/^vpc-/);
    // Some SDKs also sign accept and user-agent: whatever SignedHeaders lists is rebuilt.
    const withMore = draft('GET');
    withMore.headers = { ...withMore.headers, accept: 'application/json', 'user-agent': 'AlibabaCloud (Java)' };
    expect(await codeOf(signed(withMore, ['accept', 'user-agent']))).toBe('ok');
  });

  it('refuses a tampered header, query or body with SignatureDoesNotMatch and the canonical request it computed', async () => {
    const header = signed(draft());
    header.headers['x-acs-date'] = now(1000);
    expect(await codeOf(header)).toBe('SignatureDoesNotMatch');

    const query = signed(draft());
    query.query = [['RegionId', 'cn-shanghai']];
    const reply = await send(query);
    expect(reply.status).toBe(400);
    expect(reply.body['Message']).toBe(
      `Specified signature is not matched with our calculation. server string to sign is:${documentedSignature(query, ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'], '', '').canonical}`,
    );

    const body = signed(draft('POST'));
    body.body = body.body.replace('10.77.', '10.78.');
    expect(await codeOf(body)).toBe('SignatureDoesNotMatch');
    body.headers['x-acs-content-sha256'] = sha256(body.body);
    expect(await codeOf(body)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a replayed nonce, shares the nonce store with v1, and lets no stranger burn a nonce', async () => {
    const request = signed(draft());
    expect(await codeOf(request)).toBe('ok');
    expect(await codeOf(request)).toBe('SignatureNonceUsed');

    const v1 = new Map(
      Object.entries({
        Action: 'DescribeVpcs',
        Version: '2016-04-28',
        Format: 'JSON',
        RegionId: 'cn-hangzhou',
        AccessKeyId: ACCOUNTS.consumer.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: request.headers['x-acs-signature-nonce']!,
        Timestamp: now(),
      }),
    );
    v1.set('Signature', computeSignature(ACCOUNTS.consumer.secret, stringToSign('GET', v1)));
    const v1Draft: Draft = { method: 'GET', query: [...v1], headers: {}, body: '' };
    expect(await codeOf(v1Draft)).toBe('SignatureNonceUsed');

    // Signed with a wrong secret, the request is refused before its nonce is taken.
    const fresh = draft();
    const forged = {
      ...fresh,
      headers: {
        ...fresh.headers,
        authorization: documentedSignature(
          fresh,
          ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'],
          ACCOUNTS.consumer.accessKeyId,
          'guess',
        ).authorization,
      },
    };
    expect(await codeOf(forged)).toBe('SignatureDoesNotMatch');
    expect(await codeOf(signed(fresh))).toBe('ok');
  });

  it('refuses dates outside ±15 minutes and unreadable dates', async () => {
    const stale = draft();
    stale.headers['x-acs-date'] = now(-16 * 60 * 1000);
    expect(await codeOf(signed(stale))).toBe('InvalidTimeStamp.Expired');
    const future = draft();
    future.headers['x-acs-date'] = now(16 * 60 * 1000);
    expect(await codeOf(signed(future))).toBe('InvalidTimeStamp.Expired');
    const garbled = draft();
    garbled.headers['x-acs-date'] = 'Wed, 25 Nov 2026 08:30:00 GMT';
    expect(await codeOf(signed(garbled))).toBe('InvalidTimeStamp.Format');
  });

  it('answers IncompleteSignature for a missing or garbled Authorization and unsigned required headers', async () => {
    expect(await codeOf(draft())).toBe('IncompleteSignature');
    const good = signed(draft()).headers['authorization']!;
    const variants = [
      'ACS3-HMAC-SHA256',
      good.replace(/,Signature=[0-9a-f]+/, ''),
      good.replace(/Signature=[0-9a-f]+/, 'Signature=not-hex'),
      good.replace(/Credential=[^,]+/, 'Credential='),
      good.replace('x-acs-date;', ''),
      good.replace('host;', 'Host;'),
    ];
    for (const authorization of variants) {
      const d = draft();
      expect(await codeOf({ ...d, headers: { ...d.headers, authorization } }), authorization).toBe('IncompleteSignature');
    }
    const noDate = draft();
    delete noDate.headers['x-acs-date'];
    expect(await codeOf(signed(noDate))).toBe('IncompleteSignature');
    const sm3 = draft();
    expect(await codeOf({ ...sm3, headers: { ...sm3.headers, authorization: good.replace('ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3') } })).toBe(
      'InvalidSignatureMethod',
    );
  });

  it('refuses an unknown key with 404, as a JSON body the SDKs parse', async () => {
    const d = draft();
    const { authorization } = documentedSignature(
      d,
      ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'],
      'LTAInobody000000',
      'x',
    );
    const reply = await send({ ...d, headers: { ...d.headers, authorization } });
    expect(reply.status).toBe(404);
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(Object.keys(reply.body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(reply.body['Code']).toBe('InvalidAccessKeyId.NotFound');
  });

  it("ends v1's SignatureDoesNotMatch with the StringToSign, as the legacy SDK cores expect", async () => {
    const params = new Map(
      Object.entries({
        Action: 'DescribeVpcs',
        Version: '2016-04-28',
        Format: 'JSON',
        RegionId: 'cn-hangzhou',
        AccessKeyId: ACCOUNTS.consumer.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: `v1-tail-${process.pid}`,
        Timestamp: now(),
      }),
    );
    const sorted = [...params]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
      .join('&');
    const expected = `GET&%2F&${percentEncode(sorted)}`;
    params.set('Signature', createHmac('sha1', 'wrong-secret&').update(expected).digest('base64'));
    const reply = await send({ method: 'GET', query: [...params], headers: {}, body: '' });
    expect(reply.body['Code']).toBe('SignatureDoesNotMatch');
    expect(reply.body['Message']).toBe(`Specified signature is not matched with our calculation. server string to sign is:${expected}`);
  });
});
