/**
 * `npm run bench:scale` — a plinkd DNS replica holding 1M endpoints (docs/design/performance.md:
 * < 2 GiB, loaded from Redis in < 60 s, DNS queries/s as at 1k). See USAGE;
 * results go to bench/results/<date>-scale.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench, stopChild, tempDir, timeLimit, track } from '../common/cleanup.js';
import { waitForDns } from '../common/dns-client.js';
import { throughput } from '../common/dnsperf.js';
import { REGION_ZONE } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { freePort, startRedis } from '../common/processes.js';
import { rssBytes, treeCpuSeconds } from '../common/proc.js';
import { seedRedis } from '../common/redis-seed.js';
import { Report } from '../common/report.js';
import { shareByArea, topSelfTime } from '../common/cpu-profile.js';
import { allocationByArea, topAllocators } from '../common/heap-profile.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { LOAD_AREAS } from './load-areas.js';
import { QueryMixBuilder } from '../dns/queries.js';

const USAGE = `npm run bench:scale -- [flags]

Seeds a large fleet (default 1M endpoints) and a small one (default 1k) into
two databases of one Redis (documents of the model, as the API writes them),
then starts one plinkd DNS replica per fleet (--role dns, the same composition
as plinkd serve, in a probe process that reports its own load time, CPU time,
heap after a full GC and RSS). Then dnsperf runs against both replicas in
alternating rounds with the same kind of query mix: queries/s at 1M vs 1k.

  --endpoints 1M       the large fleet (default 1M)
  --small 1k           the small fleet (default 1k)
  --rounds 3           alternating dnsperf rounds (default 3)
  --seconds 10         length of each dnsperf run (default 10)
  --warmup 10          dnsperf seconds per replica before the rounds (default 10:
                       one pass of the 1M query file, ~100k distinct names)
  --time-limit 1800    seconds before the bench stops itself (default 1800)
  --node-flags "..."   extra node flags for both replicas, e.g.
                       "--max-semi-space-size=64" (default none: as plinkd runs)
  --profile yes        CPU-profile the large replica's load (node:inspector, the
                       load only) and report where its time goes, by area and by
                       function (default no; profiling slows the load ~10-20 %)
  --profile alloc      sample the large replica's load allocations instead
                       (garbage included) and report bytes per endpoint by area
                       and the functions allocating most

Time: seeding ~60 s per 1M endpoints, loading (the measure) up to a few
minutes on a busy machine, then 2 × rounds × seconds. Needs ~6 GiB of free
memory at 1M (Redis ~2.3 GiB, the replica, the bench). Binds only to free
ports on 127.0.0.1; every process and temp dir is removed on exit.`;

const flags = new Flags(process.argv.slice(2), USAGE, [
  'endpoints',
  'small',
  'rounds',
  'seconds',
  'warmup',
  'time-limit',
  'node-flags',
  'profile',
]);
const PROFILE_KIND = flags.string('profile', 'no');
if (!['no', 'yes', 'alloc'].includes(PROFILE_KIND)) throw new Error(`--profile: yes, alloc or no, not ${PROFILE_KIND}`);
const PROFILE = PROFILE_KIND !== 'no';
const LARGE = flags.count('endpoints', 1_000_000);
const SMALL = flags.count('small', 1_000);
const ROUNDS = flags.count('rounds', 3);
const SECONDS = flags.count('seconds', 10);
const QUERIES = 100_000;
const WARMUP_SECONDS = flags.count('warmup', 10);
const NODE_FLAGS = flags
  .string('node-flags', '')
  .split(' ')
  .filter((f) => f !== '');
timeLimit(flags.count('time-limit', 1800));

const PROBE = join(fileURLToPath(new URL('.', import.meta.url)), 'probe.js');
const GiB = 2 ** 30;
const MiB = 2 ** 20;

interface ProbeReport {
  loadMs: number;
  loadCpuMs: number;
  heapUsed: number;
  heapTotal: number;
  rss: number;
  peakRss: number;
}

interface Replica {
  endpoints: number;
  child: ChildProcess;
  dnsPort: number;
  queryFile: string;
  report: ProbeReport;
}

async function seed(dir: string, url: string, endpoints: number): Promise<{ queryFile: string; seconds: number }> {
  const mix = new QueryMixBuilder(endpoints, QUERIES);
  const seeded = await seedRedis(url, endpoints, (batch) => mix.add(batch));
  const queryFile = join(dir, `queries-${endpoints}.txt`);
  writeFileSync(queryFile, mix.text());
  return { queryFile, seconds: seeded.seconds };
}

async function startProbe(url: string, endpoints: number, queryFile: string, profileDir?: string): Promise<Replica> {
  const dnsPort = await freePort();
  const apiPort = await freePort();
  const child = track(
    spawn(
      process.execPath,
      [
        '--expose-gc',
        ...NODE_FLAGS,
        PROBE,
        url,
        String(dnsPort),
        String(apiPort),
        ...(profileDir === undefined ? [] : [profileDir, PROFILE_KIND === 'alloc' ? 'alloc' : 'cpu']),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  );
  const report = await new Promise<ProbeReport>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined) resolve(JSON.parse(line) as ProbeReport);
    });
    child.once('exit', (code) => reject(new Error(`replica probe for ${endpoints} endpoints exited with ${code}`)));
  });
  await waitForDns(dnsPort, REGION_ZONE, 10_000);
  return { endpoints, child, dnsPort, queryFile, report };
}

async function main(): Promise<void> {
  const report = new Report('scale');
  report.line(`# Scale benchmark: ${fmtInt(LARGE)} endpoints in one replica — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['dnsperf', 'redis']))) report.line(line);
  const dir = tempDir('scale');
  const redis = await startRedis(dir);
  const fleets = [SMALL, LARGE];
  const seeded: Array<{ queryFile: string; seconds: number }> = [];
  for (const [db, endpoints] of fleets.entries()) seeded.push(await seed(dir, `${redis.url}/${db}`, endpoints));
  report.line(`- dnsperf: ${WARMUP_SECONDS} s warm-up per replica, then ${ROUNDS} alternating rounds of ${SECONDS} s`);
  report.line(`- replica node flags: ${NODE_FLAGS.length === 0 ? 'none (as plinkd runs)' : NODE_FLAGS.join(' ')}`);
  report.line(
    `- seeded into Redis: ${fleets.map((n, i) => `${fmtInt(n)} endpoints in ${fmt(seeded[i]!.seconds, 1)} s`).join(', ')} (each endpoint: 3 zones, 4 names; 1 service per 10 endpoints, every 4th DualStack; 1 VPC with 3 vSwitches per 250)`,
  );
  console.log(`loading replicas (load ${loadAverage()})`);
  // One at a time: the load time is the measure, and the small one must not share its CPU.
  const replicas: Replica[] = [];
  const profileDir = PROFILE ? tempDir('scale-load-profile') : undefined;
  for (const [db, endpoints] of fleets.entries())
    replicas.push(await startProbe(`${redis.url}/${db}`, endpoints, seeded[db]!.queryFile, endpoints === LARGE ? profileDir : undefined));
  report.line(`- load average after loading: ${loadAverage()}`);
  report.line();
  report.table(
    ['endpoints', 'load from Redis s (wall)', 'load CPU s', 'heap used after GC', 'heap total', 'RSS after load', 'peak RSS'],
    replicas.map((r) => [
      fmtInt(r.endpoints),
      fmt(r.report.loadMs / 1000, 1),
      fmt(r.report.loadCpuMs / 1000, 1),
      `${fmt(r.report.heapUsed / MiB, 0)} MiB`,
      `${fmt(r.report.heapTotal / MiB, 0)} MiB`,
      `${fmt(r.report.rss / MiB, 0)} MiB`,
      `${fmt(r.report.peakRss / MiB, 0)} MiB`,
    ]),
  );

  const qps = new Map<number, number[]>(fleets.map((n) => [n, []]));
  const cpu = new Map<number, number[]>(fleets.map((n) => [n, []]));
  // Warm-up: at least one full pass of each query file, so the rounds measure
  // the steady state. The 1M file holds ~100k distinct names (the 1k one a few
  // thousand): with 3 s, round 1 at 1M still filled the server's reply cache.
  for (const r of replicas) await throughput({ port: r.dnsPort, queryFile: r.queryFile, seconds: WARMUP_SECONDS });
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of round % 2 === 0 ? replicas : [...replicas].reverse()) {
      const before = await treeCpuSeconds(r.child.pid ?? -1);
      const run = await throughput({ port: r.dnsPort, queryFile: r.queryFile, seconds: SECONDS });
      const used = (await treeCpuSeconds(r.child.pid ?? -1)) - before;
      qps.get(r.endpoints)!.push(run.qps);
      cpu.get(r.endpoints)!.push((used * 1e6) / Math.max(1, run.completed));
      console.log(
        `  round ${round + 1} ${fmtInt(r.endpoints).padStart(9)} endpoints: ${fmtInt(run.qps)} q/s, lost ${run.lostPercent}% (load ${loadAverage()})`,
      );
    }
  }
  const rssServing = await Promise.all(replicas.map((r) => rssBytes(r.child.pid ?? -1)));
  report.line();
  report.table(
    ['endpoints', 'q/s (median)', 'q/s rounds', 'CPU µs/query', 'RSS while serving'],
    replicas.map((r, i) => [
      fmtInt(r.endpoints),
      fmtInt(median(qps.get(r.endpoints)!)),
      qps.get(r.endpoints)!.map(fmtInt).join(', '),
      fmt(median(cpu.get(r.endpoints)!)),
      `${fmt(rssServing[i]! / MiB, 0)} MiB`,
    ]),
  );
  const large = replicas[1]!;
  const ratio = median(qps.get(LARGE)!) / median(qps.get(SMALL)!);
  const memory = Math.max(large.report.rss, rssServing[1]!);
  report.line();
  report.line(
    `- **memory at ${fmtInt(LARGE)}: RSS ${fmt(memory / GiB, 2)} GiB, heap ${fmt(large.report.heapUsed / GiB, 2)} GiB** (target < 2 GiB: ${memory < 2 * GiB ? 'met' : 'NOT met'})`,
  );
  report.line(
    `- **load from Redis: ${fmt(large.report.loadMs / 1000, 1)} s wall, ${fmt(large.report.loadCpuMs / 1000, 1)} s CPU** (target < 60 s: ${large.report.loadMs < 60_000 ? 'met' : 'NOT met'})`,
  );
  report.line(
    `- **peak RSS during the load: ${fmt(large.report.peakRss / GiB, 2)} GiB** (target < 2.5 GiB: ${large.report.peakRss < 2.5 * GiB ? 'met' : 'NOT met'})`,
  );
  report.line(
    `- **q/s at ${fmtInt(LARGE)} / at ${fmtInt(SMALL)}: ${fmt(ratio)}** (target: unchanged, ≥ 0.9: ${ratio >= 0.9 ? 'met' : 'NOT met'})`,
  );
  report.line(`- load average after: ${loadAverage()}`);
  if (profileDir !== undefined) {
    if (PROFILE_KIND === 'alloc') reportLoadAllocations(report, profileDir);
    else reportLoadProfile(report, profileDir);
  }
  for (const r of replicas) await stopChild(r.child, 30_000);
  await stopChild(redis.child);
  report.write();
}

/** Where the large replica's load spent its CPU (--profile yes): by area of the code, then the top functions. */
function reportLoadProfile(report: Report, dir: string): void {
  report.line();
  report.line(
    `CPU profile of the ${fmtInt(LARGE)}-endpoint load (node:inspector around startApp; share of samples, the innermost area on the stack):`,
  );
  report.line();
  report.table(
    ['area', 'share %'],
    shareByArea(dir, LOAD_AREAS).map((a) => [a.name, fmt(a.percent, 1)]),
  );
  report.line();
  report.table(
    ['self %', 'function', 'where'],
    topSelfTime(dir, 20).map((l) => [fmt(l.percent, 1), l.fn, l.where]),
  );
}

/** What the large replica's load allocated (--profile alloc): bytes per endpoint by area, then the top functions. */
function reportLoadAllocations(report: Report, dir: string): void {
  const { total, byArea } = allocationByArea(dir, LOAD_AREAS);
  report.line();
  report.line(
    `Allocation profile of the ${fmtInt(LARGE)}-endpoint load (sampled every 32 KiB through node:inspector around startApp, garbage included; the innermost area on the allocating stack):`,
  );
  report.line();
  report.line(`- **allocated during the load: ${fmtInt(total / LARGE)} bytes per endpoint** (${fmt(total / MiB, 0)} MiB in all)`);
  report.line();
  report.table(
    ['area', 'bytes per endpoint', 'share %'],
    byArea.filter((a) => a.bytes > 0).map((a) => [a.name, fmtInt(a.bytes / LARGE), fmt((100 * a.bytes) / Math.max(1, total), 1)]),
  );
  report.line();
  report.table(
    ['self %', 'function', 'where'],
    topAllocators(dir, 20).map((l) => [fmt(l.percent, 1), l.fn, l.where]),
  );
}

runBench(main);
