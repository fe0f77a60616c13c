import type { AuthorizationRequest, ContextValue } from '../../policy/index.js';

/**
 * Checking the JSON of one authorization request (`{"endpointId", "principal", "action",
 * "resource", "context"}`) without copying it: the parsed body object becomes the request
 * handed to the evaluator. Messages name the field, prefixed with where the request sits
 * (`requests[3].action: must be a non-empty string`).
 */

export interface ShapedRequest {
  endpointId: string | undefined;
  request: AuthorizationRequest & { context: Record<string, ContextValue> };
}

export type ShapeResult = { ok: true; value: ShapedRequest } | { ok: false; message: string };

const FIELDS = new Set(['endpointId', 'principal', 'action', 'resource', 'context']);

function fail(at: string, field: string, message: string): ShapeResult {
  return { ok: false, message: `${at}${field}: ${message}` };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContextValue(value: unknown): value is ContextValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    default:
      if (!Array.isArray(value)) return false;
      for (const item of value) if (typeof item !== 'string') return false;
      return true;
  }
}

/**
 * `at` is the prefix for messages ('' or 'requests[3].'); `endpointRequired` is false for
 * simulations, which evaluate a policy given inline.
 */
export function shapeRequest(value: unknown, at: string, endpointRequired: boolean): ShapeResult {
  if (!isPlainObject(value)) return { ok: false, message: `${at === '' ? 'request body' : at.slice(0, -1)}: must be a JSON object` };
  for (const field in value) {
    if (!FIELDS.has(field)) return fail(at, field, 'unknown field');
  }
  const { endpointId, principal, action, resource } = value;
  if (endpointId !== undefined || endpointRequired) {
    if (typeof endpointId !== 'string' || endpointId === '') return fail(at, 'endpointId', 'must be a non-empty string');
  }
  if (principal !== undefined && typeof principal !== 'string') return fail(at, 'principal', 'must be a string');
  if (typeof action !== 'string' || action === '') return fail(at, 'action', 'must be a non-empty string');
  if (typeof resource !== 'string' || resource === '') return fail(at, 'resource', 'must be a non-empty string');
  let context = value['context'];
  if (context === undefined) {
    context = {};
    value['context'] = context;
  } else if (!isPlainObject(context)) {
    return fail(at, 'context', 'must be a JSON object');
  } else {
    for (const key in context) {
      if (!isContextValue(context[key])) {
        return fail(at, `context.${key}`, 'must be a string, number, boolean or list of strings');
      }
    }
  }
  return {
    ok: true,
    value: {
      endpointId: endpointId as string | undefined,
      request: value as unknown as ShapedRequest['request'],
    },
  };
}
