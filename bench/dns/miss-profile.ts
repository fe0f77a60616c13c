/**
 * `npm run bench:dns -- --mode miss` — where a reply-cache miss goes over
 * sockets (docs/design/performance.md "Fleet"): one fleet seeded into Redis,
 * plinkd (--role dns) serving it, and dnsperf at saturation alternating the
 * cacheable mix (replayed, so it is answered from the reply cache) and the
 * cache-hostile file (every published name once, shuffled) — the first measure
 * of `--mode fleet` without NSD and churn, so a change to the full path is
 * checked in minutes at 200k. With `--profile yes`, two more plinkd processes
 * run under node --cpu-prof, one per query file, and the self time of each
 * (and the hostile one less the cacheable one, per function) is reported.
 * With `--peer DIR`, a second build (DIR/dist/main.js, e.g. the commit before
 * a change) serves the same Redis beside this one, and the rounds alternate
 * the builds too: an A/B of the same fleet on the same machine in one run.
 * Results go to bench/results/<date>-dns-miss-<label>.md.
 */
import { join, resolve } from 'node:path';
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { topSelfTime } from '../common/cpu-profile.js';
import type { FrameShare } from '../common/profile-frames.js';
import { throughput } from '../common/dnsperf.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { treeCpuSeconds } from '../common/proc.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { HostileQueryBuilder } from './hostile.js';
import { prepareFixture, startPlinkdServer, type Fixture } from './setup.js';

const USAGE = `npm run bench:dns -- --mode miss [flags]

plinkd (--role dns) on a fleet seeded into Redis; dnsperf at saturation
alternating the cacheable mix and the cache-hostile file; prints hostile ÷
cacheable q/s and CPU µs per query (the goal of --mode fleet: ≥ 0.8 at 1M).

  --endpoints 200k     fleet size (default 200k; ≥ ~65k to outgrow the reply cache)
  --rounds 3           alternating rounds (default 3)
  --seconds 10         length of each dnsperf run (default 10)
  --profile no         yes: also profile plinkd under each file (node --cpu-prof)
  --label now          results file suffix (default now)
  --node-args ''       node flags for the measured plinkd, space-separated
                       (e.g. '--min-semi-space-size=16': a V8 flag measured before adopted)
  --peer DIR           also a second build (DIR/dist/main.js, built) on the same
                       fleet, taking turns with this one; prints this ÷ peer
  --time-limit 1800    seconds before the bench stops itself (default 1800)`;

const flags = new Flags(process.argv.slice(2), USAGE, [
  'mode',
  'endpoints',
  'rounds',
  'seconds',
  'profile',
  'label',
  'node-args',
  'peer',
  'time-limit',
]);
const ENDPOINTS = flags.count('endpoints', 200_000);
const ROUNDS = flags.count('rounds', 3);
const SECONDS = flags.count('seconds', 10);
const PROFILE = flags.string('profile', 'no') === 'yes';
const LABEL = flags.string('label', 'now');
const NODE_ARGS = flags
  .string('node-args', '')
  .split(' ')
  .filter((a) => a !== '');
const PEER = flags.has('peer') ? resolve(flags.string('peer', ''), 'dist', 'main.js') : undefined;
timeLimit(flags.count('time-limit', 1800));

interface Run {
  qps: number;
  cpuMicros: number;
}

type Cell = 'cacheable' | 'hostile';
type Build = 'this' | 'peer';

async function saturate(pid: number, port: number, queryFile: string): Promise<Run> {
  const before = await treeCpuSeconds(pid);
  const run = await throughput({ port, queryFile, seconds: SECONDS });
  const cpu = (await treeCpuSeconds(pid)) - before;
  return { qps: run.qps, cpuMicros: (cpu * 1e6) / Math.max(1, run.completed) };
}

/** One plinkd under node --cpu-prof answering one file for SECONDS (after a warm-up for the cacheable one). */
async function profileOf(fixture: Fixture, file: string, cell: Cell): Promise<FrameShare[]> {
  const dir = tempDir(`miss-prof-${cell}`);
  const server = await startPlinkdServer(fixture, [...NODE_ARGS, '--cpu-prof', '--cpu-prof-dir', dir]);
  if (cell === 'cacheable') await throughput({ port: server.dnsPort, queryFile: file, seconds: 3 });
  await throughput({ port: server.dnsPort, queryFile: file, seconds: SECONDS });
  await stopChild(server.child, 30_000);
  return topSelfTime(dir, 400, SECONDS);
}

