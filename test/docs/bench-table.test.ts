import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The README's results table is generated from bench/results/ (scripts/bench-table.mjs), so no
 * figure in it is copied by hand: it must be the generated one, and the check must catch a
 * hand edit.
 */
const SCRIPT = 'scripts/bench-table.mjs';
const scratch = mkdtempSync(join(tmpdir(), 'plinkd-bench-table-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function check(readme: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [SCRIPT, '--check', '--readme', readme], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

describe('README results table', () => {
  it('is the table generated from bench/results/', () => {
    expect(check('README.md')).toEqual({ status: 0, stderr: '' });
  });

  it('names the newest file of every bench, with its verdict lines', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = readme.slice(readme.indexOf('<!-- bench-results:start -->'), readme.indexOf('<!-- bench-results:end -->'));
    expect(block).toContain('](bench/results/');
    expect(block).toMatch(/\| \[dns-fleet\]\(bench\/results\/\d{4}-\d{2}-\d{2}-dns-fleet\.md\) \|/);
    expect(block).toMatch(/\*\*[^*]+\*\* \(goal ≥ 0\.8/);
  });

  it('fails the check on a hand-edited figure, and regenerates it', () => {
    const copy = join(scratch, 'README.md');
    copyFileSync('README.md', copy);
    const edited = readFileSync(copy, 'utf8').replace(/(\| \[dns-fleet\][^\n]*?\*\*[^*]*?)(\d)\.(\d\d)/, '$1$2.99');
    expect(edited).not.toBe(readFileSync('README.md', 'utf8'));
    writeFileSync(copy, edited);
    const refused = check(copy);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('not the generated one');
    execFileSync(process.execPath, [SCRIPT, '--readme', copy]);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync('README.md', 'utf8'));
  });
});
