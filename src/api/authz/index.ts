/** HTTP handlers of the policy evaluator (docs/design/policy.md), to be mounted by the API server. */
export { answerJson, createAuthzRoutes, DECISION_PATHS, MAX_BATCH_REQUESTS, type AuthzResponse } from './routes.js';
