// Rewrites the error-code table of README.md from the catalogue (src/errors/catalogue.ts, with the
// HTTP statuses of src/api/rpc/http-status.ts, built
// into dist/). Run: npm run build && node scripts/readme-errors.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { httpStatusOf } from '../dist/api/rpc/http-status.js';
import { ERROR_CATALOGUE } from '../dist/errors/catalogue.js';

const START = '<!-- error-codes:start -->';
const END = '<!-- error-codes:end -->';
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = Object.entries(ERROR_CATALOGUE).map(([code, entry]) => {
  const shown = entry.suffixedByParam ? `${code}.<Name>` : code;
  const message = entry.message({ param: '<Name>', detail: '…' }).replace(/\|/g, '\\|');
  return `| \`${shown}\` | ${httpStatusOf(code)} | ${message} |`;
});
const table = ['| Code | HTTP | Message |', '|---|---|---|', ...rows].join('\n');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error('README.md has no error-codes markers');
writeFileSync(new URL('../README.md', import.meta.url), `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
console.log(`README.md: ${rows.length} error codes`);
