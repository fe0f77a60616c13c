/**
 * `node bench/work/build/bench/dns/churn-trace.js --endpoints 100k` — where the DNS process's
 * CPU per query goes under API churn over sockets (docs/design/performance.md "Per-name
 * invalidation"): the fleet bench's churn measure (bench/dns/fleet-run.ts) with the DNS
 * process under `--trace-gc`, and per phase its collections by kind and their pause time,
 * its context switches, the change-stream entries written and the XREADs Redis served.
 * Prints a table; writes bench/results/<date>-dns-churn-trace.md.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBench, stopChild, tempDir, timeLimit, track } from '../common/cleanup.js';
import { throughput } from '../common/dnsperf.js';
import { type FleetEndpoint } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { treeCpuSeconds } from '../common/proc.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { ApiLoad, churnTargetOf, startChurnApi, type ApiLoadKind, type ChurnTarget } from './api-load.js';
import { prepareFixture, startPlinkdServer } from './setup.js';
import { Redis } from 'ioredis';

const USAGE = `node bench/work/build/bench/dns/churn-trace.js [flags]

bench:dns --mode fleet's churn measure with the DNS process under --trace-gc:
per phase (quiet, reads, description edits, zone remove/add) its CPU per query,
its collections (scavenges, mark-compacts) and their pause, its context
switches, the change-stream entries written and the XREAD calls Redis served.

  --endpoints 100k     fleet size (default 100k)
  --rounds 2           alternating rounds (default 2)
  --seconds 10         length of each dnsperf run (default 10)
  --rate 50            API calls per second (default 50)
  --node-args "..."    extra node flags for the DNS process (space-separated)
  --perf DIR           record the DNS process with perf (cpu-clock) in round 1 of each
                       phase into DIR/<phase>.data (add --node-args --perf-basic-prof)
  --burn 0.15          adds a phase: reads plus a process taking this share of a core
                       (the api's and redis's extra CPU under zone edits, no change sent)
  --peer DIR           another build (a directory with dist/main.js): a second DNS
                       process on the same Redis, measured in turn with this one
  --label NAME         results go to bench/results/<date>-dns-churn-trace-NAME.md
  --log-dir DIR        the DNS process's other output lines per phase and round
                       (e.g. with --node-args --trace-deopt) into DIR/<phase>-<round>.log
  --time-limit 1800    seconds before the bench stops itself`;

const flags = new Flags(process.argv.slice(2), USAGE, [
  'endpoints',
  'rounds',
  'seconds',
  'rate',
  'node-args',
  'perf',
  'log-dir',
  'burn',
  'peer',
  'time-limit',
]);
const ENDPOINTS = flags.count('endpoints', 100_000);
const ROUNDS = flags.count('rounds', 2);
const SECONDS = flags.count('seconds', 10);
const RATE = flags.count('rate', 50);
const NODE_ARGS = flags
  .string('node-args', '')
  .split(' ')
  .filter((a) => a !== '');
const PERF_DIR = flags.string('perf', '');
const LOG_DIR = flags.string('log-dir', '');
const BURN = Number(flags.string('burn', '0'));
const PEER = flags.string('peer', '');
const LABEL = flags.string('label', '');
timeLimit(flags.count('time-limit', 1800));

type Phase = 'quiet' | ApiLoadKind | 'reads+burn';
const PHASES: Phase[] = BURN > 0 ? ['quiet', 'reads', 'description', 'zones', 'reads+burn'] : ['quiet', 'reads', 'description', 'zones'];

/**
 * A process that takes `share` of a core in 10 ms slices, walking 32 MiB at random while it
 * runs (as the api process and redis-server walk their heaps): the API's extra CPU under zone
 * edits without any change reaching the DNS process, to tell the DNS process's own work under
 * churn from what its neighbours on the 2 cores take from it.
 */
const BURNER = `const a = new Uint32Array(8 << 20); let x = 1, s = 0;
setInterval(() => { const end = performance.now() + ${'${share}'} * 10; while (performance.now() < end) for (let i = 0; i < 4096; i++) { x = (x * 1103515245 + 12345) >>> 0; s += a[x & (a.length - 1)]++; } }, 10);`;

interface GcTally {
  scavenges: number;
  scavengeMs: number;
  marks: number;
  markMs: number;
}

