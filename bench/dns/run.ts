/**
 * `npm run bench:dns` — plinkd vs NSD on the same names (SPEC §6, issue 6).
 * See USAGE below; results go to bench/results/<date>-dns.md.
 */
import { cleanupNow, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
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

const USAGE = `npm run bench:dns -- [flags]

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
  --profile yes            also profile plinkd's hot path (node --cpu-prof) at saturation
  --time-limit 1800        seconds before the bench stops itself (default 1800)

Time: about 2 × rounds × (2 × seconds + 4) s per size, plus seeding and loading
(~6 s per 100k endpoints to seed; NSD and plinkd load in parallel). Bound by
--time-limit; every process and temp dir is removed on exit. Binds only to free
ports on 127.0.0.1.`;

const flags = new Flags(process.argv.slice(2), USAGE, ['endpoints', 'queries', 'rounds', 'seconds', 'profile', 'time-limit']);
const SIZES = flags.counts('endpoints', [100_000]);
const QUERIES = flags.count('queries', 100_000);
const ROUNDS = flags.count('rounds', 3);
const SECONDS = flags.count('seconds', 10);
const PROFILE = flags.string('profile', 'no') === 'yes';
timeLimit(flags.count('time-limit', 1800));

type Server = 'plinkd' | 'nsd';
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

function order(round: number): Server[] {
  return round % 2 === 0 ? ['plinkd', 'nsd'] : ['nsd', 'plinkd'];
}

async function measureSize(fixture: Fixture, servers: Servers): Promise<void> {
  const target = (s: Server): { pid: number; port: number } =>
    s === 'plinkd' ? { pid: servers.plinkd.child.pid ?? -1, port: servers.plinkd.dnsPort } : { pid: servers.nsd.child.pid ?? -1, port: servers.nsd.port };
  const verification = await verifySameAnswers(fixture.samples, servers.plinkd.dnsPort, servers.nsd.port);
  report.line(`- answers compared on ${verification.checked} sample queries: ${verification.mismatches.length === 0 ? 'identical (RCODE, AA, answer records in order, authority)' : `${verification.mismatches.length} MISMATCHES`}`);
  for (const m of verification.mismatches.slice(0, 10)) report.line(`  - ${m}`);

  for (const s of ['plinkd', 'nsd'] as const) await throughput({ port: target(s).port, queryFile: fixture.queryFile, seconds: 3 });
  const sat = new Map<Server, Throughput[]>([['plinkd', []], ['nsd', []]]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of order(r)) {
      const t = await saturate(target(s).pid, target(s).port, fixture.queryFile, SECONDS);
      sat.get(s)!.push(t);
      console.log(`  saturation round ${r + 1} ${s.padEnd(6)} ${fmtInt(t.qps).padStart(9)} q/s  ${fmt(t.cpuMicros)} µs CPU/query  lost ${t.lost}%  (load ${loadAverage()})`);
    }
  }
  const med = (s: Server, pick: (t: Throughput) => number): number => median(sat.get(s)!.map(pick));
  const rate = Math.round(med('plinkd', (t) => t.qps) / 2);
  const lat = new Map<Server, LatencyRun[]>([['plinkd', []], ['nsd', []]]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of order(r)) {
      const run = await latencyAtRate({ port: target(s).port, queryFile: fixture.queryFile, seconds: SECONDS, rate });
      lat.get(s)!.push(run);
      console.log(`  latency round ${r + 1} ${s.padEnd(6)} at ${fmtInt(rate)} q/s: p50 ${fmt(run.p50Ms, 3)} ms  p99 ${fmt(run.p99Ms, 3)} ms  lost ${run.lostPercent}%`);
    }
  }
  const lmed = (s: Server, pick: (t: LatencyRun) => number): number => median(lat.get(s)!.map(pick));

  report.line();
  report.table(
    ['server', 'q/s (median)', 'q/s rounds', 'CPU µs/query', `p50 ms @${fmtInt(rate)} q/s`, 'p99 ms', 'p99.9 ms', 'lost % (sat / fixed)'],
    (['plinkd', 'nsd'] as const).map((s) => [
      s === 'plinkd' ? 'plinkd (--role dns, Redis replica)' : 'NSD (server-count 1)',
      fmtInt(med(s, (t) => t.qps)),
      sat.get(s)!.map((t) => fmtInt(t.qps)).join(', '),
      fmt(med(s, (t) => t.cpuMicros)),
      fmt(lmed(s, (l) => l.p50Ms), 3),
      fmt(lmed(s, (l) => l.p99Ms), 3),
      fmt(lmed(s, (l) => l.p999Ms), 3),
      `${fmt(med(s, (t) => t.lost))} / ${fmt(lmed(s, (l) => l.lostPercent))}`,
    ]),
  );
  const ratio = med('plinkd', (t) => t.qps) / med('nsd', (t) => t.qps);
  const costRatio = med('nsd', (t) => t.cpuMicros) / med('plinkd', (t) => t.cpuMicros);
  const p99 = lmed('plinkd', (l) => l.p99Ms);
  report.line();
  report.line(`- **plinkd / NSD q/s: ${fmt(ratio)}** (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); CPU cost NSD/plinkd per query: ${fmt(costRatio)}`);
  report.line(`- **plinkd p99 at ${fmtInt(rate)} q/s: ${fmt(p99, 3)} ms** (target < 1 ms: ${p99 < 1 ? 'met' : 'NOT met'}); NSD p99 at the same rate: ${fmt(lmed('nsd', (l) => l.p99Ms), 3)} ms`);
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
  report.table(['self %', 'function', 'where'], topSelfTime(dir, 20, SECONDS).map((l) => [fmt(l.selfPercent, 1), l.fn, l.where]));
}

async function main(): Promise<void> {
  report.line(`# DNS benchmark: plinkd vs NSD — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(info)) report.line(line);
  report.line(`- dnsperf over UDP on 127.0.0.1, -c 4 -q 200, ${ROUNDS} alternating rounds × ${SECONDS} s per server and measure; medians quoted`);
  report.line(`- query mix (${fmtInt(QUERIES)} lines, same file for both): ${MIX.map((m) => `${m.weight}% ${m.what}`).join('; ')}`);
  for (const endpoints of SIZES) {
    report.line();
    report.line(`## ${fmtInt(endpoints)} endpoints`);
    report.line();
    const dir = tempDir(`dns-${endpoints}`);
    const fixture = await prepareFixture(dir, endpoints, QUERIES);
    report.line(`- seeded ${fmtInt(endpoints)} endpoints into Redis in ${fmt(fixture.seedSeconds, 1)} s; zone file ${fmtInt(fixture.zoneRecords)} address records; queries: ${Object.entries(fixture.queryCounts).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')}`);
    const servers = await startServers(fixture);
    report.line(`- ready: plinkd ${fmt(servers.plinkd.readyMs / 1000, 1)} s (load from Redis), NSD ${fmt(servers.nsd.readyMs / 1000, 1)} s (zone file)`);
    await measureSize(fixture, servers);
    if (PROFILE) await profileSize(fixture, servers);
    await stopServers(servers);
    await stopChild(fixture.redis.child);
  }
  report.write();
}

main()
  .then(() => {
    cleanupNow();
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    cleanupNow();
    process.exit(1);
  });
