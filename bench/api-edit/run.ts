/**
 * `npm run bench:api-edit` — what one API edit costs the API process and Redis: reads, description
 * edits and zone remove/add (bench/dns/api-load.ts) at a fixed rate against an api process
 * (--role api) on a seeded fleet, CPU of each process per call and Redis commands per call
 * (INFO commandstats). With --peer, a second build (another checkout's dist/main.js, e.g. the
 * commit before a change) runs the same calls on its own identically seeded Redis, the two
 * taking turns, so the ratio is measured in one run on the same machine load. See USAGE.
 */
import { Redis } from 'ioredis';
import { join, resolve } from 'node:path';
import { ACCESS_KEYS } from '../../test/helpers/cloud.js';
import { openPrivateLinkFor } from '../../test/helpers/plinkd.js';
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { topSelfTime } from '../common/cpu-profile.js';
import type { FleetEndpoint } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { PLINKD_MAIN } from '../common/paths.js';
import { treeCpuSeconds } from '../common/proc.js';
import { startPlinkd, startRedis, type PlinkdProcess, type RedisProcess } from '../common/processes.js';
import { seedRedis } from '../common/redis-seed.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { API_LOADS, ApiLoad, churnTargetOf, type ApiLoadKind, type ChurnTarget } from '../dns/api-load.js';

const USAGE = `npm run bench:api-edit -- [flags]

Seeds --endpoints into a redis-server on a free loopback port, starts plinkd
--role api on it, and calls the API at --rate calls/s for --seconds per run:
  reads         GetVpcEndpointAttribute (the control: an API call that writes nothing)
  description   UpdateVpcEndpointAttribute EndpointDescription
  zones         RemoveZoneFromVpcEndpoint / AddZoneToVpcEndpoint, alternating
--rounds rounds, the kinds in turn; medians of CPU ms per call of the api process
and of redis-server, and of Redis commands and command µs per call.

  --endpoints 100k   fleet size (default 100k)
  --rate 50          calls per second (default 50)
  --seconds 10       per run (default 10)
  --rounds 3         (default 3)
  --peer DIR         a second checkout (built: DIR/dist/main.js) run the same way on its own Redis
  --profile DIR      node --cpu-prof for the api process(es), profiles in DIR/<build>/; prints top self time
  --kinds LIST       of reads,description,zones (default all three)
  --name NAME        results file bench/results/<date>-NAME.md (default api-edit)`;

const flags = new Flags(process.argv.slice(2), USAGE, ['endpoints', 'rate', 'seconds', 'rounds', 'peer', 'profile', 'kinds', 'name']);
const ENDPOINTS = flags.count('endpoints', 100_000);
const RATE = flags.count('rate', 50);
const SECONDS = flags.count('seconds', 10);
const ROUNDS = flags.count('rounds', 3);
const PEER = flags.has('peer') ? resolve(flags.string('peer', ''), 'dist', 'main.js') : undefined;
const PROFILE = flags.has('profile') ? resolve(flags.string('profile', '')) : undefined;
const TARGETS = 5_000;

interface Build {
  name: string;
  main: string;
  redis: RedisProcess;
  stats: Redis;
  api: PlinkdProcess;
  load: ApiLoad;
}

interface Run {
  apiMs: number;
  redisMs: number;
  commands: number;
  commandMicros: number;
  /** Calls per API call of each Redis command. */
  byCommand: Map<string, number>;
  ok: number;
  sent: number;
}

/** Redis's own count of commands and their µs (INFO commandstats; commands a Lua script runs count too). */
async function commandTotals(client: Redis): Promise<{ calls: number; usec: number; byCommand: Map<string, number> }> {
  const info = await client.info('commandstats');
  let calls = 0;
  let usec = 0;
  const byCommand = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    if (match[1] === 'info') continue;
    calls += Number(match[2]);
    usec += Number(match[3]);
    byCommand.set(match[1]!, Number(match[2]));
  }
  return { calls, usec, byCommand };
}

