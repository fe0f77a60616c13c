/**
 * `npm run bench:dns -- --mode <mode>`: which DNS bench runs.
 *   compare (default)  plinkd vs NSD and a bare echo at 1k–1M endpoints (run.ts)
 *   fleet              full path vs cached, and DNS under API churn (fleet-run.ts)
 *   workers            --dns-workers 1, 2, …: q/s and CPU per query (workers-run.ts)
 *   miss               the cache-hostile vs cacheable measure alone, optionally profiled (miss-profile.ts)
 * Each mode reads the rest of the flags itself (`--mode fleet --help`).
 */
const argv = process.argv.slice(2);
const at = argv.findIndex((a) => a === '--mode' || a.startsWith('--mode='));
const mode = at < 0 ? 'compare' : argv[at]!.includes('=') ? argv[at]!.slice('--mode='.length) : (argv[at + 1] ?? '');
const modules: Record<string, string> = {
  compare: './run.js',
  fleet: './fleet-run.js',
  miss: './miss-profile.js',
  workers: './workers-run.js',
};
const module = modules[mode];
if (module === undefined) {
  console.error(`--mode: expected ${Object.keys(modules).join(', ')}, got '${mode}'`);
  process.exit(2);
}
await import(module);
