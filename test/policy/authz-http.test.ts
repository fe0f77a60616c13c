import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authzRoute, MAX_AUTHZ_BODY_BYTES } from '../../src/api/http/authz-route.js';
import { startHttpServer, type RunningHttpServer } from '../../src/api/http/http-server.js';
import { createLogger } from '../../src/log/logger.js';
import { auth, source, TOKEN } from './authz-fixture.js';

/** The routes mounted by their one adapter on the API's HTTP server, on a free loopback port, called over HTTP. */
describe('authz routes over HTTP', () => {
  let server: RunningHttpServer;
  let base: string;

  beforeAll(async () => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      routes: [authzRoute(source, [TOKEN])],
      log: createLogger('error', () => undefined),
    });
    base = `http://127.0.0.1:${server.address.port}`;
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Sends a request head (and no body) on a raw socket; resolves with all the server sent before it closed. */
  const rawHead = (head: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: server.address.port }, () => socket.write(head));
      let text = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer and no close within 3 s; got ${JSON.stringify(text)}`));
      }, 3000);
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });

  it('authorizes a request with a bearer token', async () => {
    const response = await fetch(`${base}/v1/authorize`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ endpointId: 'ep-vpc', action: 'oss:GetObject', resource: 'acs:oss:cn-hangzhou:1:data/k' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ decision: 'Allow', statement: 1, sid: 'AllowHomeVpcUntil2030' });
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
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(
      new Set([JSON.stringify({ decision: 'Allow', statement: 1, sid: 'AllowHomeVpcUntil2030' })]),
    );
  });

  it('answers 404 for paths outside /v1', async () => {
    const response = await fetch(`${base}/elsewhere`);
    expect(response.status).toBe(404);
  });

  it('refuses a body declared larger than the /v1 limit at once, with 413 RequestTooLarge, and closes', async () => {
    // Only the head is sent: an answer proves the server did not wait for the 4 MiB it was promised.
    const reply = await rawHead(
      `POST /v1/authorize HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Length: ${MAX_AUTHZ_BODY_BYTES + 1}\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('"code":"RequestTooLarge"');
    expect(reply).toContain(`${MAX_AUTHZ_BODY_BYTES} bytes`);
  });

  it('takes a body of exactly the limit', async () => {
    const body = JSON.stringify({ requests: [] }).padEnd(MAX_AUTHZ_BODY_BYTES, ' ');
    const response = await fetch(`${base}/v1/authorize:batch`, { method: 'POST', headers: { authorization: auth }, body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ results: [] });
  });
});
