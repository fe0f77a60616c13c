import type { ContextValue } from '../../policy/index.js';
import { equalsIgnoreAsciiCase } from '../../policy/context.js';

/**
 * The context keys plinkd supplies itself (docs/design/policy.md):
 * - `acs:SourceVpcEndpoint` is always the endpoint being evaluated — a caller cannot claim
 *   another one, so any spelling of the key it sent is replaced;
 * - `acs:SourceVpc` is the endpoint's VPC unless the caller gave one;
 * - `acs:CurrentTime` is the time of evaluation unless the caller gave one (simulations).
 * Key names are case-insensitive, so "given" means given in any letter case.
 */

function findKey(context: Record<string, ContextValue>, lower: string): string | undefined {
  for (const key in context) {
    if (key.length === lower.length && equalsIgnoreAsciiCase(key, lower)) return key;
  }
  return undefined;
}

export function setSourceVpcEndpoint(context: Record<string, ContextValue>, endpointId: string): void {
  for (let key = findKey(context, 'acs:sourcevpcendpoint'); key !== undefined; key = findKey(context, 'acs:sourcevpcendpoint')) {
    delete context[key];
  }
  context['acs:SourceVpcEndpoint'] = endpointId;
}

/** Sets `canonical` to `value()` unless the context has the key in any case (`lower` is its lowercase). */
export function fillIfAbsent(context: Record<string, ContextValue>, canonical: string, lower: string, value: () => ContextValue): void {
  if (findKey(context, lower) === undefined) context[canonical] = value();
}
