import type { EndpointPolicySource } from '../../policy/endpoint-policy-index.js';
import { answerJson, createAuthzRoutes } from '../authz/index.js';
import { JSON_CONTENT_TYPE, type HttpRoute } from './http-server.js';

/** Mounts the policy evaluator's `/v1/*` routes (docs/design/policy.md) on the API server. */
export function authzRoute(source: EndpointPolicySource, tokens: readonly string[]): HttpRoute {
  const routes = createAuthzRoutes(source, tokens);
  return (request) => {
    if (!request.path.startsWith('/v1/')) return undefined;
    const answer = routes.handle(request.method, request.path, request.headers.authorization, request.body);
    return answer === undefined ? undefined : { status: answer.status, contentType: JSON_CONTENT_TYPE, body: answerJson(answer) };
  };
}
