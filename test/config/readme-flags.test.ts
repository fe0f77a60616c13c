import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envNameOf, FLAGS, shownDefault } from '../../src/config/flags.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's Configuration table is the flag table (src/config/flags.ts): same flags, order, twins and defaults. */
describe('README configuration table', () => {
  const section = README.slice(README.indexOf('## Configuration\n'), README.indexOf('\n## ', README.indexOf('## Configuration\n') + 1));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| `--'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '').trim()));

  it('lists every flag, in the table order, with its env twin', () => {
    expect(rows.map((row) => row[0])).toEqual(FLAGS.map((flag) => `\`--${flag.name}\``));
    expect(rows.map((row) => row[1])).toEqual(FLAGS.map((flag) => `\`${envNameOf(flag.name)}\``));
  });

  it('shows the default --help shows', () => {
    const wanted = FLAGS.map((flag) => {
      const value = shownDefault(flag);
      return value === undefined ? '—' : value === 'generated' ? 'generated' : `\`${value}\``;
    });
    expect(rows.map((row) => row[2])).toEqual(wanted);
  });

  it('explains every flag', () => {
    for (const row of rows) expect(row[3]?.length ?? 0).toBeGreaterThan(10);
  });
});
