import { afterAll, describe, expect, it } from 'vitest';
import { healthRoute } from '../../src/api/http/health-routes.js';
import type { HttpResponse } from '../../src/api/http/http-server.js';
import { Replica } from '../../src/replica/replica.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

/**
 * plinkd binds its ports before it creates the configured accounts (a start that fails
 * creates nothing), so between the two /healthz says "starting" with 503 in every role:
 * a load balancer, a compose healthcheck or a bench routes nothing to it until it is ready.
 */
describe('GET /healthz while starting', () => {
  const store = new MemoryStore();
  const replica = new Replica(store);
  afterAll(() => replica.stop());

  async function healthz(role: string, starting: boolean): Promise<{ status: number; body: { status: string } }> {
    const request = {
      method: 'GET',
      path: '/healthz',
      query: '',
      headers: {},
      rawHeaders: [],
      body: Buffer.alloc(0),
      remoteAddress: '127.0.0.1',
    };
    const response = (await healthRoute(
      role,
      store,
      replica,
      () => ({}),
      () => starting,
    ).serve(request)) as HttpResponse;
    return { status: response.status, body: JSON.parse(String(response.body)) as { status: string } };
  }

  it('answers 503 "starting" until ready, then 200 "ok", for every role', async () => {
    await replica.start();
    for (const role of ['all', 'api', 'dns']) {
      expect(await healthz(role, true), role).toMatchObject({ status: 503, body: { status: 'starting' } });
      expect(await healthz(role, false), role).toMatchObject({ status: 200, body: { status: 'ok' } });
    }
  });
});
