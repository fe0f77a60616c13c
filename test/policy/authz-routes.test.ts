import { describe, expect, it } from 'vitest';
import { answerJson, MAX_BATCH_REQUESTS } from '../../src/api/authz/index.js';
import { DEFAULT_ENDPOINT_POLICY } from '../../src/policy/index.js';
import { auth, json, routes, TOKEN } from './authz-fixture.js';

const read = { endpointId: 'ep-vpc', action: 'oss:GetObject', resource: 'acs:oss:cn-hangzhou:1:data/k' };

describe('authz routes: authentication and routing', () => {
  const api = routes();

  it('leaves non-/v1 paths to other handlers', () => {
    expect(api.handle('GET', '/healthz', undefined, Buffer.alloc(0))).toBeUndefined();
    expect(api.handle('POST', '/v10/authorize', auth, json(read))).toBeUndefined();
    expect(api.handle('POST', '/', auth, json(read))).toBeUndefined();
  });

  it.each([
    ['no header', undefined],
    ['wrong token', 'Bearer nope'],
    ['token prefix', `Bearer ${TOKEN.slice(0, -1)}`],
    ['token with suffix', `Bearer ${TOKEN}x`],
    ['other scheme', `Basic ${TOKEN}`],
    ['bare token', TOKEN],
  ])('refuses %s with 401 and a JSON error', (_what, header) => {
    const response = api.handle('POST', '/v1/authorize', header, json(read));
    expect(response?.status).toBe(401);
    expect(response?.body).toMatchObject({ code: 'Unauthorized', message: expect.stringContaining('Bearer') });
  });

  it('accepts any configured token, and a lower-case scheme', () => {
    expect(api.handle('POST', '/v1/authorize', 'Bearer second-token', json(read))?.status).toBe(200);
    expect(api.handle('POST', '/v1/authorize', `bearer ${TOKEN}`, json(read))?.status).toBe(200);
  });

  it('refuses everything when no token is configured', async () => {
    const { createAuthzRoutes } = await import('../../src/api/authz/index.js');
    const closed = createAuthzRoutes({ getEndpointPolicy: () => undefined }, []);
    expect(closed.handle('POST', '/v1/authorize', 'Bearer ', json(read))?.status).toBe(401);
  });

  it('answers 404 for an unknown /v1 route and 405 for a GET', () => {
    expect(api.handle('POST', '/v1/nope', auth, json({}))).toMatchObject({ status: 404, body: { code: 'NotFound' } });
    expect(api.handle('GET', '/v1/authorize', auth, Buffer.alloc(0))).toMatchObject({ status: 405, body: { code: 'MethodNotAllowed' } });
  });

  it('ignores a query string', () => {
    expect(api.handle('POST', '/v1/authorize?x=1', auth, json(read))?.status).toBe(200);
  });
});

