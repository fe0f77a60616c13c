import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../src/api/rpc/http-status.js';
import { CloudError, ERROR_CATALOGUE, type ErrorCode } from '../../src/errors/catalogue.js';

/** One error catalogue (as fastify keeps one), and a test that it and the docs list the same codes. */
describe('error catalogue', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- error-codes:start -->'), readme.indexOf('<!-- error-codes:end -->'));
  const documented = [...section.matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)].map((m) => ({
    code: m[1]!.replace(/\.<Name>$/, ''),
    status: Number(m[2]),
  }));

  it('is documented in the README, code for code and status for status (scripts/readme-errors.mjs)', () => {
    const catalogued = (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).map((code) => ({ code, status: httpStatusOf(code) }));
    expect(documented).toEqual(catalogued);
  });

  it('uses only the HTTP statuses the cloud uses', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      expect([400, 403, 404, 409, 413, 500, 503]).toContain(httpStatusOf(code));
    }
  });

  it('suffixes parameter errors with the parameter name', () => {
    expect(new CloudError('MissingParam', { param: 'VpcId' }).code).toBe('MissingParam.VpcId');
    expect(new CloudError('IllegalParamFormat', { param: 'Zone.1.ip', reason: 'x' }).code).toBe('IllegalParamFormat.Zone.1.ip');
    expect(new CloudError('EndpointNotFound').code).toBe('EndpointNotFound');
  });
});
