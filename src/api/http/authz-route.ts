import type { EndpointPolicySource } from '../../policy/endpoint-policy-index.js';
import { answerJson, createAuthzRoutes } from '../authz/index.js';
import { JSON_CONTENT_TYPE, type HttpRoute } from './http-server.js';

/** Largest /v1 body read: a full batch (1,000 requests) of large contexts fits comfortably. */
export const MAX_AUTHZ_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The one adapter of the policy evaluator's `/v1/*` routes (docs/design/policy.md) to the API
 * server. It answers every /v1 path the operator views before it (topology, dns:lookup) leave.
 */
export function authzRoute(source: EndpointPolicySource, tokens: readonly string[]): HttpRoute {
  const routes = createAuthzRoutes(source, tokens);
  return {
    paths: ['/v1', '/v1/*'],
    maxBodyBytes: MAX_AUTHZ_BODY_BYTES,
    serve: (request) => {
      const answer = routes.handle(request.method, request.path, request.headers.authorization, request.body);
      return answer === undefined ? undefined : { status: answer.status, contentType: JSON_CONTENT_TYPE, body: answerJson(answer) };
    },
  };
}
