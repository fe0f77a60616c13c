import type { AnsweredCode } from '../../errors/catalogue.js';

/**
 * Codes any action may answer from its own stage (parameters and handler) without declaring
 * them in its `errorCodes` (docs/api-conformance.md "Error codes"): parameter syntax, as the
 * cloud's gateway answers it for every action (`MissingParam.%s` and `IllegalParamFormat.%s`
 * in the Privatelink metadata), and the server's own state. The protocol codes (Action,
 * Version, signature, RegionId, RAM) are answered before an action's stage begins.
 */
const COMMON_PREFIXES = ['MissingParam.', 'IllegalParamFormat.'] as const;

export const COMMON_CODES: ReadonlySet<AnsweredCode> = new Set<AnsweredCode>([
  // The store is unreachable: nothing was changed (README "Scale-out").
  'ServiceUnavailable',
  // A bug: logged at error with the request id.
  'InternalError',
  // A write lost a compare-and-set race with another request and its retries.
  'ConcurrentCallNotSupported',
]);

export function isCommonCode(code: string): boolean {
  return COMMON_CODES.has(code as AnsweredCode) || COMMON_PREFIXES.some((prefix) => code.startsWith(prefix));
}
