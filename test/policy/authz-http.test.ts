import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authzRequestListener } from '../../src/api/authz/index.js';
import { freePort } from '../helpers/ports.js';
import { auth, routes } from './authz-fixture.js';

/** The routes mounted on a real node:http server on a free loopback port, called over HTTP. */
describe('authz routes over HTTP', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const port = await freePort('127.0.0.1');
    server = createServer(authzRequestListener(routes()));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('authorizes a request with a bearer token', async () => {
    const response = await fetch(`${base}/v1/authorize`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ endpointId: 'ep-vpc', action: 'oss:GetObject', resource: 'acs:oss:cn-hangzhou:1:data/k' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ decision: 'Allow', statement: 1 });
  });

  it('answers 401 without a token and 404 for an unknown endpoint', async () => {
    const body = JSON.stringify({ endpointId: 'ep-none', action: 'oss:GetObject', resource: 'acs:oss:r:1:data/k' });
    const anonymous = await fetch(`${base}/v1/authorize`, { method: 'POST', body });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'Unauthorized' });
    const missing = await fetch(`${base}/v1/authorize`, { method: 'POST', headers: { authorization: auth }, body });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'EndpointNotFound' });
  });

  it('answers a batch sent in several TCP chunks', async () => {
    const requests = Array.from({ length: 300 }, (_, i) => ({
      endpointId: 'ep-vpc',
      action: 'oss:GetObject',
      resource: `acs:oss:r:1:data/${'k'.repeat(i)}`,
    }));
    const response = await fetch(`${base}/v1/authorize:batch`, {
      method: 'POST',
      headers: { authorization: auth },
      body: JSON.stringify({ requests }),
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: unknown[] };
    expect(results).toHaveLength(300);
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ decision: 'Allow', statement: 1 })]));
  });

  it('answers 404 for paths outside /v1', async () => {
    const response = await fetch(`${base}/elsewhere`);
    expect(response.status).toBe(404);
  });
});