describe('POST /v1/authorize', () => {
  const api = routes();
  // What goes on the wire: the answer's JSON text (a decision's text is cached), parsed back.
  const authorize = (body: unknown) => {
    const answer = api.handle('POST', '/v1/authorize', auth, typeof body === 'string' ? Buffer.from(body) : json(body));
    return answer === undefined ? undefined : { status: answer.status, body: JSON.parse(answerJson(answer)) as unknown };
  };

  it('allows, filling acs:SourceVpc from the endpoint and acs:CurrentTime from the clock', () => {
    expect(authorize(read)).toEqual({ status: 200, body: { decision: 'Allow', statement: 1, sid: 'AllowHomeVpcUntil2030' } });
  });

  it('names the deciding Deny statement', () => {
    expect(authorize({ ...read, action: 'oss:DeleteObject' })).toEqual({
      status: 200,
      body: { decision: 'ExplicitDeny', statement: 0, sid: 'DenyDeletes' },
    });
  });

  it('answers ImplicitDeny with a null statement', () => {
    expect(authorize({ ...read, resource: 'acs:oss:cn-hangzhou:1:other/k' })).toEqual({
      status: 200,
      body: { decision: 'ImplicitDeny', statement: null, sid: null },
    });
  });

  it('answers each decision with its own text, however they alternate', () => {
    for (let round = 0; round < 3; round++) {
      expect(authorize({ ...read, action: 'oss:DeleteObject' })?.body).toEqual({
        decision: 'ExplicitDeny',
        statement: 0,
        sid: 'DenyDeletes',
      });
      expect(authorize(read)?.body).toEqual({ decision: 'Allow', statement: 1, sid: 'AllowHomeVpcUntil2030' });
      expect(authorize({ ...read, resource: 'acs:oss:cn-hangzhou:1:other/k' })?.body).toEqual({
        decision: 'ImplicitDeny',
        statement: null,
        sid: null,
      });
    }
  });

  it('keeps a caller-given acs:SourceVpc', () => {
    expect(authorize({ ...read, context: { 'acs:SourceVpc': 'vpc-elsewhere' } })?.body).toEqual({
      decision: 'ImplicitDeny',
      statement: null,
      sid: null,
    });
  });

  it('keeps a caller-given acs:CurrentTime, in any key case', () => {
    expect(authorize({ ...read, context: { 'ACS:CURRENTTIME': '2031-01-01T00:00:00Z' } })?.body).toEqual({
      decision: 'ImplicitDeny',
      statement: null,
      sid: null,
    });
  });

  it('uses the clock when acs:CurrentTime is absent', () => {
    const late = routes(() => new Date('2030-06-01T00:00:00Z'));
    expect(late.handle('POST', '/v1/authorize', auth, json(read))?.body).toEqual({ decision: 'ImplicitDeny', statement: null, sid: null });
  });

  it('sets acs:SourceVpcEndpoint to the endpoint, whatever the caller claims', () => {
    const self = { endpointId: 'ep-self', action: 'x:Y', resource: '*' };
    expect(authorize(self)?.body).toEqual({ decision: 'Allow', statement: 0, sid: null });
    const forged = { ...self, endpointId: 'ep-vpc', context: { 'acs:sourcevpcendpoint': 'ep-self', 'acs:SourceVpcEndpoint': 'ep-self' } };
    expect(authorize(forged)?.body).toEqual({ decision: 'ImplicitDeny', statement: null, sid: null });
  });

  it('answers 404 EndpointNotFound for an unknown endpoint', () => {
    expect(authorize({ ...read, endpointId: 'ep-missing' })).toEqual({
      status: 404,
      body: { code: 'EndpointNotFound', message: "endpoint 'ep-missing' does not exist" },
    });
    expect(authorize({ ...read, endpointId: 'constructor' })?.status).toBe(404);
  });

  it.each([
    ['invalid JSON', '{"endpointId":', 'InvalidJson', 'not valid JSON'],
    ['a JSON array', '[]', 'InvalidParameter', 'request body: must be a JSON object'],
    ['no endpointId', { action: 'a:b', resource: '*' }, 'InvalidParameter', 'endpointId: must be a non-empty string'],
    ['numeric action', { ...read, action: 7 }, 'InvalidParameter', 'action: must be a non-empty string'],
    ['empty resource', { ...read, resource: '' }, 'InvalidParameter', 'resource: must be a non-empty string'],
    ['principal not a string', { ...read, principal: ['a'] }, 'InvalidParameter', 'principal: must be a string'],
    ['context a list', { ...read, context: [] }, 'InvalidParameter', 'context: must be a JSON object'],
    [
      'context value an object',
      { ...read, context: { 'acs:SourceIp': { ip: 1 } } },
      'InvalidParameter',
      'context.acs:SourceIp: must be a string',
    ],
    ['context list of numbers', { ...read, context: { 'oss:Prefix': [1] } }, 'InvalidParameter', 'context.oss:Prefix: must be'],
    ['misspelled field', { ...read, Action: 'oss:GetObject' }, 'InvalidParameter', 'Action: unknown field'],
  ])('answers 400 for %s', (_what, body, code, fragment) => {
    const response = authorize(body);
    expect(response?.status).toBe(400);
    expect(response?.body).toMatchObject({ code, message: expect.stringContaining(fragment) });
  });
});

