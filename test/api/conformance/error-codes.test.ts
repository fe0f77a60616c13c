import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiActions } from '../../../src/api/products/all-actions.js';
import { COMMON_CODES } from '../../../src/api/rpc/common-codes.js';
import { isDocumentedCode, metaApi, type MetaApi } from '../../helpers/api-meta.js';
import { VERSIONS } from '../../helpers/cloud.js';

/**
 * The codes each action declares (src/api/rpc/action.ts errorCodes; the dispatcher refuses to
 * answer any other, and the suite runs strict) are the codes the cloud's API metadata documents
 * for that action, or a code the action's own parameters imply (DryRunOperation where it takes
 * DryRun, IdempotentParameterMismatch where it takes ClientToken), or one of README's
 * "Codes beyond the metadata", each with its reason.
 */
const PRODUCTS: Readonly<Record<string, string>> = { Privatelink: VERSIONS.privatelink, VPC: VERSIONS.vpc, PrivateZone: VERSIONS.pvtz };

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

interface Exception {
  version: string;
  code: string;
  actions: string[];
}

function readExceptions(): Exception[] {
  const start = readme.indexOf('<!-- error-exceptions:start -->');
  const end = readme.indexOf('<!-- error-exceptions:end -->');
  if (start < 0 || end < start) throw new Error("README lacks the markers of 'Codes beyond the metadata'");
  const rows: Exception[] = [];
  for (const line of readme.slice(start, end).split('\n')) {
    // | Product | Code | Actions | Why |
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 5 || !(cells[1]! in PRODUCTS)) continue;
    const code = /^`([^`]+)`$/.exec(cells[2]!)?.[1];
    if (code === undefined || cells[4] === '') throw new Error(`unreadable row in README: ${line}`);
    rows.push({ version: PRODUCTS[cells[1]!]!, code, actions: cells[3]!.split(',').map((a) => a.trim()) });
  }
  return rows;
}

const exceptions = readExceptions();
const implemented = apiActions.filter((a) => Object.values(PRODUCTS).includes(a.version));

/** Why the metadata itself allows `code` for the action, or undefined. */
function documented(api: MetaApi, code: string): boolean {
  if (isDocumentedCode(api, code)) return true;
  // The parameters' own documentation names these answers.
  if (code === 'DryRunOperation') return api.parameters.some((p) => p.name === 'DryRun');
  if (code === 'IdempotentParameterMismatch') return api.parameters.some((p) => p.name === 'ClientToken');
  return false;
}

describe('declared error codes follow the cloud API metadata', () => {
  it('every declared code is documented for its action, implied by its parameters, or a README exception', () => {
    const problems: string[] = [];
    for (const action of implemented) {
      const api = metaApi(action.version, action.name);
      if (api === undefined) {
        problems.push(`${action.name}: not in the API metadata of ${action.version}`);
        continue;
      }
      for (const code of action.errorCodes) {
        if (documented(api, code)) continue;
        const excused = exceptions.some((e) => e.version === action.version && e.code === code && e.actions.includes(action.name));
        if (!excused)
          problems.push(
            `${action.version} ${action.name}: ${code} is not documented for it (fix the code, or add a README row saying why)`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists only exceptions that are needed: declared by the action and not documented for it', () => {
    const stale: string[] = [];
    for (const exception of exceptions) {
      for (const name of exception.actions) {
        const action = implemented.find((a) => a.version === exception.version && a.name === name);
        const api = metaApi(exception.version, name);
        if (action === undefined || api === undefined) stale.push(`${name}: not an implemented action of ${exception.version}`);
        else if (!action.errorCodes.includes(exception.code as (typeof action.errorCodes)[number]))
          stale.push(`${name}: does not declare ${exception.code}`);
        else if (documented(api, exception.code)) stale.push(`${name}: ${exception.code} is documented for it`);
      }
    }
    expect(stale).toEqual([]);
  });

  it('declares each code once, and only codes of the catalogue', () => {
    for (const action of apiActions) expect(new Set(action.errorCodes).size, action.name).toBe(action.errorCodes.length);
  });

  it('explains every common code in the README', () => {
    const section = readme.slice(readme.indexOf('<!-- common-codes:start -->'), readme.indexOf('<!-- common-codes:end -->'));
    for (const code of [...COMMON_CODES, 'MissingParam.<Name>', 'IllegalParamFormat.<Name>']) expect(section).toContain(`\`${code}\``);
  });
});
