import { readFileSync } from 'node:fs';
import { POLICIES_DIR } from './schema.js';

/**
 * The policy an endpoint or gateway endpoint gets when none is given, and what ResetPolicy restores
 * (docs/control-plane.md). Its one home is `policies/default-endpoint-policy.json`, read once when
 * this module loads and kept as compact JSON text:
 * `{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}`.
 */
export const DEFAULT_ENDPOINT_POLICY: string = JSON.stringify(
  JSON.parse(readFileSync(new URL('default-endpoint-policy.json', POLICIES_DIR), 'utf8')) as unknown,
);
