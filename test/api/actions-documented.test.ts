import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiActions } from '../../src/api/products/all-actions.js';

/** The README's action table and the actions served are the same set. */
describe('README action table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('<!-- actions:start -->'), readme.indexOf('<!-- actions:end -->'));
  const documented = new Set(
    table
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Product'))
      .flatMap((line) => (line.split('|')[2] ?? '').split(',').map((name) => name.trim()))
      .filter((name) => /^[A-Z][A-Za-z]+$/.test(name)),
  );

  it('lists every action served, and serves every action listed', () => {
    const served = new Set(apiActions.map((a) => a.name));
    expect([...served].filter((name) => !documented.has(name)).sort()).toEqual([]);
    expect([...documented].filter((name) => !served.has(name)).sort()).toEqual([]);
  });
});
