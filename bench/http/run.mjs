// The HTTP-layer bench (docs/design/http.md), one command: `npm run bench:http`.
// POST /v1/authorize requests/s, in one run, of three servers each in its own process:
//   bare     node:http answering a constant (the ceiling of any HTTP layer on this machine)
//   today    plinkd's HTTP server as shipped, with its /v1 adapter and the typical policy (real decisions)
//   fastify  plain fastify 5 with the same /v1 routes, body limit declared on the route
// Driven by wrk (1 thread, 50 connections, the same body) on loopback, in rounds that rotate
// the order (so a machine that speeds up or slows down favours none); each round gives one
// ratio per server against bare, and the headline is the median of those ratios.
// Options: --seconds <n> (default 3), --rounds <n> (default 9). Bounded: 3 × rounds × seconds
// + ~15 s, 10-minute watchdog. Binds only to free loopback ports; stops every server it started.
// Results are printed and written to bench/results/<date>-http.md.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { median } from '../policy/stats.mjs';
import { REQUESTS } from '../policy/workload.mjs';
import { writeAuthorizeScript } from '../policy/wrk-script.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option('seconds', 3);
const rounds = option('rounds', 9);
if (!(seconds >= 1 && seconds <= 30 && rounds >= 1 && rounds <= 31)) {
  console.error('usage: npm run bench:http -- [--seconds 1..30] [--rounds 1..31]');
  process.exit(2);
}
const watchdog = setTimeout(() => {
  console.error('http bench exceeded 10 minutes; stopping');
  process.exit(124);
}, 600_000);
watchdog.unref();

const token = 'bench-token-0123456789';
const MODES = ['bare', 'today', 'fastify'];
const serverScript = new URL('./servers-under-test.mjs', import.meta.url).pathname;
const workDir = new URL('../work/', import.meta.url).pathname;
mkdirSync(workDir, { recursive: true });

function startServer(mode) {
  const child = spawn(process.execPath, [serverScript, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PLINKD_BENCH_TOKEN: token },
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${mode} server not listening within 30 s`)), 30_000);
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /listening (\d+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve({ mode, child, url: `http://127.0.0.1:${match[1]}/v1/authorize` });
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function wrk(url, luaPath, duration) {
  const output = execFileSync('wrk', ['-t1', '-c50', `-d${duration}s`, '-s', luaPath, url], { encoding: 'utf8' });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rps) throw new Error(`unexpected wrk output:\n${output}`);
  if (/Non-2xx or 3xx responses/.test(output)) throw new Error(`wrk saw error responses from ${url}:\n${output}`);
  return { rps: Number(rps[1]), requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN) };
}

const [request] = REQUESTS[0];
const body = JSON.stringify({ endpointId: 'ep-bench', ...request });
const luaPath = `${workDir}http-authorize.lua`;
writeAuthorizeScript(luaPath, body, token);

const loadBefore = os.loadavg()[0];
const servers = [];
try {
  for (const mode of MODES) servers.push(await startServer(mode));
  // Every server answers the real thing before anything is timed: the same decision from both real layers.
  const answers = {};
  for (const server of servers) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    answers[server.mode] = { status: response.status, text: await response.text() };
    if (response.status !== 200) throw new Error(`${server.mode}: ${response.status} ${answers[server.mode].text}`);
  }
  if (answers.today.text !== answers.fastify.text)
    throw new Error(`today and fastify disagree: ${answers.today.text} vs ${answers.fastify.text}`);
  for (const server of servers) wrk(server.url, luaPath, 2); // warm-up

  const runs = Object.fromEntries(MODES.map((mode) => [mode, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round: bare first, then today first, then fastify first, …
    const order = MODES.map((_, i) => servers[(i + r) % servers.length]);
    for (const server of order) {
      const before = cpuSeconds(server.child.pid);
      const run = wrk(server.url, luaPath, seconds);
      const cpu = cpuSeconds(server.child.pid) - before;
      runs[server.mode].push({ ...run, cpuMicros: (cpu * 1e6) / Math.max(1, run.requests) });
    }
  }
  const summary = MODES.map((mode) => {
    const rps = median(runs[mode].map((run) => run.rps));
    const ratios = runs[mode].map((run, i) => run.rps / runs.bare[i].rps);
    const cpuMicros = median(runs[mode].map((run) => run.cpuMicros));
    return { mode, rps, ratio: median(ratios), ratios, cpuMicros };
  });
  // Requests per CPU second against bare: what a loaded shared machine distorts least.
  const bareCpu = median(runs.bare.map((run) => run.cpuMicros));
  for (const s of summary) s.cpuRatio = bareCpu / s.cpuMicros;
  const fastify = summary.find((s) => s.mode === 'fastify');
  const today = summary.find((s) => s.mode === 'today');
  const adopt = fastify.ratio >= 0.6;
  const version = (pkg) => JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
  const wrkVersion = (() => {
    try {
      return execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      return String(error.stdout ?? 'wrk'); // wrk -v exits 1 after printing its version
    }
  })()
    .split(' Copyright')[0]
    .trim();
  const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const lines = [
    `# HTTP layer: POST /v1/authorize, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Command: \`npm run bench:http -- --seconds ${seconds} --rounds ${rounds}\`. Node ${process.versions.node}, fastify ${version('fastify')}, ${wrkVersion}`,
    `(1 thread, 50 connections, ${seconds} s per run, ${rounds} rounds, order rotated each round), ${os.cpus().length} cores,`,
    `load average ${loadBefore.toFixed(2)} before the run, ${os.loadavg()[0].toFixed(2)} after. Each server is one process; the body is`,
    `\`${body}\` (${Buffer.byteLength(body)} bytes), answered \`${answers.today.text}\` by both real layers.`,
    '',
    '| server | median requests/s | median ratio to bare node:http (per round) | server CPU µs/request (median) | requests per CPU second, ratio to bare |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...summary.map((s) => `| ${s.mode} | ${fmt(s.rps)} | ${s.ratio.toFixed(2)} | ${fmt(s.cpuMicros, 1)} | ${s.cpuRatio.toFixed(2)} |`),
    '',
    `Per-round ratios to bare: today ${today.ratios.map((x) => x.toFixed(2)).join(', ')}; fastify ${fastify.ratios.map((x) => x.toFixed(2)).join(', ')}.`,
    `fastify / today (ratio of the median ratios): ${(fastify.ratio / today.ratio).toFixed(2)}.`,
    '',
    `Decision rule (docs/design/http.md): adopt fastify if it keeps ≥ 0.6 × bare node:http — here ${fastify.ratio.toFixed(2)}: ${adopt ? 'adopt' : 'do not adopt'}.`,
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  const resultsDir = new URL('../results/', import.meta.url).pathname;
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}${new Date().toISOString().slice(0, 10)}-http.md`;
  writeFileSync(file, text);
  console.log(`written to ${file}`);
} finally {
  for (const server of servers) {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit').catch(() => undefined);
  }
}
