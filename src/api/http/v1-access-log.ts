import { DECISION_PATHS } from '../authz/index.js';
import type { HttpAnswer, HttpRequest, HttpRoute } from './http-server.js';

/**
 * The access log of the `/v1` routes — the policy API and the operator views (docs/api.md
 * "Access log"): one entry per call, as the cloud API's calls have. A bearer token names no
 * account, so the entry names the route; never the token, the query or the body.
 */
export interface V1AccessLogEntry {
  method: string;
  /** Without the query string. */
  path: string;
  /** "OK" for a 2xx answer, else the error's `code`. */
  code: string;
  status: number;
  /** From the request being read to the answer (or a stream's head) being ready, milliseconds. */
  latencyMs: number;
}

export type V1AccessLog = (entry: V1AccessLogEntry) => void;

/*
 * An answered decision (Allow or Deny, status 200, DECISION_PATHS) is a data-plane answer like a
 * DNS reply, asked at the rate of the services it guards: like the query log it is not written
 * per call — a synchronous line per decision cost /v1/authorize a third of its requests/s in
 * bench:policy (bench/results). A refused decision call (bad token, unknown endpoint, bad body)
 * is written, as every other /v1 call is.
 */

/** `route`, writing one access-log entry per call it serves (a 404 for a path it does not know included). */
export function withV1AccessLog(route: HttpRoute, log: V1AccessLog | undefined): HttpRoute {
  if (log === undefined) return route;
  const entry = (request: HttpRequest, answer: HttpAnswer | undefined, started: number): void => {
    const status = answer?.status ?? 404;
    if (status < 300 && DECISION_PATHS.has(request.path)) return;
    log({
      method: request.method,
      path: request.path,
      code: status < 300 ? 'OK' : answer === undefined ? 'NotFound' : errorCode(answer),
      status,
      latencyMs: elapsed(started),
    });
  };
  return {
    ...route,
    serve: (request) => {
      const started = performance.now();
      // A route that fails is answered 500 InternalError by the server (http-server.ts): logged as that.
      const failed = (err: unknown): never => {
        log({ method: request.method, path: request.path, code: 'InternalError', status: 500, latencyMs: elapsed(started) });
        throw err;
      };
      let answer: ReturnType<HttpRoute['serve']>;
      try {
        answer = route.serve(request);
      } catch (err) {
        return failed(err);
      }
      if (!(answer instanceof Promise)) {
        entry(request, answer, started);
        return answer;
      }
      return answer.then((settled) => {
        entry(request, settled, started);
        return settled;
      }, failed);
    },
  };
}

/** The `code` of an error answer's JSON body (`{code, message}`), or "Error" for another shape. */
function errorCode(answer: HttpAnswer): string {
  if (!('body' in answer)) return 'Error';
  try {
    const body = JSON.parse(String(answer.body)) as unknown;
    const code = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['code'] : undefined;
    return typeof code === 'string' ? code : 'Error';
  } catch {
    return 'Error';
  }
}

/** Milliseconds since `started` (performance.now()), to the microsecond. */
function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
