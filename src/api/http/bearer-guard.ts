import { BearerTokens } from '../authz/bearer.js';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http-server.js';

const UNAUTHORIZED: HttpResponse = {
  ...jsonResponse(401, { code: 'Unauthorized', message: 'missing or invalid bearer token: send "Authorization: Bearer <token>"' }),
  headers: { 'www-authenticate': 'Bearer' },
};

/**
 * The `/v1` routes' check (docs/design/policy.md: `Authorization: Bearer <token>`, the
 * tokens of --api-tokens, compared in constant time by BearerTokens): the 401 answer
 * for a request without a valid token, undefined for one with.
 */
export function bearerGuard(tokens: readonly string[]): (request: HttpRequest) => HttpResponse | undefined {
  const bearer = new BearerTokens(tokens);
  return (request) => (bearer.accepts(request.headers.authorization) ? undefined : UNAUTHORIZED);
}
