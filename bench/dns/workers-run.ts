/**
 * `npm run bench:dns -- --mode workers` — `--dns-workers N` (docs/design/scale-out.md
 * "DNS workers"): q/s at saturation and CPU per query with 1, 2, … workers on one
 * fleet, alternating rounds, and the memory of each process. Results go to
 * bench/results/<date>-dns-workers.md.
 */
import { readFile } from 'node:fs/promises';
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { throughput } from '../common/dnsperf.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import type { PlinkdProcess } from '../common/processes.js';
import { rssBytes, treeCpuSeconds } from '../common/proc.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { MIX } from './queries.js';
import { prepareFixture, startPlinkdServer } from './setup.js';

const USAGE = `npm run bench:dns -- --mode workers [flags]

Seeds one fleet into Redis and starts one plinkd --role dns per worker count
(--dns-workers N, node:cluster sharing the UDP socket), all at once; then
dnsperf at saturation against each in alternating rounds (the others idle):
queries/s and CPU per query (the whole process tree: primary and workers).
dnsperf itself needs CPU: on a 2-core machine two workers and dnsperf share
two cores, so the q/s gain is bounded there; CPU per query must not rise with N.

  --endpoints 100k     fleet size (default 100k)
  --workers 1,2        worker counts (default 1,2)
  --queries 100k       lines of the query file (default 100k)
  --rounds 3           alternating rounds (default 3)
  --seconds 10         length of each dnsperf run (default 10)
  --clients 4          dnsperf -c (source ports; the kernel hands each datagram to one waiting worker)
  --time-limit 1800    seconds before the bench stops itself (default 1800)

Time: seeding ~6 s per 100k, loading, then rounds × counts × (seconds + 2) s.`;

const flags = new Flags(process.argv.slice(2), USAGE, [
  'mode',
  'endpoints',
  'workers',
  'queries',
  'rounds',
  'seconds',
  'clients',
  'time-limit',
]);
const ENDPOINTS = flags.count('endpoints', 100_000);
const COUNTS = flags.counts('workers', [1, 2]);
const QUERIES = flags.count('queries', 100_000);
const ROUNDS = flags.count('rounds', 3);
const SECONDS = flags.count('seconds', 10);
const CLIENTS = flags.count('clients', 4);
timeLimit(flags.count('time-limit', 1800));

const MiB = 2 ** 20;

async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '')
    .map(Number);
}

async function untilOutput(p: PlinkdProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(p.output())) {
    if (Date.now() > deadline) throw new Error(`plinkd did not log ${pattern} within ${timeoutMs} ms:\n${p.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Run {
  qps: number;
  cpuMicros: number;
  lost: number;
}

async function main(): Promise<void> {
  const report = new Report('dns-workers');
  report.line(`# DNS workers: q/s and CPU per query with --dns-workers ${COUNTS.join(', ')} — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['dnsperf', 'redis']))) report.line(line);
  report.line(`- dnsperf over UDP on 127.0.0.1, -c ${CLIENTS} -q 200, ${ROUNDS} alternating rounds × ${SECONDS} s; medians quoted`);
  report.line(`- query mix (${fmtInt(QUERIES)} lines, replayed): ${MIX.map((m) => `${m.weight}% ${m.what}`).join('; ')}`);
  const dir = tempDir('dns-workers');
  const fixture = await prepareFixture(dir, ENDPOINTS, QUERIES);
  report.line(`- ${fmtInt(ENDPOINTS)} endpoints seeded into Redis in ${fmt(fixture.seedSeconds, 1)} s`);

  const servers: Array<{ workers: number; plinkd: PlinkdProcess; rss: number[] }> = [];
  for (const workers of COUNTS) {
    // --log-level info after the launcher's warn: the primary logs "dns workers ready" at info.
    const plinkd = await startPlinkdServer(fixture, [], ['--dns-workers', String(workers), '--log-level', 'info']);
    if (workers > 1) await untilOutput(plinkd, /"msg":"dns workers ready"/, 900_000);
    const pid = plinkd.child.pid ?? -1;
    const pids = workers > 1 ? [pid, ...(await childrenOf(pid))] : [pid];
    servers.push({ workers, plinkd, rss: await Promise.all(pids.map(rssBytes)) });
  }
  for (const s of servers) await throughput({ port: s.plinkd.dnsPort, queryFile: fixture.queryFile, seconds: 3, clients: CLIENTS });
  const runs = new Map<number, Run[]>(COUNTS.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of r % 2 === 0 ? servers : [...servers].reverse()) {
      const pid = s.plinkd.child.pid ?? -1;
      const before = await treeCpuSeconds(pid);
      const run = await throughput({ port: s.plinkd.dnsPort, queryFile: fixture.queryFile, seconds: SECONDS, clients: CLIENTS });
      const cpu = (await treeCpuSeconds(pid)) - before;
      const result = { qps: run.qps, cpuMicros: (cpu * 1e6) / Math.max(1, run.completed), lost: run.lostPercent };
      runs.get(s.workers)!.push(result);
      console.log(
        `  round ${r + 1} workers ${s.workers}: ${fmtInt(result.qps).padStart(9)} q/s  ${fmt(result.cpuMicros)} µs CPU/query  lost ${result.lost}%  (load ${loadAverage()})`,
      );
    }
  }
  const q = (n: number, pick: (r: Run) => number): number => median(runs.get(n)!.map(pick));
  report.line();
  report.table(
    ['--dns-workers', 'q/s (median)', 'q/s rounds', 'CPU µs/query', 'lost %', 'RSS after load (primary; workers)'],
    servers.map((s) => [
      String(s.workers),
      fmtInt(q(s.workers, (r) => r.qps)),
      runs
        .get(s.workers)!
        .map((r) => fmtInt(r.qps))
        .join(', '),
      fmt(q(s.workers, (r) => r.cpuMicros)),
      fmt(q(s.workers, (r) => r.lost)),
      s.workers === 1
        ? `${fmt(s.rss[0]! / MiB, 0)} MiB (one process)`
        : `${fmt(s.rss[0]! / MiB, 0)} MiB; ${s.rss
            .slice(1)
            .map((b) => `${fmt(b / MiB, 0)} MiB`)
            .join(', ')}`,
    ]),
  );
  const base = COUNTS[0]!;
  report.line();
  for (const n of COUNTS.slice(1)) {
    report.line(
      `- **${n} workers ÷ ${base}: q/s ${fmt(q(n, (r) => r.qps) / q(base, (r) => r.qps))}, CPU per query ${fmt(q(n, (r) => r.cpuMicros) / q(base, (r) => r.cpuMicros))}** (CPU per query must not rise with N)`,
    );
  }
  report.line(`- load average after: ${loadAverage()}`);
  for (const s of servers) await stopChild(s.plinkd.child, 20_000);
  await stopChild(fixture.redis.child);
  report.write();
}

runBench(main);