interface Sample {
  qps: number;
  cpuMicros: number;
  gc: GcTally;
  switches: number;
  entries: number;
  xreads: number;
  calls: number;
  /** CPU seconds of the api process and redis-server during the phase. */
  others: number;
  /** Commands the DNS process sent to Redis (write syscalls): its XREADs. */
  writes: number;
}

/** Sums `--trace-gc` lines ("[pid:addr] 1234 ms: Scavenge 10.1 (12.0) -> 9.8 (12.0) MB, 0.52 / 0.00 ms ..."). */
class GcCounter {
  tally: GcTally = { scavenges: 0, scavengeMs: 0, marks: 0, markMs: 0 };
  private rest = '';
  /** Other lines of the process's output in this phase (e.g. --trace-deopt's), for --log-dir. */
  other: string[] = [];
  feed(chunk: Buffer): void {
    const lines = (this.rest + chunk.toString()).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('Scavenge') && !line.includes('Mark-')) {
        if (this.other.length < 100_000) this.other.push(line);
        continue;
      }
      const pause = /MB, ([\d.]+) \/ ([\d.]+) ms/.exec(line);
      const ms = pause === null ? 0 : Number(pause[1]);
      if (line.includes('Scavenge')) {
        this.tally.scavenges++;
        this.tally.scavengeMs += ms;
      } else if (line.includes('Mark-Compact') || line.includes('Mark-sweep')) {
        this.tally.marks++;
        this.tally.markMs += ms;
      }
    }
  }
  take(): GcTally {
    this.other = [];
    const t = this.tally;
    this.tally = { scavenges: 0, scavengeMs: 0, marks: 0, markMs: 0 };
    return t;
  }
}

async function contextSwitches(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  let total = 0;
  for (const m of status.matchAll(/ctxt_switches:\s+(\d+)/g)) total += Number(m[1]);
  return total;
}

/** write-family syscalls of a process (/proc/<pid>/io syscw): a DNS process writes only its Redis commands, UDP replies go by sendmsg. */
async function writeSyscalls(pid: number): Promise<number> {
  const m = /syscw: (\d+)/.exec(await readFile(`/proc/${pid}/io`, 'utf8'));
  return m === null ? 0 : Number(m[1]);
}

/**
 * Of a `perf record -g` file of the DNS process: samples in all, and those whose stack passes
 * through the change stream (the follower, its Redis socket's reads, the replica's apply and
 * what it publishes to) — the DNS process's own work per change, beside its queries.
 */
