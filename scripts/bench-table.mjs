// Writes the README's results table from bench/results/: for each bench (a results file's
// name without its date), the newest file and its verdict lines — the "- **…**" lines (or bold
// lines naming their target) that the benches write for the figures they are judged by. Figures are never copied into the docs by hand.
// Run: node scripts/bench-table.mjs          (rewrites README.md)
//      node scripts/bench-table.mjs --check  (exit 1 when README.md's table is not the generated one)
//      --readme <path> reads/writes another file (the test uses it)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const START = '<!-- bench-results:start -->';
const END = '<!-- bench-results:end -->';
const RESULTS = fileURLToPath(new URL('../bench/results/', import.meta.url));
const DATED = /^(\d{4}-\d{2}-\d{2})-(.+)\.md$/;

/** The newest results file of each bench, with its verdict lines. */
export function latestResults(dir = RESULTS) {
  const latest = new Map();
  for (const file of readdirSync(dir).sort()) {
    const match = DATED.exec(file);
    if (match === null) continue;
    const [, date, bench] = match;
    latest.set(bench, { bench, date, file }); // sorted by name, so the last one seen is the newest
  }
  return [...latest.values()]
    .sort((a, b) => a.bench.localeCompare(b.bench))
    .map((entry) => {
      const text = readFileSync(`${dir}/${entry.file}`, 'utf8');
      const verdicts = text
        .split('\n')
        .filter((line) => /^- \*\*/.test(line) || (/^- .*\*\*/.test(line) && /\b(target|goal)\b/.test(line)))
        .map((line) => line.slice(2).replace(/\|/g, '\\|'));
      return { ...entry, verdicts };
    });
}

export function resultsTable(dir = RESULTS) {
  const rows = latestResults(dir).map(({ bench, date, file, verdicts }) => {
    const figures = verdicts.length > 0 ? verdicts.join('<br>') : '(tables only: see the file)';
    return `| [${bench}](bench/results/${file}) | ${date} | ${figures} |`;
  });
  return ['| results | run | verdict lines, as the bench wrote them |', '|---|---|---|', ...rows].join('\n');
}

function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, readme: { type: 'string' } } });
  const path = values.readme ?? fileURLToPath(new URL('../README.md', import.meta.url));
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`${path}: no ${START} … ${END} markers`);
    process.exit(2);
  }
  const next = `${readme.slice(0, start + START.length)}\n${resultsTable()}\n${readme.slice(end)}`;
  if (values.check) {
    if (next !== readme) {
      console.error(`${path}: the results table is not the generated one; run node scripts/bench-table.mjs`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(path, next);
  console.log(`${path}: ${latestResults().length} results`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
