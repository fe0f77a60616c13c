import { randomUUID } from 'node:crypto';
import { jsonResponse, type HttpRequest, type HttpResponse, type HttpRoute } from '../http/http-server.js';
import type { RpcDispatcher } from './dispatcher.js';
import { CloudError } from '../../errors/catalogue.js';
import { readRpcRequest, type RpcRequest } from './rpc-request.js';

/** RPC bodies are small forms; a policy document (≤ 6,144 chars) percent-encodes to < 20 KB. */
export const MAX_RPC_BODY_BYTES = 64 * 1024;

/** The cloud API's 413, in the cloud's error shape so SDKs show its Code. */
export function rpcTooLarge(): HttpResponse {
  return jsonResponse(413, {
    RequestId: randomUUID().toUpperCase(),
    Code: 'RequestTooLarge',
    Message: new CloudError('RequestTooLarge').message,
  });
}

/** The cloud's RPC API at `/`: `GET /?…` or `POST /` with a form body, signed v1 or V3 (rpc-request.ts). */
export function rpcRoute<Deps>(dispatcher: RpcDispatcher<Deps>): HttpRoute {
  return {
    paths: ['/'],
    maxBodyBytes: MAX_RPC_BODY_BYTES,
    tooLarge: () => {
      const reply = dispatcher.reject(new CloudError('RequestTooLarge'));
      return jsonResponse(reply.status, reply.body);
    },
    serve,
  };

  async function serve(request: HttpRequest): Promise<HttpResponse> {
    if (request.method !== 'GET' && request.method !== 'POST')
      return jsonResponse(405, { Code: 'MethodNotAllowed', Message: 'use GET or POST' });
    let rpc: RpcRequest;
    try {
      rpc = readRpcRequest(request);
    } catch (err) {
      const reply = dispatcher.reject(err);
      return jsonResponse(reply.status, reply.body);
    }
    const reply = await dispatcher.dispatch(rpc);
    return jsonResponse(reply.status, reply.body);
  }
}