async function streamShare(file: string): Promise<{ samples: number; stream: number }> {
  const child = spawn('perf', ['script', '-i', file, '-F', 'ip,sym'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let samples = 0;
  let stream = 0;
  let inStream = false;
  let rest = '';
  let open = false;
  const onLine = (line: string): void => {
    if (line.trim() === '') {
      if (open) {
        samples++;
        if (inStream) stream++;
      }
      open = false;
      inStream = false;
      return;
    }
    open = true;
    if (/stream-follower|uv__stream_io|replica\.js|processTicksAndRejections/.test(line)) inStream = true;
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  await once(child, 'exit');
  onLine(rest);
  onLine('');
  return { samples, stream };
}

async function xreadCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  const m = /cmdstat_xread:calls=(\d+)/.exec(info);
  return m === null ? 0 : Number(m[1]);
}

async function streamEntries(redis: Redis): Promise<number> {
  let total = 0;
  for (const key of await redis.keys('*')) {
    if ((await redis.type(key)) !== 'stream') continue;
    const info = (await redis.xinfo('STREAM', key)) as unknown[];
    const i = info.indexOf('entries-added');
    total += i >= 0 ? Number(info[i + 1]) : await redis.xlen(key);
  }
  return total;
}

/** How far apart the stream's entries were written: counts per bucket of the gap to the previous entry. */
async function entryGaps(redis: Redis): Promise<string> {
  const buckets = [1, 2, 5, 10, 20, 50, Infinity];
  const counts = buckets.map(() => 0);
  for (const key of await redis.keys('*')) {
    if ((await redis.type(key)) !== 'stream') continue;
    const entries = (await redis.xrevrange(key, '+', '-', 'COUNT', 5000)) as Array<[string, string[]]>;
    const times = entries.map(([id]) => Number(id.split('-')[0])).reverse();
    for (let i = 1; i < times.length; i++) counts[buckets.findIndex((b) => times[i]! - times[i - 1]! < b)]!++;
  }
  return buckets.map((b, i) => `< ${b} ms: ${counts[i]}`).join(', ');
}

async function main(): Promise<void> {
  const report = new Report(LABEL === '' ? 'dns-churn-trace' : `dns-churn-trace-${LABEL}`);
  report.line(`# DNS under API churn over sockets, traced — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['dnsperf', 'redis']))) report.line(line);
  const dir = tempDir('dns-churn-trace');
  const targets: ChurnTarget[] = [];
  const every = Math.max(1, Math.floor(ENDPOINTS / 5_000));
  let seen = 0;
  const fixture = await prepareFixture(dir, ENDPOINTS, 100_000, (batch: readonly FleetEndpoint[]) => {
    for (const endpoint of batch) if (seen++ % every === 0) targets.push(churnTargetOf(endpoint));
  });
  interface Build {
    name: string;
    pid: number;
    port: number;
    gc: GcCounter;
    child: import('node:child_process').ChildProcess;
  }
  const builds: Build[] = [];
  for (const [name, main] of PEER === ''
    ? [['this', undefined]]
    : [
        ['this', undefined],
        ['peer', join(PEER, 'dist', 'main.js')],
      ]) {
    const server = await startPlinkdServer(fixture, ['--trace-gc', ...NODE_ARGS], [], main);
    const gc = new GcCounter();
    server.child.stdout?.on('data', (chunk: Buffer) => gc.feed(chunk));
    builds.push({ name: name!, pid: server.child.pid ?? -1, port: server.dnsPort, gc, child: server.child });
  }
  const api = await startChurnApi(fixture.redis.url);
  const redis = new Redis(fixture.redis.url);
  const load = new ApiLoad(api.apiUrl, targets);
  report.line(`- fleet: ${fmtInt(ENDPOINTS)} endpoints; DNS process node flags: --trace-gc ${NODE_ARGS.join(' ')}`);
  report.line(`- ${ROUNDS} rounds × ${SECONDS} s per phase, ${RATE} API calls/s, churn over ${fmtInt(targets.length)} endpoints; medians`);
  if (PEER !== '')
    report.line(
      `- two DNS processes follow the same Redis: this build and the peer (${PEER}); dnsperf saturates one at a time, in alternating order, each under its own run of the API load`,
    );
  for (const build of builds) await throughput({ port: build.port, queryFile: fixture.queryFile, seconds: 3 });
  const rows: string[] = builds.flatMap((b) => PHASES.map((p) => `${b.name} ${p}`));
  const samples = new Map<string, Sample[]>(rows.map((row) => [row, []]));
  const perfLines: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const phase of r % 2 === 0 ? PHASES : [...PHASES].reverse()) {
      for (const build of r % 2 === 0 ? builds : [...builds].reverse()) {
        const pid = build.pid;
        const row = `${build.name} ${phase}`;
        build.gc.take();
        const [cpu0, sw0, e0, x0, w0] = [
          await treeCpuSeconds(pid),
          await contextSwitches(pid),
          await streamEntries(redis),
          await xreadCalls(redis),
          await writeSyscalls(pid),
        ];
        const perf =
          PERF_DIR !== '' && r === 0
            ? track(
                spawn(
                  'perf',
                  [
                    'record',
                    '-g',
                    '-e',
                    'cpu-clock',
                    '-F',
                    '1999',
                    '-p',
                    String(pid),
                    '-o',
                    join(PERF_DIR, `${build.name}-${phase}.data`),
                    '--',
                    'sleep',
                    String(SECONDS),
                  ],
                  {
                    stdio: 'ignore',
                  },
                ),
              )
            : undefined;
        const burner =
          phase === 'reads+burn'
            ? track(spawn(process.execPath, ['-e', BURNER.replace('${share}', String(BURN))], { stdio: 'ignore' }))
            : undefined;
        const [a0, rd0] = [await treeCpuSeconds(api.child.pid ?? 0), await treeCpuSeconds(fixture.redis.child.pid ?? 0)];
        const [run, result] = await Promise.all([
          throughput({ port: build.port, queryFile: fixture.queryFile, seconds: SECONDS }),
          phase === 'quiet' ? Promise.resolve(undefined) : load.run(phase === 'reads+burn' ? 'reads' : phase, RATE, SECONDS),
        ]);
        const cpu = (await treeCpuSeconds(pid)) - cpu0;
        const others = (await treeCpuSeconds(api.child.pid ?? 0)) - a0 + (await treeCpuSeconds(fixture.redis.child.pid ?? 0)) - rd0;
        if (burner !== undefined) await stopChild(burner);
        if (LOG_DIR !== '') writeFileSync(join(LOG_DIR, `${build.name}-${phase}-${r + 1}.log`), build.gc.other.join('\n'));
        if (perf !== undefined && perf.exitCode === null) await once(perf, 'exit');
        if (perf !== undefined) {
          const share = await streamShare(join(PERF_DIR, `${build.name}-${phase}.data`));
          const entries = (await streamEntries(redis)) - e0;
          const streamCpu = (cpu * share.stream) / Math.max(1, share.samples);
          perfLines.push(
            `| ${row} | ${fmtInt(share.samples)} | ${fmt((100 * share.stream) / Math.max(1, share.samples), 1)} % | ${fmt((streamCpu * 1e6) / Math.max(1, run.completed))} | ${entries === 0 ? '—' : fmtInt((streamCpu * 1e6) / entries)} |`,
          );
        }
        const sample: Sample = {
          qps: run.qps,
          cpuMicros: (cpu * 1e6) / Math.max(1, run.completed),
          gc: build.gc.take(),
          switches: (await contextSwitches(pid)) - sw0,
          entries: (await streamEntries(redis)) - e0,
          xreads: (await xreadCalls(redis)) - x0,
          calls: result?.ok ?? 0,
          others,
          writes: (await writeSyscalls(pid)) - w0,
        };
        samples.get(row)!.push(sample);
        console.log(`  round ${r + 1} ${row.padEnd(16)} ${JSON.stringify(sample)} (load ${loadAverage()})`);
      }
    }
  }
  await load.restore();
  const m = (row: string, pick: (s: Sample) => number): number => median(samples.get(row)!.map(pick));
  report.line();
  report.table(
    [
      'build, phase',
      'q/s',
      'CPU µs/query',
      'scavenges',
      'scavenge ms',
      'mark-compacts',
      'mark ms',
      'ctx switches',
      'stream entries',
      'XREADs (all clients)',
      'API calls ok',
      'api + redis CPU s',
      'DNS process writes to Redis',
    ],
    rows.map((p) => [
      p,
      fmtInt(m(p, (s) => s.qps)),
      fmt(m(p, (s) => s.cpuMicros)),
      fmtInt(m(p, (s) => s.gc.scavenges)),
      fmt(m(p, (s) => s.gc.scavengeMs)),
      fmtInt(m(p, (s) => s.gc.marks)),
      fmt(m(p, (s) => s.gc.markMs)),
      fmtInt(m(p, (s) => s.switches)),
      fmtInt(m(p, (s) => s.entries)),
      fmtInt(m(p, (s) => s.xreads)),
      fmtInt(m(p, (s) => s.calls)),
      fmt(m(p, (s) => s.others)),
      fmtInt(m(p, (s) => s.writes)),
    ]),
  );
  if (PEER !== '') {
    report.line();
    for (const phase of PHASES) {
      const ratio = m(`this ${phase}`, (s) => s.cpuMicros) / m(`peer ${phase}`, (s) => s.cpuMicros);
      report.line(`- ${phase}: CPU µs/query this ÷ peer ${fmt(ratio)}`);
    }
  }
  if (perfLines.length > 0) {
    report.line();
    report.line(
      '`perf record -g -e cpu-clock` of the DNS process in round 1 (node --perf-basic-prof): the share of its samples whose stack passes through the change stream (stream-follower, its Redis socket, the replica and what it publishes to, microtasks), as CPU per query and per stream entry',
    );
    report.line();
    report.line('| build, phase | samples | in the change stream | its CPU µs/query | its CPU µs per stream entry |');
    report.line('|---|---:|---:|---:|---:|');
    for (const line of perfLines) report.line(line);
  }
  report.line();
  report.line(`- gaps between consecutive change-stream entries (ms, from their IDs): ${await entryGaps(redis)}`);
  report.line();
  report.line(`- load average after: ${loadAverage()}`);
  redis.disconnect();
  await stopChild(api.child, 15_000);
  for (const build of builds) await stopChild(build.child, 15_000);
  await stopChild(fixture.redis.child);
  report.write();
}

runBench(main);