async function startBuild(name: string, main: string, targets: ChurnTarget[] | undefined): Promise<Build> {
  const redis = await startRedis(tempDir(`api-edit-${name}`));
  const every = Math.max(1, Math.floor(ENDPOINTS / TARGETS));
  let seen = 0;
  const seeded = await seedRedis(redis.url, ENDPOINTS, (batch: readonly FleetEndpoint[]) => {
    if (targets === undefined) return;
    for (const endpoint of batch) if (seen++ % every === 0 && targets.length < TARGETS) targets.push(churnTargetOf(endpoint));
  });
  console.log(`${name}: seeded ${fmtInt(seeded.documents)} documents in ${fmt(seeded.seconds, 1)} s`);
  const nodeArgs = PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE, name)}`];
  const api = await startPlinkd({
    store: redis.url,
    role: 'api',
    accessKeys: ACCESS_KEYS,
    transitionDelayMs: 0,
    readyTimeoutMs: 900_000,
    nodeArgs,
    main,
  });
  await openPrivateLinkFor(api.apiUrl, ACCESS_KEYS);
  console.log(`${name}: api ready in ${fmt(api.readyMs / 1000, 1)} s`);
  const stats = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await stats.connect();
  return { name, main, redis, stats, api, load: new ApiLoad(api.apiUrl, []) };
}

/**
 * Quiet time before each run: the previous run's reconciler steps, stream entries and the
 * collection of its garbage would otherwise be counted against the next kind (a zone run's
 * leftovers made the following reads look dearer in the build that leaves more of them).
 */
const SETTLE_MS = 3_000;

async function measure(build: Build, kind: ApiLoadKind): Promise<Run> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const apiBefore = await treeCpuSeconds(build.api.child.pid ?? 0);
  const redisBefore = await treeCpuSeconds(build.redis.child.pid ?? 0);
  const commandsBefore = await commandTotals(build.stats);
  const result = await build.load.run(kind, RATE, SECONDS);
  // The reconciler's steps after the last calls (transition delay 0) belong to this run.
  await new Promise((r) => setTimeout(r, 500));
  const apiMs = ((await treeCpuSeconds(build.api.child.pid ?? 0)) - apiBefore) * 1000;
  const redisMs = ((await treeCpuSeconds(build.redis.child.pid ?? 0)) - redisBefore) * 1000;
  const commandsAfter = await commandTotals(build.stats);
  const calls = Math.max(1, result.sent);
  const byCommand = new Map<string, number>();
  for (const [name, n] of commandsAfter.byCommand) {
    const delta = n - (commandsBefore.byCommand.get(name) ?? 0);
    if (delta > 0) byCommand.set(name, delta / calls);
  }
  return {
    byCommand,
    apiMs: apiMs / calls,
    redisMs: redisMs / calls,
    commands: (commandsAfter.calls - commandsBefore.calls) / calls,
    commandMicros: (commandsAfter.usec - commandsBefore.usec) / calls,
    ok: result.ok,
    sent: result.sent,
  };
}

async function main(): Promise<void> {
  timeLimit(3600);
  const report = new Report(flags.string('name', 'api-edit'));
  report.line(`# API edits: CPU per call of the api process and Redis — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['redis']))) report.line(line);
  report.line(
    `- fleet: ${fmtInt(ENDPOINTS)} endpoints seeded into Redis (bench/common/fleet.ts); plinkd --role api --transition-delay 0 on it; ${RATE} calls/s for ${SECONDS} s per run, ${ROUNDS} rounds, medians`,
  );
  const targets: ChurnTarget[] = [];
  const builds: Build[] = [await startBuild('this', PLINKD_MAIN, targets)];
  if (PEER !== undefined) builds.push(await startBuild('peer', PEER, undefined));
  for (const build of builds) build.load = new ApiLoad(build.api.apiUrl, targets);
  report.line(
    `- builds: this = ${PLINKD_MAIN}${PEER === undefined ? '' : `; peer = ${PEER}`}; churn over ${fmtInt(targets.length)} endpoints`,
  );
  for (const load of API_LOADS) report.line(`- ${load.kind}: ${load.what}`);
  const kinds = flags
    .string('kinds', API_LOADS.map((l) => l.kind).join(','))
    .split(',')
    .map((k) => {
      if (!API_LOADS.some((l) => l.kind === k)) throw new Error(`--kinds: unknown kind '${k}'`);
      return k as ApiLoadKind;
    });
  const runs = new Map<string, Run[]>();
  const key = (build: Build, kind: ApiLoadKind): string => `${build.name} ${kind}`;
  for (const build of builds) await build.load.run('reads', RATE, 2);
  const measuredFrom = Date.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
      for (const build of r % 2 === 0 ? builds : [...builds].reverse()) {
        const run = await measure(build, kind);
        runs.set(key(build, kind), [...(runs.get(key(build, kind)) ?? []), run]);
        console.log(
          `  round ${r + 1} ${build.name.padEnd(4)} ${kind.padEnd(11)} api ${fmt(run.apiMs)} ms/call  redis ${fmt(run.redisMs)} ms/call  ${fmt(run.commands, 1)} commands/call  ok ${run.ok}/${run.sent}  (load ${loadAverage()})`,
        );
      }
    }
  }
  for (const build of builds) await build.load.restore();
  const med = (build: Build, kind: ApiLoadKind, f: (r: Run) => number): number => median((runs.get(key(build, kind)) ?? []).map(f));
  report.line();
  report.table(
    ['build', 'calls', 'api CPU ms/call', 'redis CPU ms/call', 'Redis commands/call', 'Redis command µs/call', 'api ÷ reads', 'ok'],
    builds.flatMap((build) =>
      kinds.map((kind) => [
        build.name,
        kind,
        fmt(med(build, kind, (r) => r.apiMs)),
        fmt(med(build, kind, (r) => r.redisMs)),
        fmt(
          med(build, kind, (r) => r.commands),
          1,
        ),
        fmt(
          med(build, kind, (r) => r.commandMicros),
          0,
        ),
        fmt(med(build, kind, (r) => r.apiMs) / med(build, 'reads', (r) => r.apiMs)),
        (runs.get(key(build, kind)) ?? []).map((r) => `${r.ok}/${r.sent}`).join(', '),
      ]),
    ),
  );
  report.line();
  for (const build of builds)
    for (const kind of kinds) {
      const last = (runs.get(key(build, kind)) ?? []).at(-1);
      if (last === undefined) continue;
      const parts = [...last.byCommand].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${fmt(n, 1)}`);
      report.line(`- ${build.name} ${kind}, Redis commands per call (last round): ${parts.join(', ')}`);
    }
  if (builds.length === 2) {
    const [self, peer] = builds as [Build, Build];
    report.line();
    for (const kind of kinds)
      report.line(
        `- **${kind}: api CPU per call this ÷ peer ${fmt(med(self, kind, (r) => r.apiMs) / med(peer, kind, (r) => r.apiMs))}, redis CPU per call ${fmt(med(self, kind, (r) => r.redisMs) / med(peer, kind, (r) => r.redisMs))}, Redis command µs per call ${fmt(med(self, kind, (r) => r.commandMicros) / med(peer, kind, (r) => r.commandMicros))}**`,
      );
  }
  const measuredSeconds = (Date.now() - measuredFrom) / 1000;
  for (const build of builds) {
    build.stats.disconnect();
    await stopChild(build.api.child, 15_000);
    await stopChild(build.redis.child);
  }
  if (PROFILE !== undefined) {
    for (const build of builds) {
      report.line();
      report.line(`## ${build.name}: api process self time while measured (% of its busy samples)`);
      report.line();
      const lines = topSelfTime(join(PROFILE, build.name), 40, measuredSeconds);
      const idle = lines.find((l) => l.fn === '(idle)')?.percent ?? 0;
      report.table(
        ['self %', 'function', 'where'],
        lines.filter((l) => l.fn !== '(idle)').map((l) => [fmt((100 * l.percent) / (100 - idle), 1), l.fn, l.where]),
      );
    }
  }
  report.write();
}

runBench(main);
