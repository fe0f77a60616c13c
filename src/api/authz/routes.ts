import type { EndpointPolicySource } from '../../policy/endpoint-policy-index.js';
import { compilePolicy, validatePolicyDocument, type Decision } from '../../policy/index.js';
import { BearerTokens } from './bearer.js';
import { fillIfAbsent, setSourceVpcEndpoint } from './context-fill.js';
import { isPlainObject, shapeRequest, type ShapedRequest } from './request-shape.js';

/**
 * The policy evaluator's HTTP API (docs/design/policy.md), framework-free: its one adapter,
 * api/http/authz-route.ts, declares the body limit, reads the body, calls `handle`, and writes
 * `status` + JSON `body`. Routes:
 *   POST /v1/authorize          {endpointId, principal?, action, resource, context?} → Decision
 *   POST /v1/authorize:batch    {requests: [...]} → {results: [Decision | {error}]}
 *   POST /v1/policies:validate  {policyDocument} → {valid: true} | {valid: false, code, message}
 *   POST /v1/policies:simulate  {policyDocument, requests: [...]} → {results: [...]}
 * Every /v1 call needs `Authorization: Bearer <token>`.
 */

/**
 * The decision calls: an answered decision is a data-plane answer, asked at the rate of the
 * services it guards, so the /v1 access log leaves it out (v1-access-log.ts).
 */
export const DECISION_PATHS: ReadonlySet<string> = new Set(['/v1/authorize', '/v1/authorize:batch']);

export interface AuthzResponse {
  status: number;
  body: unknown;
  /** `body` as JSON, when it is known already (a decision's text is cached). */
  json?: string;
}

/**
 * A compiled policy answers with one frozen Decision per statement (and one shared implicit
 * deny), so each one's JSON is made once and reused: JSON.stringify was ~3% of
 * /v1/authorize's CPU. Weak, so a replaced policy's decisions go with it.
 */
const decisionTexts = new WeakMap<Decision, string>();

function decisionJson(decision: Decision): string {
  let text = decisionTexts.get(decision);
  if (text === undefined) {
    text = JSON.stringify(decision);
    decisionTexts.set(decision, text);
  }
  return text;
}

/** The JSON text of an answer's body. */
export function answerJson(answer: AuthzResponse): string {
  return answer.json ?? JSON.stringify(answer.body);
}

/** Requests per batch or simulation: bounds the work one call can ask for. */
export const MAX_BATCH_REQUESTS = 1000;

type Handler = (body: Record<string, unknown>) => AuthzResponse;

function error(status: number, code: string, message: string): AuthzResponse {
  return { status, body: { code, message } };
}

const UNAUTHORIZED = error(401, 'Unauthorized', 'missing or invalid bearer token: send "Authorization: Bearer <token>"');

