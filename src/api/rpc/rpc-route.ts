import { jsonResponse, type HttpRequest, type HttpResponse, type HttpRoute } from '../http/http-server.js';
import type { RpcDispatcher } from './dispatcher.js';
import { CloudError } from '../../errors/catalogue.js';

/** RPC bodies are small forms; a policy document (≤ 6,144 chars) percent-encodes to < 20 KB. */
const MAX_RPC_BODY = 64 * 1024;

/**
 * `GET /?…` or `POST /` with an `application/x-www-form-urlencoded` body
 * (docs/api.md). Parameters may come from both; a name given twice is refused, since
 * the canonical string to sign would be ambiguous.
 */
export function rpcRoute<Deps>(dispatcher: RpcDispatcher<Deps>): HttpRoute {
  // Other paths are declined synchronously: /v1/authorize, behind this route, is a hot path.
  return (request: HttpRequest): Promise<HttpResponse> | undefined => (request.path === '/' ? serve(request) : undefined);

  async function serve(request: HttpRequest): Promise<HttpResponse> {
    if (request.method !== 'GET' && request.method !== 'POST')
      return jsonResponse(405, { Code: 'MethodNotAllowed', Message: 'use GET or POST' });
    const params = new Map<string, string>();
    try {
      if (request.body.length > MAX_RPC_BODY) throw new CloudError('RequestTooLarge');
      addParams(params, request.query);
      if (request.method === 'POST' && request.body.length > 0) {
        const type = String(request.headers['content-type'] ?? '');
        if (!type.startsWith('application/x-www-form-urlencoded')) {
          throw new CloudError('IllegalParamFormat', { param: 'Content-Type', reason: 'must be application/x-www-form-urlencoded' });
        }
        addParams(params, request.body.toString('utf8'));
      }
    } catch (err) {
      const reply = await dispatcher.reject(err);
      return jsonResponse(reply.status, reply.body);
    }
    const reply = await dispatcher.dispatch(request.method, params);
    return jsonResponse(reply.status, reply.body);
  }
}

function addParams(into: Map<string, string>, encoded: string): void {
  if (encoded === '') return;
  for (const [name, value] of new URLSearchParams(encoded)) {
    if (into.has(name)) throw new CloudError('IllegalParamFormat', { param: name, reason: 'is given more than once' });
    into.set(name, value);
  }
}
