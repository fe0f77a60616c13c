import { randomUUID } from 'node:crypto';
import { MAX_RPC_BODY_BYTES, rpcTooLarge } from '../rpc/rpc-route.js';
import { jsonResponse, type HttpRoute } from './http-server.js';

/**
 * A `--role dns` process has no cloud API (docs/architecture.md): calls to it (`/` with an
 * Action) get a 404 whose Code says why, in the cloud's error shape so SDKs
 * show it, instead of a bare "no route".
 */
export function apiNotServedRoute(role: string): HttpRoute {
  return {
    paths: ['/'],
    // The cloud API's limit (rpc-route.ts), so a refused call is told the same as on an api process.
    maxBodyBytes: MAX_RPC_BODY_BYTES,
    tooLarge: rpcTooLarge,
    serve: () =>
      jsonResponse(404, {
        RequestId: randomUUID().toUpperCase(),
        Code: 'RoleNotServed',
        Message: `This plinkd runs --role ${role}: it serves DNS, /v1/authorize, /healthz and /metrics. Send cloud API calls to a process with --role api or --role all.`,
      }),
  };
}