export function createAuthzRoutes(
  source: EndpointPolicySource,
  tokens: readonly string[],
  now?: () => Date,
): { handle(method: string, path: string, authorizationHeader: string | undefined, body: Buffer): AuthzResponse | undefined } {
  const bearer = new BearerTokens(tokens);
  const clockMs = now === undefined ? Date.now : (): number => now().getTime();
  // acs:CurrentTime has millisecond resolution: format it once per millisecond,
  // not once per request (toISOString was ~3% of /v1/authorize under load).
  let lastMs = Number.NaN;
  let lastIso = '';
  const currentTime = (): string => {
    const ms = clockMs();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };

  /** Fills the plinkd-supplied keys; `endpointVpc` is known only for a real endpoint. */
  function fillContext(shaped: ShapedRequest, endpointVpc: string | undefined): void {
    const { context } = shaped.request;
    if (shaped.endpointId !== undefined) setSourceVpcEndpoint(context, shaped.endpointId);
    if (endpointVpc !== undefined) fillIfAbsent(context, 'acs:SourceVpc', 'acs:sourcevpc', () => endpointVpc);
    fillIfAbsent(context, 'acs:CurrentTime', 'acs:currenttime', currentTime);
  }

  function notFound(endpointId: string): { code: string; message: string } {
    return { code: 'EndpointNotFound', message: `endpoint '${endpointId}' does not exist` };
  }

  /** One request against its endpoint's policy: a Decision, or an error for this item. */
  function authorizeOne(shaped: ShapedRequest): Decision | { code: string; message: string } {
    const endpointId = shaped.endpointId as string;
    const endpoint = source.getEndpointPolicy(endpointId);
    if (endpoint === undefined) return notFound(endpointId);
    fillContext(shaped, endpoint.vpcId);
    return endpoint.compiled.evaluate(shaped.request);
  }

  function requestList(body: Record<string, unknown>): unknown[] | AuthzResponse {
    const requests = body['requests'];
    if (!Array.isArray(requests)) return error(400, 'InvalidParameter', 'requests: must be a list');
    if (requests.length > MAX_BATCH_REQUESTS) {
      return error(400, 'InvalidParameter', `requests: at most ${MAX_BATCH_REQUESTS} requests per call, got ${requests.length}`);
    }
    return requests;
  }

  const routes = new Map<string, Handler>(
    Object.entries({
      '/v1/authorize': (body) => {
        const shaped = shapeRequest(body, '', true);
        if (!shaped.ok) return error(400, 'InvalidParameter', shaped.message);
        const result = authorizeOne(shaped.value);
        return 'decision' in result ? { status: 200, body: result, json: decisionJson(result) } : { status: 404, body: result };
      },
      '/v1/authorize:batch': (body) => {
        const requests = requestList(body);
        if (!Array.isArray(requests)) return requests;
        const shaped: ShapedRequest[] = [];
        for (let i = 0; i < requests.length; i++) {
          const one = shapeRequest(requests[i], `requests[${i}].`, true);
          if (!one.ok) return error(400, 'InvalidParameter', one.message);
          shaped.push(one.value);
        }
        const results = shaped.map((one) => {
          const result = authorizeOne(one);
          return 'decision' in result ? result : { error: result };
        });
        return { status: 200, body: { results } };
      },
      '/v1/policies:validate': (body) => {
        if (!('policyDocument' in body)) return error(400, 'InvalidParameter', 'policyDocument: is required');
        const validation = validatePolicyDocument(body['policyDocument']);
        return {
          status: 200,
          body: validation.ok ? { valid: true } : { valid: false, code: validation.code, message: validation.message },
        };
      },
      '/v1/policies:simulate': (body) => {
        if (!('policyDocument' in body)) return error(400, 'InvalidParameter', 'policyDocument: is required');
        const validation = validatePolicyDocument(body['policyDocument']);
        if (!validation.ok) return error(400, validation.code, validation.message);
        const requests = requestList(body);
        if (!Array.isArray(requests)) return requests;
        const shaped: ShapedRequest[] = [];
        for (let i = 0; i < requests.length; i++) {
          const one = shapeRequest(requests[i], `requests[${i}].`, false);
          if (!one.ok) return error(400, 'InvalidParameter', one.message);
          shaped.push(one.value);
        }
        const policy = compilePolicy(validation.document);
        const results = shaped.map((one) => {
          fillContext(one, undefined);
          return policy.evaluate(one.request);
        });
        return { status: 200, body: { results } };
      },
    }),
  );

  return {
    handle(method, rawPath, authorizationHeader, body) {
      const query = rawPath.indexOf('?');
      const path = query < 0 ? rawPath : rawPath.slice(0, query);
      if (path !== '/v1' && !path.startsWith('/v1/')) return undefined;
      if (!bearer.accepts(authorizationHeader)) return UNAUTHORIZED;
      const route = routes.get(path);
      if (route === undefined) return error(404, 'NotFound', `no route ${path}`);
      if (method !== 'POST') return error(405, 'MethodNotAllowed', `${path} accepts POST only`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        return error(400, 'InvalidJson', `request body is not valid JSON: ${reason}`);
      }
      if (!isPlainObject(parsed)) return error(400, 'InvalidParameter', 'request body: must be a JSON object');
      return route(parsed);
    },
  };
}
