/**
 * `npm run bench:dns` — plinkd vs NSD on the same names (docs/design/performance.md).
 * See USAGE below; results go to bench/results/<date>-dns.md.
 */
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { topSelfTime } from '../common/cpu-profile.js';
import { throughput, latencyAtRate, type LatencyRun } from '../common/dnsperf.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { treeCpuSeconds } from '../common/proc.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { MIX } from './queries.js';
import { prepareFixture, startPlinkdServer, startServers, stopServers, type Fixture, type Servers } from './setup.js';
import { verifySameAnswers } from './verify.js';

const USAGE = `npm run bench:dns -- [--mode compare] [flags]
(other modes: --mode fleet, --mode workers; each has its own --help)

Generates N connected endpoints straight into a Redis store (documents of the
model), runs plinkd (one process, --role dns, replica of that store) and NSD
(one server process, server-count 1, rate limiting off) serving the same
names from an RFC 1035 zone file, checks they answer alike, then runs dnsperf
against each in alternation: queries/s at saturation, then latency
percentiles at a fixed rate (half of plinkd's median queries/s).

  --endpoints 1k,100k,1M   fleet sizes, one after the other (default 100k)
  --queries 100k           lines in the query file (default 100k)
  --rounds 3               alternating rounds per measure (default 3)
  --seconds 10             length of each dnsperf run (default 10)
  --light-rate 2000        a second, light fixed rate for latency (default 2000 q/s)
  --profile yes            also profile plinkd's hot path (node --cpu-prof) at saturation
  --time-limit 1800        seconds before the bench stops itself (default 1800)

Time: about rounds × 9 × (seconds + 2) s per size (three servers, saturation
and latency at two rates), plus seeding and loading
(~6 s per 100k endpoints to seed; NSD and plinkd load in parallel). Bound by
--time-limit; every process and temp dir is removed on exit. Binds only to free
ports on 127.0.0.1.`;

const flags = new Flags(process.argv.slice(2), USAGE, [
  'mode',
  'endpoints',
  'queries',
  'rounds',
  'seconds',
  'light-rate',
  'profile',
  'time-limit',
]);
const SIZES = flags.counts('endpoints', [100_000]);
const QUERIES = flags.count('queries', 100_000);
const ROUNDS = flags.count('rounds', 3);
const SECONDS = flags.count('seconds', 10);
const LIGHT_RATE = flags.count('light-rate', 2000);
const PROFILE = flags.string('profile', 'no') === 'yes';
timeLimit(flags.count('time-limit', 1800));

type Server = 'plinkd' | 'nsd' | 'echo';
interface Throughput {
  qps: number;
  cpuMicros: number;
  lost: number;
}

const report = new Report('dns');
const info = machineInfo(['nsd', 'dnsperf', 'redis']);

async function saturate(pid: number, port: number, queryFile: string, seconds: number): Promise<Throughput> {
  const before = await treeCpuSeconds(pid);
  const run = await throughput({ port, queryFile, seconds });
  const cpu = (await treeCpuSeconds(pid)) - before;
  return { qps: run.qps, cpuMicros: (cpu * 1e6) / Math.max(1, run.completed), lost: run.lostPercent };
}

/** Alternating order, so a slow or busy moment of the shared machine hits each server in turn. */
function order<S extends Server>(round: number, servers: readonly S[]): S[] {
  const shift = round % servers.length;
  const rotated = [...servers.slice(shift), ...servers.slice(0, shift)];
  return round % 2 === 0 ? rotated : rotated.reverse();
}

const ALL: readonly Server[] = ['plinkd', 'nsd', 'echo'];

