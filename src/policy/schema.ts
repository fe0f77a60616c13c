import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { formatPath } from './path.js';

/**
 * The JSON Schema of RAM policy documents lives in `policies/` (docs/design/policy.md), next to the default
 * endpoint policy; it is compiled once, on first use, never per document (the fastify
 * rule) — not when the module loads, which every `plinkd` CLI command does (ajv's code
 * generation was half of its start-up). `src/policy/x.ts` and `dist/policy/x.js` are two levels
 * below the repository root; the benches' build of the sources is deeper, so the folder is
 * looked for upwards from here.
 */
export const POLICIES_DIR = findPoliciesDir();

function findPoliciesDir(): URL {
  let dir = new URL('./', import.meta.url);
  for (let depth = 0; depth < 8; depth++) {
    const candidate = new URL('policies/', dir);
    if (existsSync(new URL('policy-document.schema.json', candidate))) return candidate;
    dir = new URL('../', dir);
  }
  throw new Error(`plinkd: no policies/ folder above ${new URL('./', import.meta.url).pathname}`);
}

const schema: unknown = JSON.parse(readFileSync(new URL('policy-document.schema.json', POLICIES_DIR), 'utf8'));

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // verbose: each error carries its parentSchema, whose `description` is our message.
  compiled ??= new Ajv({ allErrors: false, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(
    schema as object,
  );
  return compiled;
}

/** Checks the document against the schema; returns null or a message naming the element. */
export function schemaError(document: unknown): string | null {
  const validateSchema = validator();
  if (validateSchema(document)) return null;
  const errors = validateSchema.errors ?? [];
  // With allErrors off, ajv stops at the first failing keyword; for anyOf/allOf the
  // combinator's own error comes last and is the one that says what is wrong.
  const error = errors[errors.length - 1];
  return error === undefined ? 'policy document does not match the schema' : describe(error);
}

function describe(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map(decodePointer);
  const params = error.params as Record<string, unknown>;
  const described = (error.parentSchema as { description?: unknown } | undefined)?.description;
  let message = typeof described === 'string' ? described : (error.message ?? 'is not valid');
  if (segments.length === 0 && error.keyword === 'type') {
    message = 'policy document must be a JSON object';
  } else if (error.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    segments.push(params['additionalProperty']);
    message = 'unknown element';
  } else if (error.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    segments.push(params['missingProperty']);
    message = 'is required';
  } else if (error.keyword === 'propertyNames' && typeof params['propertyName'] === 'string') {
    // The described schema is the propertyNames one itself, not its parent.
    const own = (error.schema as { description?: unknown } | undefined)?.description;
    message = `${typeof own === 'string' ? own : 'invalid name'} '${params['propertyName']}'`;
  }
  // A described sub-schema already names its element ("Effect must be ..."); avoid "X: X must".
  const path = formatPath(segments);
  return path === '' ? message : `${path}: ${message}`;
}

/** JSON Pointer unescaping (RFC 6901 §4): `~1` is `/`, `~0` is `~`. */
function decodePointer(segment: string): string | number {
  const text = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}