describe('POST /v1/authorize:batch', () => {
  const api = routes();
  const batch = (body: unknown) => api.handle('POST', '/v1/authorize:batch', auth, json(body));

  it('answers each request in order, with a per-item error for an unknown endpoint', () => {
    const response = batch({
      requests: [read, { ...read, action: 'oss:DeleteBucket' }, { ...read, endpointId: 'ep-gone' }, { ...read, resource: 'acs:oss:r:1:x' }],
    });
    expect(response).toEqual({
      status: 200,
      body: {
        results: [
          { decision: 'Allow', statement: 1, sid: 'AllowHomeVpcUntil2030' },
          { decision: 'ExplicitDeny', statement: 0, sid: 'DenyDeletes' },
          { error: { code: 'EndpointNotFound', message: "endpoint 'ep-gone' does not exist" } },
          { decision: 'ImplicitDeny', statement: null, sid: null },
        ],
      },
    });
  });

  it('answers an empty batch with empty results', () => {
    expect(batch({ requests: [] })).toEqual({ status: 200, body: { results: [] } });
  });

  it('names the bad item of a batch', () => {
    expect(batch({ requests: [read, { ...read, resource: 5 }] })).toMatchObject({
      status: 400,
      body: { message: 'requests[1].resource: must be a non-empty string' },
    });
  });

  it('bounds the batch size', () => {
    const response = batch({ requests: Array.from({ length: MAX_BATCH_REQUESTS + 1 }, () => read) });
    expect(response?.status).toBe(400);
    expect(response?.body).toMatchObject({ message: expect.stringContaining(`at most ${MAX_BATCH_REQUESTS}`) });
    expect(batch({ requests: Array.from({ length: MAX_BATCH_REQUESTS }, () => read) })?.status).toBe(200);
  });

  it('refuses a body without a requests list', () => {
    expect(batch({ request: [] })).toMatchObject({ status: 400, body: { message: 'requests: must be a list' } });
  });
});

describe('POST /v1/policies:validate and :simulate', () => {
  const api = routes();
  const call = (path: string, body: unknown) => api.handle('POST', path, auth, json(body));

  it('validates a document given as text or as an object', () => {
    expect(call('/v1/policies:validate', { policyDocument: DEFAULT_ENDPOINT_POLICY })).toEqual({ status: 200, body: { valid: true } });
    expect(call('/v1/policies:validate', { policyDocument: JSON.parse(DEFAULT_ENDPOINT_POLICY) })).toEqual({
      status: 200,
      body: { valid: true },
    });
  });

  it('explains an invalid document', () => {
    const policyDocument = {
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.300/8' } } }],
    };
    expect(call('/v1/policies:validate', { policyDocument })).toEqual({
      status: 200,
      body: {
        valid: false,
        code: 'MalformedPolicyDocument',
        message: "Statement[0].Condition.IpAddress.acs:SourceIp: invalid CIDR '10.0.0.300/8'",
      },
    });
  });

  it('requires policyDocument', () => {
    expect(call('/v1/policies:validate', {})).toMatchObject({ status: 400, body: { message: 'policyDocument: is required' } });
  });

  it('simulates requests against an inline policy, filling acs:CurrentTime', () => {
    const policyDocument = {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'oss:Get*', Resource: '*', Condition: { DateLessThan: { 'acs:CurrentTime': '2027-01-01T00:00:00Z' } } },
        {
          Sid: 'BlockOneEndpoint',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'acs:SourceVpcEndpoint': 'ep-blocked' } },
        },
      ],
    };
    const response = call('/v1/policies:simulate', {
      policyDocument,
      requests: [
        { action: 'oss:GetObject', resource: 'acs:oss:r:1:b/k' },
        { action: 'oss:GetObject', resource: 'acs:oss:r:1:b/k', context: { 'acs:CurrentTime': '2028-01-01T00:00:00Z' } },
        { endpointId: 'ep-blocked', action: 'oss:GetObject', resource: 'acs:oss:r:1:b/k' },
      ],
    });
    expect(response).toEqual({
      status: 200,
      body: {
        results: [
          { decision: 'Allow', statement: 0, sid: null },
          { decision: 'ImplicitDeny', statement: null, sid: null },
          { decision: 'ExplicitDeny', statement: 1, sid: 'BlockOneEndpoint' },
        ],
      },
    });
  });

  it('refuses to simulate a malformed policy', () => {
    expect(call('/v1/policies:simulate', { policyDocument: '{"Version":"1"}', requests: [] })).toMatchObject({
      status: 400,
      body: { code: 'MalformedPolicyDocument', message: 'Statement: is required' },
    });
  });
});
