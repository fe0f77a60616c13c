/** HTTP handlers of the policy evaluator (docs/design/policy.md), to be mounted by the API server. */
export { answerJson, createAuthzRoutes, MAX_BATCH_REQUESTS, MAX_BODY_BYTES, type AuthzResponse } from './routes.js';
export { authzRequestListener, writeJson } from './node-http.js';
