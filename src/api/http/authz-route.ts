import { createAuthzRoutes, type EndpointPolicySource } from '../authz/index.js';
import { jsonResponse, type HttpRoute } from './http-server.js';

/** Mounts the policy evaluator's `/v1/*` routes (SPEC §5) on the API server. */
export function authzRoute(source: EndpointPolicySource, tokens: readonly string[]): HttpRoute {
  const routes = createAuthzRoutes(source, tokens);
  return (request) => {
    if (!request.path.startsWith('/v1/')) return undefined;
    const answer = routes.handle(request.method, request.path, request.headers.authorization, request.body);
    return answer === undefined ? undefined : jsonResponse(answer.status, answer.body);
  };
}
