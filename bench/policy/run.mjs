// The policy benchmark (docs/design/performance.md), one command: `npm run bench:policy`.
//   1. in-process evaluations/s of the typical 5-statement endpoint policy vs cedar-wasm;
//   2. the wildcard matcher vs minimatch and an escaped RegExp (correctness, then speed);
//   3. POST /v1/authorize requests/s of the REAL plinkd (node dist/main.js serve, one process,
//      an endpoint created through the cloud API with the typical policy) vs bare node:http
//      answering a constant (wrk, same body, same run, interleaved rounds).
// Options: --http-target <url> (measure an already running plinkd instead; with --token and
// --endpoint-id), --embedded (the authz routes mounted on bare node:http instead of plinkd),
// --seconds <n> (default 3), --rounds <n> (default 11), --skip-http.
// Time: ~15 s in-process + 2 × rounds × seconds + ~10 s of setup; bounded by a 10-minute
// watchdog. Binds only to free loopback ports; stops every server it started.
// Results are printed and written to bench/results/<date>-policy.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runEvalBench } from './eval-bench.mjs';
import { runHttpBench } from './http-bench.mjs';
import { startRealPlinkd } from './real-plinkd.mjs';
import { fmt } from './stats.mjs';
import { runWildcardBench } from './wildcard-bench.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (args.includes('--help')) {
  console.log(
    'npm run bench:policy -- [--seconds 3] [--rounds 11] [--embedded] [--http-target URL --token T --endpoint-id ID] [--skip-http]\n' +
      'Bounded: ~1–2 minutes with the defaults, 10-minute watchdog; binds to free loopback ports only.',
  );
  process.exit(0);
}
const watchdog = setTimeout(() => {
  console.error('policy bench exceeded 10 minutes; stopping');
  process.exit(124);
}, 600_000);
watchdog.unref();
const httpTarget = option('http-target');
const embedded = args.includes('--embedded');
const token = option('token') ?? process.env.PLINKD_BENCH_TOKEN ?? 'bench-token-0123456789';
const endpointIdOption = option('endpoint-id');
const seconds = Number(option('seconds') ?? 3);
const rounds = Number(option('rounds') ?? 11);

const version = (pkg) => JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
const wrkVersion = (() => {
  try {
    return execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split(' Copyright')[0];
  } catch (error) {
    if (error.code === 'ENOENT') return undefined; // not installed
    return (
      String(error.stdout ?? '')
        .split(' Copyright')[0]
        .trim() || 'wrk (version unknown)'
    );
  }
})();
const loadBefore = os
  .loadavg()
  .map((n) => n.toFixed(2))
  .join(' ');
const lines = [];
const out = (line = '') => {
  console.log(line);
  lines.push(line);
};

