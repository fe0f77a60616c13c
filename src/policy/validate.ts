import { parsePolicyText } from './parse.js';
import { schemaError } from './schema.js';
import type { PolicyDocument } from './types.js';
import { semanticError } from './validate-semantics.js';

/**
 * Stage 2: parse → schema → semantic checks, answering as the cloud does: a bad document is
 * refused with `MalformedPolicyDocument` and a message naming the element at fault.
 */

export type PolicyValidation =
  { ok: true; document: PolicyDocument; text: string } | { ok: false; code: 'MalformedPolicyDocument'; message: string };

function malformed(message: string): PolicyValidation {
  return { ok: false, code: 'MalformedPolicyDocument', message };
}

/**
 * `input` is JSON text, or an already-parsed value (from a JSON request body). For a parsed
 * value, `text` is its compact JSON, and the size limit applies to that text.
 */
export function validatePolicyDocument(input: string | unknown): PolicyValidation {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    let serialized: string | undefined;
    try {
      serialized = JSON.stringify(input);
    } catch {
      serialized = undefined;
    }
    if (serialized === undefined) return malformed('policy document must be a JSON object');
    text = serialized;
  }
  const parsed = parsePolicyText(text);
  if (!parsed.ok) return malformed(parsed.message);
  const document = parsed.value;
  const structural = schemaError(document);
  if (structural !== null) return malformed(structural);
  const semantic = semanticError(document as PolicyDocument);
  if (semantic !== null) return malformed(semantic);
  return { ok: true, document: document as PolicyDocument, text };
}
