import { validatePolicyDocument } from '../../policy/index.js';
import { CloudError } from '../../errors/catalogue.js';
import type { BooleanSpec, IntegerSpec, StringSpec } from '../rpc/params.js';

/** Parameters most actions share, declared once. */
export const RegionIdParam = { type: 'string', required: true, maxLength: 64 } as const satisfies StringSpec;
export const DryRunParam = { type: 'boolean' } as const satisfies BooleanSpec;
export const ClientTokenParam = { type: 'string', maxLength: 64, pattern: /^[\x20-\x7e]+$/ } as const satisfies StringSpec;
export const NextTokenParam = { type: 'string', maxLength: 256 } as const satisfies StringSpec;
export const maxResultsParam = (max: number) => ({ type: 'integer', min: 1, max }) as const satisfies IntegerSpec;

/** IDs as the cloud forms them: prefix, dash, lowercase alphanumerics. */
export const idParam = (prefix: string) =>
  ({ type: 'string', required: true, pattern: new RegExp(`^${prefix}-[a-z0-9]{1,40}$`) }) as const satisfies StringSpec;
export const optionalIdParam = (prefix: string) =>
  ({ type: 'string', pattern: new RegExp(`^${prefix}-[a-z0-9]{1,40}$`) }) as const satisfies StringSpec;

/** Names: 2–128 characters, starting with a letter (or CJK), then letters, digits, `.`, `_`, `-`. */
export const NameParam = { type: 'string', pattern: /^[\p{L}][\p{L}\p{N}._-]{1,127}$/u } as const satisfies StringSpec;
/** Descriptions: 2–256 characters, not starting with http:// or https://. */
export const DescriptionParam = {
  type: 'string',
  minLength: 2,
  maxLength: 256,
  pattern: /^(?!https?:\/\/)[\s\S]*$/,
} as const satisfies StringSpec;
export const ZoneIdParam = { type: 'string', pattern: /^[a-z0-9-]{1,64}$/ } as const satisfies StringSpec;

/**
 * An endpoint (or gateway endpoint) policy: a RAM policy document, validated by the policy
 * engine before anything runs (docs/design/policy.md: a message naming the element; 6,144
 * characters at most); `refuse` turns that message into the product's code.
 */
export const policyDocumentParam = (refuse: (problem: string) => CloudError) =>
  ({
    type: 'string',
    check: (text: string) => {
      const validation = validatePolicyDocument(text);
      return validation.ok ? undefined : refuse(validation.message);
    },
  }) as const satisfies StringSpec;

/** Privatelink's: MalformedPolicyDocument (its metadata documents no code for a bad policy; README "Errors"). */
export const PolicyDocumentParam = policyDocumentParam((problem) => new CloudError('MalformedPolicyDocument', { detail: problem }));
