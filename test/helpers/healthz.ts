import { healthRoute } from '../../src/api/http/health-routes.js';
import type { HttpResponse } from '../../src/api/http/http-server.js';
import type { Replica } from '../../src/replica/replica.js';
import type { Store } from '../../src/store/types.js';

/** What GET /healthz answers for a process of `role` on this store and replica (in process, no socket). */
export async function healthz(
  role: string,
  store: Store,
  replica: Replica,
  starting = false,
): Promise<{ status: number; body: { status: string } & Record<string, unknown> }> {
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
  return { status: response.status, body: JSON.parse(String(response.body)) as { status: string } & Record<string, unknown> };
}