async function main(): Promise<void> {
  const report = new Report(`dns-miss-${LABEL}`);
  report.line(`# DNS reply-cache miss over sockets (${LABEL}) — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['dnsperf', 'redis']))) report.line(line);
  report.line(`- dnsperf over UDP on 127.0.0.1, ${ROUNDS} alternating rounds × ${SECONDS} s; medians quoted`);
  const dir = tempDir('dns-miss');
  const hostile = new HostileQueryBuilder();
  const fixture = await prepareFixture(dir, ENDPOINTS, 100_000, (batch) => hostile.add(batch));
  report.line(`- fleet: ${fmtInt(ENDPOINTS)} endpoints; hostile file ${fmtInt(hostile.size)} queries (every published name once)`);
  const hostileFile = join(dir, 'hostile.txt');
  const servers = new Map([['this' as Build, await startPlinkdServer(fixture, NODE_ARGS)]]);
  if (PEER !== undefined) servers.set('peer', await startPlinkdServer(fixture, NODE_ARGS, [], PEER));
  if (NODE_ARGS.length > 0) report.line(`- plinkd's node flags: ${NODE_ARGS.join(' ')}`);
  if (PEER !== undefined) report.line(`- builds: this = this checkout; peer = ${PEER}; taking turns, one serving at a time`);
  for (const [build, server] of servers) {
    report.line(`- plinkd${PEER === undefined ? '' : ` (${build})`} ready in ${fmt(server.readyMs / 1000, 1)} s`);
    await throughput({ port: server.dnsPort, queryFile: fixture.queryFile, seconds: 3 });
  }
  const builds = [...servers.keys()];
  const runs = new Map(builds.map((b) => [b, { cacheable: [] as Run[], hostile: [] as Run[] }]));
  for (let r = 0; r < ROUNDS; r++) {
    await hostile.write(hostileFile, r / ROUNDS);
    const cells: Cell[] = r % 2 === 0 ? ['cacheable', 'hostile'] : ['hostile', 'cacheable'];
    for (const build of r % 2 === 0 ? builds : [...builds].reverse()) {
      const server = servers.get(build)!;
      for (const cell of cells) {
        const run = await saturate(server.child.pid ?? -1, server.dnsPort, cell === 'hostile' ? hostileFile : fixture.queryFile);
        runs.get(build)![cell].push(run);
        console.log(
          `  round ${r + 1} ${build.padEnd(4)} ${cell.padEnd(10)} ${fmtInt(run.qps).padStart(9)} q/s  ${fmt(run.cpuMicros)} µs CPU/query  (load ${loadAverage()})`,
        );
      }
    }
  }
  for (const server of servers.values()) await stopChild(server.child, 15_000);
  const roundsOf = (build: Build, cell: Cell): Run[] => runs.get(build)![cell];
  const q = (cell: Cell, build: Build = 'this'): number => median(roundsOf(build, cell).map((r) => r.qps));
  const cpu = (cell: Cell, build: Build = 'this'): number => median(roundsOf(build, cell).map((r) => r.cpuMicros));
  report.line();
  report.table(
    [...(PEER === undefined ? [] : ['build']), 'query file', 'q/s (median)', 'q/s rounds', 'CPU µs/query (median)'],
    builds.flatMap((build) =>
      (['cacheable', 'hostile'] as const).map((cell) => [
        ...(PEER === undefined ? [] : [build]),
        cell,
        fmtInt(q(cell, build)),
        roundsOf(build, cell)
          .map((r) => fmtInt(r.qps))
          .join(', '),
        fmt(cpu(cell, build)),
      ]),
    ),
  );
  report.line();
  for (const build of builds) {
    report.line(
      `- **${PEER === undefined ? '' : `${build}: `}hostile ÷ cacheable q/s: ${fmt(q('hostile', build) / q('cacheable', build))}**; a miss costs ${fmt(cpu('hostile', build) - cpu('cacheable', build))} CPU µs more than the mix`,
    );
  }
  if (PEER !== undefined) {
    report.line(
      `- **this ÷ peer: hostile q/s ${fmt(q('hostile') / q('hostile', 'peer'))}, hostile CPU µs/query ${fmt(cpu('hostile') / cpu('hostile', 'peer'))}; cacheable q/s ${fmt(q('cacheable') / q('cacheable', 'peer'))}**`,
    );
  }
  report.line(`- load average after: ${loadAverage()}`);

  if (PROFILE) {
    await hostile.write(hostileFile, 0.5);
    const cached = await profileOf(fixture, fixture.queryFile, 'cacheable');
    const missed = await profileOf(fixture, hostileFile, 'hostile');
    for (const [cell, lines] of [
      ['cacheable', cached],
      ['hostile', missed],
    ] as const) {
      report.line();
      report.line(`CPU profile, ${cell} (node --cpu-prof, last ${SECONDS} s, self time):`);
      report.line();
      report.table(
        ['self %', 'function', 'where'],
        lines.slice(0, 25).map((l) => [fmt(l.percent, 1), l.fn, l.where]),
      );
    }
    // Per function, µs per query: self share × CPU per query, hostile less cacheable.
    const perQuery = (lines: readonly FrameShare[], micros: number): Map<string, number> =>
      new Map(lines.map((l) => [`${l.fn}@${l.where}`, (l.percent / 100) * micros]));
    const a = perQuery(cached, cpu('cacheable'));
    const b = perQuery(missed, cpu('hostile'));
    const keys = new Set([...a.keys(), ...b.keys()]);
    const diff = [...keys].map((k) => ({ k, d: (b.get(k) ?? 0) - (a.get(k) ?? 0) })).sort((x, y) => y.d - x.d);
    report.line();
    report.line('Where the miss costs more: self µs per query, hostile less cacheable (self share × the medians above):');
    report.line();
    report.table(
      ['µs/query more', 'function@where'],
      diff.slice(0, 25).map((e) => [fmt(e.d), e.k]),
    );
  }
  report.write();
  await stopChild(fixture.redis.child);
}

runBench(main);
