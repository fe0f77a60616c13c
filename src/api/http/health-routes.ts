import type { Replica } from '../../replica/replica.js';
import type { Store } from '../../store/types.js';
import type { MetricsRegistry } from '../../metrics/registry.js';
import { jsonResponse, STRAY_BODY_BYTES, type HttpResponse, type HttpRoute } from './http-server.js';

/**
 * `GET /healthz`: 200 while this process can do its job. A DNS replica whose
 * store is unreachable, or that is reloading a snapshot after a gap, still
 * answers from memory, so it reports "degraded" with 200; a process serving
 * the API cannot change anything meanwhile, so it answers 503
 * (docs/reliability.md). `details` adds role-specific fields
 * (e.g. whether this api process holds the reconciler lease). Until `starting()`
 * turns false — the ports are bound before the configured accounts exist — the
 * answer is 503 "starting", so nothing is routed to a process not yet ready.
 */
export function healthRoute(
  role: string,
  store: Store,
  replica: Replica,
  details: () => Record<string, unknown> = () => ({}),
  starting: () => boolean = () => false,
): HttpRoute {
  return {
    paths: ['/healthz'],
    maxBodyBytes: STRAY_BODY_BYTES,
    serve: (request) => (request.method === 'GET' ? health() : undefined),
  };

  function health(): HttpResponse {
    const storeHealth = store.health();
    const replicaHealth = replica.health();
    // While a resync reloads a snapshot the replica is behind and new writes are refused (Plane.write).
    const resyncing = replica.catchingUp();
    const degraded = storeHealth !== 'ok' || replicaHealth !== 'ok' || resyncing;
    const notReady = starting();
    const status = notReady ? 'starting' : degraded ? 'degraded' : 'ok';
    const answer = jsonResponse(notReady || (degraded && role !== 'dns') ? 503 : 200, {
      status,
      role,
      store: { kind: store.kind, health: storeHealth },
      replica: {
        health: replicaHealth,
        resyncing,
        position: replica.position,
        lagMilliseconds: replica.lagMilliseconds(),
        resyncs: replica.resyncs,
      },
      ...details(),
    });
    // A line, as curl and shells expect of a text answer: the prompt starts on a line of its own.
    return { ...answer, body: `${String(answer.body)}\n` };
  }
}

export function metricsRoute(registry: MetricsRegistry): HttpRoute {
  return {
    paths: ['/metrics'],
    maxBodyBytes: STRAY_BODY_BYTES,
    serve: async (request) =>
      request.method === 'GET' ? { status: 200, contentType: registry.contentType, body: await registry.render() } : undefined,
  };
}
