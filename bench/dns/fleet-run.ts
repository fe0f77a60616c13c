/**
 * `npm run bench:dns -- --mode fleet` — DNS at fleet scale (docs/design/performance.md
 * "Fleet"): the full path against the cached one, and DNS under API churn against
 * DNS under the same rate of API reads, each beside NSD on the same data, from one run.
 * Results go to bench/results/<date>-dns-fleet.md.
 */
import { join } from 'node:path';
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { throughput } from '../common/dnsperf.js';
import { type FleetEndpoint } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { peakRssBytes, rssBytes, treeCpuSeconds } from '../common/proc.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { API_LOADS, ApiLoad, churnTargetOf, startChurnApi, type ApiLoadKind, type ApiLoadResult, type ChurnTarget } from './api-load.js';
import { HostileQueryBuilder } from './hostile.js';
import { MIX } from './queries.js';
import { prepareFixture, startServers, stopServers } from './setup.js';
import { verifySameAnswers } from './verify.js';

const USAGE = `npm run bench:dns -- --mode fleet [flags]

One fleet of N endpoints seeded into Redis; plinkd (--role dns, one process) and
NSD (server-count 1) serve it. Two measures, alternating rounds, medians:

 1. cache-hostile vs cacheable: dnsperf at saturation with the usual mix (a
    100k-line file replayed, so its replies are cached after a warm-up), and
    with every name the fleet publishes once each, shuffled, no warm-up (each
    round starts at a fresh part of the file: a name is not asked again before
    the others). More distinct names than the reply cache holds (250,000,
    src/dns/server/handler.ts) needs N ≥ ~65k endpoints (~4.5 names each).
 2. churn: an api process (--role api) on the same Redis; while dnsperf runs
    the cacheable mix against plinkd, the bench calls the API at --rate calls/s:
    reads (the control: what the API costs on this machine), description edits
    (no DNS name changes), zone removals and additions (a zonal name goes and
    comes back); and quiet, for reference.

Prints cache-hostile ÷ cacheable q/s (goal ≥ 0.8), q/s under edits ÷ under
reads (goal ≥ 0.9), and each ÷ NSD's q/s on the same query file.

  --endpoints 1M       fleet size (default 100k)
  --queries 100k       lines of the cacheable query file (default 100k)
  --rounds 3           alternating rounds per measure (default 3)
  --seconds 10         length of each dnsperf run (default 10)
  --rate 50            API calls per second during churn (default 50)
  --time-limit 3600    seconds before the bench stops itself (default 3600)

Time at 1M: seeding ~60 s, plinkd and NSD load ~100 s, the api process ~150 s,
then rounds × (4 + 4) × (seconds + ~3) s; about 20 min with the defaults.
Memory at 1M: ~8 GiB (Redis, two replicas, NSD, the bench's name list).`;

const flags = new Flags(process.argv.slice(2), USAGE, ['mode', 'endpoints', 'queries', 'rounds', 'seconds', 'rate', 'time-limit']);
const ENDPOINTS = flags.count('endpoints', 100_000);
const QUERIES = flags.count('queries', 100_000);
const ROUNDS = flags.count('rounds', 3);
const SECONDS = flags.count('seconds', 10);
const RATE = flags.count('rate', 50);
timeLimit(flags.count('time-limit', 3600));

const REPLY_CACHE_ENTRIES = 250_000;
/** Endpoints the churn touches: enough that none is edited twice while its last edit settles. */
const CHURN_TARGETS = 5_000;

interface Run {
  qps: number;
  cpuMicros: number;
  lost: number;
  /** Under churn: CPU the api process and redis-server spent during the run (the rest of the 2 cores). */
  apiCpuSeconds?: number;
  redisCpuSeconds?: number;
}

const GiB = 2 ** 30;

/** plinkd's CPU so far (its load, right after ready), resident memory and high-water mark. */
async function memoryOf(pid: number): Promise<{ cpuSeconds: number; rss: number; peakRss: number }> {
  const [cpuSeconds, rss, peakRss] = await Promise.all([treeCpuSeconds(pid), rssBytes(pid), peakRssBytes(pid)]);
  return { cpuSeconds, rss, peakRss };
}

