import { jsonResponse, type HttpRequest, type HttpResponse, type HttpRoute } from '../http/http-server.js';
import type { RpcDispatcher } from './dispatcher.js';
import { CloudError } from '../../errors/catalogue.js';
import { readRpcRequest, type RpcRequest } from './rpc-request.js';

/** RPC bodies are small forms; a policy document (≤ 6,144 chars) percent-encodes to < 20 KB. */
const MAX_RPC_BODY = 64 * 1024;

/** The cloud's RPC API at `/`: `GET /?…` or `POST /` with a form body, signed v1 or V3 (rpc-request.ts). */
export function rpcRoute<Deps>(dispatcher: RpcDispatcher<Deps>): HttpRoute {
  // Other paths are declined synchronously: /v1/authorize, behind this route, is a hot path.
  return (request: HttpRequest): Promise<HttpResponse> | undefined => (request.path === '/' ? serve(request) : undefined);

  async function serve(request: HttpRequest): Promise<HttpResponse> {
    if (request.method !== 'GET' && request.method !== 'POST')
      return jsonResponse(405, { Code: 'MethodNotAllowed', Message: 'use GET or POST' });
    let rpc: RpcRequest;
    try {
      if (request.body.length > MAX_RPC_BODY) throw new CloudError('RequestTooLarge');
      rpc = readRpcRequest(request);
    } catch (err) {
      const reply = await dispatcher.reject(err);
      return jsonResponse(reply.status, reply.body);
    }
    const reply = await dispatcher.dispatch(rpc);
    return jsonResponse(reply.status, reply.body);
  }
}