out(`# Policy benchmark — ${new Date().toISOString()}`);
out();
out(
  `- machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
);
out(
  `- node ${process.version} (V8 ${process.versions.v8}), @cedar-policy/cedar-wasm ${version('@cedar-policy/cedar-wasm')}, minimatch ${version('minimatch')}, ${wrkVersion ?? 'no wrk'}`,
);
out(`- load average at start: ${loadBefore} (other work on the machine shows up as spread between rounds)`);
out();

out('## 1. In-process evaluations/s (one core), typical 5-statement endpoint policy');
out();
out(
  'policies/examples/typical-endpoint-policy.json vs the same five statements in Cedar; 8 requests that reach every statement, each checked to get the same decision and deciding statement from both engines; interleaved rounds.',
);
out();
const evals = runEvalBench();
out('| engine | median evals/s | rounds |');
out('|---|---:|---|');
for (const name of ['plinkd', 'cedarStateful', 'cedarStateless'])
  out(`| ${name} | ${fmt(evals[name].median)} | ${evals[name].rates.map(fmt).join(', ')} |`);
out();
const ratioStateful = evals.plinkd.median / evals.cedarStateful.median;
const ratioStateless = evals.plinkd.median / evals.cedarStateless.median;
out(`- plinkd: **${fmt(evals.plinkd.median)} evals/s** (target ≥ 1,000,000: ${evals.plinkd.median >= 1e6 ? 'met' : 'NOT met'})`);
out(
  `- plinkd / cedar-wasm (preparsed policy set, statefulIsAuthorized): **${ratioStateful.toFixed(0)}×** (target ≥ 50×: ${ratioStateful >= 50 ? 'met' : 'NOT met'})`,
);
out(`- plinkd / cedar-wasm (isAuthorized, parses per call): ${ratioStateless.toFixed(0)}×`);
out();

out('## 2. Wildcard matching: plinkd vs minimatch vs RegExp');
out();
const wildcard = runWildcardBench();
out('| engine | RAM-correct cases | matches/s (4 resource patterns × 4 ARNs) |');
out('|---|---:|---:|');
for (const [name, result] of Object.entries(wildcard.correctness)) {
  out(`| ${name} | ${result.right}/${result.total} | ${fmt(wildcard.speed[name].matchesPerSecond)} |`);
}
out();
for (const [name, result] of Object.entries(wildcard.correctness)) {
  if (result.wrong.length > 0) out(`- ${name} gets wrong: ${result.wrong.map((w) => `\`${w}\``).join(', ')}`);
}
out();

if (wrkVersion === undefined) {
  out('## 3. HTTP: skipped — wrk is not installed (Debian: `apt-get install wrk`)');
  out();
} else if (!args.includes('--skip-http')) {
  out('## 3. HTTP: POST /v1/authorize vs bare node:http (wrk, same body)');
  out();
  // Default: the real plinkd with a real endpoint ; the other two are for comparison.
  const real = httpTarget === undefined && !embedded ? await startRealPlinkd(token) : undefined;
  const stopReal = () => real?.stop();
  process.once('SIGINT', () => {
    stopReal();
    process.exit(130);
  });
  process.once('SIGTERM', () => {
    stopReal();
    process.exit(143);
  });
  let http;
  try {
    http = await runHttpBench({
      target: real?.url ?? httpTarget,
      targetPid: real?.pid,
      token,
      endpointId: real?.endpointId ?? endpointIdOption ?? 'ep-bench',
      seconds,
      rounds,
    });
  } finally {
    await stopReal();
  }
  const side =
    real !== undefined
      ? `the real plinkd (node dist/main.js serve --store memory, one process; endpoint ${real.endpointId} created through CreateVpcEndpoint with the typical policy)`
      : http.embedded
        ? 'embedded node:http + createAuthzRoutes (own process)'
        : http.target;
  out(
    `wrk -t1 -c${http.connections} -d${http.seconds}s, ${rounds} paired rounds in ABBA order; authz side: ${side}; answer checked: ${JSON.stringify(http.answer)}`,
  );
  out();
  const cpu = (value) => (Number.isFinite(value) ? value.toFixed(1) : '—');
  out('| server | median req/s | server CPU µs/request (median) | rounds (req/s, avg latency) |');
  out('|---|---:|---:|---|');
  out(
    `| bare node:http (constant) | ${fmt(http.bareMedian)} | ${cpu(http.bareCpu)} | ${http.bareRuns.map((r) => `${fmt(r.rps)} (${r.latency})`).join(', ')} |`,
  );
  out(
    `| /v1/authorize | ${fmt(http.authzMedian)} | ${cpu(http.authzCpu)} | ${http.authzRuns.map((r) => `${fmt(r.rps)} (${r.latency})`).join(', ')} |`,
  );
  out();
  out(
    `- ratio, median of the ${rounds} paired rounds: **${http.ratio.toFixed(3)}** (target ≥ 0.6: ${http.ratio >= 0.6 ? 'met' : 'NOT met'}); per round: ${http.roundRatios.map((r) => r.toFixed(2)).join(', ')}`,
  );
  out(`- ratio of the medians: ${http.ratioOfMedians.toFixed(2)}`);
  out(
    `- CPU cost per request, bare / plinkd: **${(http.bareCpu / http.authzCpu).toFixed(2)}** (the requests/s ratio one core each would give, were wrk not sharing the machine)`,
  );
  out();
}
out(
  `- load average at end: ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);

const resultsDir = new URL('../results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const file = new URL(`${new Date().toISOString().slice(0, 10)}-policy.md`, resultsDir);
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(`\nwritten to ${file.pathname}`);
process.exit(0);