async function measureSize(fixture: Fixture, servers: Servers): Promise<void> {
  const target = (s: Server): { pid: number; port: number } =>
    s === 'plinkd'
      ? { pid: servers.plinkd.child.pid ?? -1, port: servers.plinkd.dnsPort }
      : { pid: servers[s].child.pid ?? -1, port: servers[s].port };
  const verification = await verifySameAnswers(fixture.samples, servers.plinkd.dnsPort, servers.nsd.port);
  report.line(
    `- answers compared on ${verification.checked} sample queries: ${verification.mismatches.length === 0 ? 'identical (RCODE, AA, answer records in order, authority)' : `${verification.mismatches.length} MISMATCHES`}`,
  );
  for (const m of verification.mismatches.slice(0, 10)) report.line(`  - ${m}`);

  for (const s of ALL) await throughput({ port: target(s).port, queryFile: fixture.queryFile, seconds: 3 });
  const sat = new Map<Server, Throughput[]>(ALL.map((s) => [s, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of order(r, ALL)) {
      const t = await saturate(target(s).pid, target(s).port, fixture.queryFile, SECONDS);
      sat.get(s)!.push(t);
      console.log(
        `  saturation round ${r + 1} ${s.padEnd(6)} ${fmtInt(t.qps).padStart(9)} q/s  ${fmt(t.cpuMicros)} µs CPU/query  lost ${t.lost}%  (load ${loadAverage()})`,
      );
    }
  }
  const med = (s: Server, pick: (t: Throughput) => number): number => median(sat.get(s)!.map(pick));
  const rate = Math.round(med('plinkd', (t) => t.qps) / 2);
  const latencyAt = async (qps: number): Promise<Map<Server, LatencyRun[]>> => {
    const runs = new Map<Server, LatencyRun[]>(ALL.map((s) => [s, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of order(r, ALL)) {
        const run = await latencyAtRate({ port: target(s).port, queryFile: fixture.queryFile, seconds: SECONDS, rate: qps });
        runs.get(s)!.push(run);
        console.log(
          `  latency round ${r + 1} ${s.padEnd(6)} at ${fmtInt(qps)} q/s: p50 ${fmt(run.p50Ms, 3)} ms  p99 ${fmt(run.p99Ms, 3)} ms  lost ${run.lostPercent}%`,
        );
      }
    }
    return runs;
  };
  const lat = await latencyAt(rate);
  const light = await latencyAt(Math.min(LIGHT_RATE, rate));
  const lmed = (s: Server, pick: (t: LatencyRun) => number, runs = lat): number => median(runs.get(s)!.map(pick));

  report.line();
  report.table(
    [
      'server',
      'q/s (median)',
      'q/s rounds',
      'CPU µs/query',
      `p50 ms @${fmtInt(rate)} q/s`,
      'p99 ms',
      'p99.9 ms',
      `p50 / p99 ms @${fmtInt(Math.min(LIGHT_RATE, rate))} q/s`,
      'lost % (sat / fixed)',
    ],
    ALL.map((s) => {
      const latency = (pick: (t: LatencyRun) => number, runs = lat): string => fmt(lmed(s, pick, runs), 3);
      return [
        s === 'plinkd'
          ? 'plinkd (--role dns, Redis replica)'
          : s === 'nsd'
            ? 'NSD (server-count 1)'
            : 'bare node:dgram echo (ceiling of one Node process)',
        fmtInt(med(s, (t) => t.qps)),
        sat
          .get(s)!
          .map((t) => fmtInt(t.qps))
          .join(', '),
        fmt(med(s, (t) => t.cpuMicros)),
        latency((l) => l.p50Ms),
        latency((l) => l.p99Ms),
        latency((l) => l.p999Ms),
        `${latency((l) => l.p50Ms, light)} / ${latency((l) => l.p99Ms, light)}`,
        `${fmt(med(s, (t) => t.lost))} / ${fmt(lmed(s, (l) => l.lostPercent))}`,
      ];
    }),
  );
  const ratio = med('plinkd', (t) => t.qps) / med('nsd', (t) => t.qps);
  const costRatio = med('nsd', (t) => t.cpuMicros) / med('plinkd', (t) => t.cpuMicros);
  const p99 = lmed('plinkd', (l) => l.p99Ms);
  const lightP99 = lmed('plinkd', (l) => l.p99Ms, light);
  const echoRatio = med('echo', (t) => t.qps) / med('nsd', (t) => t.qps);
  report.line();
  report.line(
    `- **plinkd / NSD q/s: ${fmt(ratio)}** (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); CPU cost NSD/plinkd per query: ${fmt(costRatio)}`,
  );
  report.line(
    `- ceiling of one Node process here: echo / NSD ${fmt(echoRatio)}; plinkd / echo ${fmt(med('plinkd', (t) => t.qps) / med('echo', (t) => t.qps))}`,
  );
  report.line(
    `- **plinkd p99 at ${fmtInt(rate)} q/s: ${fmt(p99, 3)} ms** (target < 1 ms: ${p99 < 1 ? 'met' : 'NOT met'}); NSD p99 at the same rate: ${fmt(
      lmed('nsd', (l) => l.p99Ms),
      3,
    )} ms, bare echo ${fmt(
      lmed('echo', (l) => l.p99Ms),
      3,
    )} ms`,
  );
  report.line(
    `- **plinkd p99 at ${fmtInt(Math.min(LIGHT_RATE, rate))} q/s: ${fmt(lightP99, 3)} ms** (target < 1 ms: ${lightP99 < 1 ? 'met' : 'NOT met'}); NSD p99 at the same rate: ${fmt(
      lmed('nsd', (l) => l.p99Ms, light),
      3,
    )} ms, bare echo ${fmt(
      lmed('echo', (l) => l.p99Ms, light),
      3,
    )} ms`,
  );
  report.line(`- rcodes seen by dnsperf (plinkd, last round): ${lat.get('plinkd')!.at(-1)?.rcodes ?? ''}`);
  report.line(`- rcodes seen by dnsperf (NSD, last round): ${lat.get('nsd')!.at(-1)?.rcodes ?? ''}`);
  report.line(`- load average after: ${loadAverage()}`);
}

async function profileSize(fixture: Fixture, servers: Servers): Promise<void> {
  const dir = tempDir('cpuprof');
  await stopChild(servers.plinkd.child, 15_000);
  const profiled = await startPlinkdServer(fixture, ['--cpu-prof', '--cpu-prof-dir', dir]);
  await throughput({ port: profiled.dnsPort, queryFile: fixture.queryFile, seconds: 3 });
  await throughput({ port: profiled.dnsPort, queryFile: fixture.queryFile, seconds: SECONDS });
  await stopChild(profiled.child, 30_000);
  report.line();
  report.line(`CPU profile of plinkd at saturation (node --cpu-prof, last ${SECONDS} s of the profile, self time):`);
  report.line();
  report.table(
    ['self %', 'function', 'where'],
    topSelfTime(dir, 20, SECONDS).map((l) => [fmt(l.percent, 1), l.fn, l.where]),
  );
}

async function main(): Promise<void> {
  report.line(`# DNS benchmark: plinkd vs NSD — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(info)) report.line(line);
  report.line(
    `- dnsperf over UDP on 127.0.0.1, -c 4 -q 200, ${ROUNDS} alternating rounds × ${SECONDS} s per server and measure; medians quoted`,
  );
  report.line(`- query mix (${fmtInt(QUERIES)} lines, same file for both): ${MIX.map((m) => `${m.weight}% ${m.what}`).join('; ')}`);
  for (const endpoints of SIZES) {
    report.line();
    report.line(`## ${fmtInt(endpoints)} endpoints`);
    report.line();
    const dir = tempDir(`dns-${endpoints}`);
    const fixture = await prepareFixture(dir, endpoints, QUERIES);
    report.line(
      `- seeded ${fmtInt(endpoints)} endpoints into Redis in ${fmt(fixture.seedSeconds, 1)} s; zone file ${fmtInt(fixture.zoneRecords)} address records; queries: ${Object.entries(
        fixture.queryCounts,
      )
        .map(([k, v]) => `${k} ${fmtInt(v)}`)
        .join(', ')}`,
    );
    const servers = await startServers(fixture);
    report.line(
      `- ready: plinkd ${fmt(servers.plinkd.readyMs / 1000, 1)} s (load from Redis), NSD ${fmt(servers.nsd.readyMs / 1000, 1)} s (zone file)`,
    );
    await measureSize(fixture, servers);
    if (PROFILE) await profileSize(fixture, servers);
    await stopServers(servers);
    await stopChild(fixture.redis.child);
  }
  report.write();
}

runBench(main);