async function saturate(pid: number, port: number, queryFile: string): Promise<Run> {
  const before = await treeCpuSeconds(pid);
  const run = await throughput({ port, queryFile, seconds: SECONDS });
  const cpu = (await treeCpuSeconds(pid)) - before;
  return { qps: run.qps, cpuMicros: (cpu * 1e6) / Math.max(1, run.completed), lost: run.lostPercent };
}

/** Round r's order: rotated, and reversed every other round, so a busy moment hits each in turn. */
function order<T>(round: number, items: readonly T[]): T[] {
  const shift = round % items.length;
  const rotated = [...items.slice(shift), ...items.slice(0, shift)];
  return round % 2 === 0 ? rotated : rotated.reverse();
}

const medianOf = (runs: readonly Run[], pick: (r: Run) => number): number => median(runs.map(pick));
const runsText = (runs: readonly Run[]): string => runs.map((r) => fmtInt(r.qps)).join(', ');
const verdict = (value: number, goal: number): string => `goal ≥ ${goal}: ${value >= goal ? 'met' : 'NOT met'}`;

async function main(): Promise<void> {
  const report = new Report('dns-fleet');
  report.line(`# DNS at fleet scale: full path and churn — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['nsd', 'dnsperf', 'redis']))) report.line(line);
  report.line(`- dnsperf over UDP on 127.0.0.1, -c 4 -q 200, ${ROUNDS} alternating rounds × ${SECONDS} s; medians quoted`);
  report.line(`- cacheable mix (${fmtInt(QUERIES)} lines, replayed): ${MIX.map((m) => `${m.weight}% ${m.what}`).join('; ')}`);

  const dir = tempDir('dns-fleet');
  const hostile = new HostileQueryBuilder();
  const targets: ChurnTarget[] = [];
  const every = Math.max(1, Math.floor(ENDPOINTS / CHURN_TARGETS));
  let seen = 0;
  const fixture = await prepareFixture(dir, ENDPOINTS, QUERIES, (batch: readonly FleetEndpoint[]) => {
    hostile.add(batch);
    for (const endpoint of batch) if (seen++ % every === 0) targets.push(churnTargetOf(endpoint));
  });
  const names = hostile.size;
  report.line(
    `- cache-hostile file: ${fmtInt(names)} queries, every published name once (A; AAAA too for DualStack), shuffled; the reply cache holds ${fmtInt(REPLY_CACHE_ENTRIES)}${names <= REPLY_CACHE_ENTRIES ? ' — **fewer names than the cache holds: not cache-hostile at this size**' : ''}`,
  );
  report.line(`- fleet: ${fmtInt(ENDPOINTS)} endpoints, seeded into Redis in ${fmt(fixture.seedSeconds, 1)} s`);
  const servers = await startServers(fixture);
  await stopChild(servers.echo.child);
  report.line(`- ready: plinkd ${fmt(servers.plinkd.readyMs / 1000, 1)} s (load from Redis), NSD ${fmt(servers.nsd.readyMs / 1000, 1)} s`);
  const loaded = await memoryOf(servers.plinkd.child.pid ?? -1);
  const verification = await verifySameAnswers(fixture.samples, servers.plinkd.dnsPort, servers.nsd.port);
  report.line(
    `- answers compared on ${verification.checked} sample queries: ${verification.mismatches.length === 0 ? 'identical' : `${verification.mismatches.length} MISMATCHES`}`,
  );
  for (const m of verification.mismatches.slice(0, 10)) report.line(`  - ${m}`);

  const plinkd = { pid: servers.plinkd.child.pid ?? -1, port: servers.plinkd.dnsPort };
  const nsd = { pid: servers.nsd.child.pid ?? -1, port: servers.nsd.port };

  // 1. Cache-hostile vs cacheable.
  console.log(`cache-hostile vs cacheable (load ${loadAverage()})`);
  const hostileFile = join(dir, 'hostile.txt');
  for (const server of [plinkd, nsd]) await throughput({ port: server.port, queryFile: fixture.queryFile, seconds: 3 });
  type Cell = 'plinkd cacheable' | 'plinkd hostile' | 'nsd cacheable' | 'nsd hostile';
  const cells: Cell[] = ['plinkd cacheable', 'plinkd hostile', 'nsd cacheable', 'nsd hostile'];
  const runs = new Map<Cell, Run[]>(cells.map((c) => [c, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const cell of order(r, cells)) {
      const server = cell.startsWith('plinkd') ? plinkd : nsd;
      const file = cell.endsWith('hostile') ? hostileFile : fixture.queryFile;
      // Each hostile run starts at a part of the shuffled names no earlier run started at.
      if (cell.endsWith('hostile')) await hostile.write(hostileFile, (2 * r + (server === nsd ? 1 : 0)) / (2 * ROUNDS));
      const run = await saturate(server.pid, server.port, file);
      runs.get(cell)!.push(run);
      console.log(
        `  round ${r + 1} ${cell.padEnd(16)} ${fmtInt(run.qps).padStart(9)} q/s  ${fmt(run.cpuMicros)} µs CPU/query  (load ${loadAverage()})`,
      );
    }
  }
  const q = (cell: Cell): number => medianOf(runs.get(cell)!, (r) => r.qps);
  report.line();
  report.line('## Full path: cache-hostile vs cacheable');
  report.line();
  report.table(
    ['server, query file', 'q/s (median)', 'q/s rounds', 'CPU µs/query', 'lost %'],
    cells.map((cell) => [
      cell,
      fmtInt(q(cell)),
      runsText(runs.get(cell)!),
      fmt(medianOf(runs.get(cell)!, (r) => r.cpuMicros)),
      fmt(medianOf(runs.get(cell)!, (r) => r.lost)),
    ]),
  );
  const hostileRatio = q('plinkd hostile') / q('plinkd cacheable');
  report.line();
  report.line(
    `- **plinkd cache-hostile ÷ cacheable q/s: ${fmt(hostileRatio)}** (${verdict(hostileRatio, 0.8)}); NSD: ${fmt(q('nsd hostile') / q('nsd cacheable'))}`,
  );
  report.line(
    `- plinkd ÷ NSD q/s: cache-hostile ${fmt(q('plinkd hostile') / q('nsd hostile'))}, cacheable ${fmt(q('plinkd cacheable') / q('nsd cacheable'))}`,
  );
  report.line(`- queries per run vs distinct names: ~${fmtInt(q('plinkd hostile') * SECONDS)} of ${fmtInt(names)}`);

  // 2. Churn.
  console.log(`starting the api process (load ${loadAverage()})`);
  const api = await startChurnApi(fixture.redis.url);
  report.line();
  report.line(`## DNS under API churn (${RATE} calls/s, the cacheable mix)`);
  report.line();
  report.line(
    `- api process (--role api, same Redis) ready in ${fmt(api.readyMs / 1000, 1)} s; churn over ${fmtInt(targets.length)} endpoints`,
  );
  for (const load of API_LOADS) report.line(`- ${load.kind}: ${load.what}`);
  const load = new ApiLoad(api.apiUrl, targets);
  type Phase = 'quiet' | ApiLoadKind;
  const phases: Phase[] = ['quiet', ...API_LOADS.map((l) => l.kind)];
  const churn = new Map<Phase, Run[]>(phases.map((p) => [p, []]));
  const calls = new Map<Phase, ApiLoadResult[]>(phases.map((p) => [p, []]));
  const nsdQuiet: Run[] = [];
  const redisPid = fixture.redis.child.pid ?? 0;
  await throughput({ port: plinkd.port, queryFile: fixture.queryFile, seconds: 3 });
  for (let r = 0; r < ROUNDS; r++) {
    for (const phase of order(r, phases)) {
      const apiBefore = await treeCpuSeconds(api.child.pid ?? 0);
      const redisBefore = await treeCpuSeconds(redisPid);
      const [run, result] = await Promise.all([
        saturate(plinkd.pid, plinkd.port, fixture.queryFile),
        phase === 'quiet' ? Promise.resolve(undefined) : load.run(phase, RATE, SECONDS),
      ]);
      run.apiCpuSeconds = (await treeCpuSeconds(api.child.pid ?? 0)) - apiBefore;
      run.redisCpuSeconds = (await treeCpuSeconds(redisPid)) - redisBefore;
      churn.get(phase)!.push(run);
      if (result !== undefined) calls.get(phase)!.push(result);
      const errors =
        result === undefined
          ? ''
          : ` API ok ${result.ok}/${result.sent}${result.errors.size > 0 ? ` errors ${[...result.errors].map(([c, n]) => `${c} ${n}`).join(', ')}` : ''}`;
      console.log(
        `  round ${r + 1} ${phase.padEnd(11)} ${fmtInt(run.qps).padStart(9)} q/s  ${fmt(run.cpuMicros)} µs CPU/query${errors}  (load ${loadAverage()})`,
      );
    }
    nsdQuiet.push(await saturate(nsd.pid, nsd.port, fixture.queryFile));
  }
  await load.restore();
  const c = (phase: Phase): number => medianOf(churn.get(phase)!, (r) => r.qps);
  const nsdQps = medianOf(nsdQuiet, (r) => r.qps);
  const apiText = (phase: Phase): string => {
    const results = calls.get(phase)!;
    if (results.length === 0) return '—';
    const ok = results.reduce((n, r) => n + r.ok, 0);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    const errors = new Map<string, number>();
    for (const r of results) for (const [code, n] of r.errors) errors.set(code, (errors.get(code) ?? 0) + n);
    const skipped = results.reduce((n, r) => n + r.skipped, 0);
    return `${fmtInt(ok)} ok of ${fmtInt(sent)}${errors.size > 0 ? `; ${[...errors].map(([code, n]) => `${code} ${n}`).join(', ')}` : ''}${skipped > 0 ? `; ${skipped} not sent (API behind)` : ''}`;
  };
  report.line();
  report.table(
    [
      'API load',
      'plinkd q/s (median)',
      'q/s rounds',
      'CPU µs/query',
      'api CPU s per run',
      'redis CPU s per run',
      '÷ under reads',
      '÷ NSD (quiet)',
      'API calls',
    ],
    phases.map((phase) => [
      phase,
      fmtInt(c(phase)),
      runsText(churn.get(phase)!),
      fmt(medianOf(churn.get(phase)!, (r) => r.cpuMicros)),
      fmt(medianOf(churn.get(phase)!, (r) => r.apiCpuSeconds ?? 0)),
      fmt(medianOf(churn.get(phase)!, (r) => r.redisCpuSeconds ?? 0)),
      fmt(c(phase) / c('reads')),
      fmt(c(phase) / nsdQps),
      apiText(phase),
    ]),
  );
  report.line();
  for (const phase of ['description', 'zones'] as const) {
    const ratio = c(phase) / c('reads');
    report.line(`- **q/s under ${phase} edits ÷ under reads: ${fmt(ratio)}** (${verdict(ratio, 0.9)}); ÷ NSD: ${fmt(c(phase) / nsdQps)}`);
  }
  report.line(`- reads ÷ quiet: ${fmt(c('reads') / c('quiet'))} (what the API's own work takes from DNS on these 2 cores)`);
  report.line(
    `- api and redis CPU per ${SECONDS} s run: what the writes, the reconciler's steps and the commits take from the same 2 cores (the DNS process's own cost per change: bench:dns-churn)`,
  );
  report.line(`- NSD (quiet, same file): ${fmtInt(nsdQps)} q/s (rounds ${runsText(nsdQuiet)})`);
  report.line(`- load average after: ${loadAverage()}`);

  const serving = await memoryOf(plinkd.pid);
  report.line();
  report.line('## The replica: first load and memory');
  report.line();
  report.line(
    `- **first load from Redis to ready: ${fmt(servers.plinkd.readyMs / 1000, 1)} s wall, ${fmt(loaded.cpuSeconds, 1)} s CPU** (goal < 60 s: ${servers.plinkd.readyMs < 60_000 ? 'met' : 'NOT met'}; NSD reads its zone file in ${fmt(servers.nsd.readyMs / 1000, 1)} s)`,
  );
  report.line(
    `- **RSS after the load ${fmt(loaded.rss / GiB, 2)} GiB, after every measure above ${fmt(serving.rss / GiB, 2)} GiB** (goal < 2 GiB: ${Math.max(loaded.rss, serving.rss) < 2 * GiB ? 'met' : 'NOT met'}); peak during the load ${fmt(loaded.peakRss / GiB, 2)} GiB`,
  );

  await stopChild(api.child, 15_000);
  await stopServers(servers);
  await stopChild(fixture.redis.child);
  report.write();
}

runBench(main);
