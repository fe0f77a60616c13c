/**
 * The first load of two builds of plinkd, alternated on one fleet: `bench:scale`'s probe
 * (probe.ts: startApp with --role dns, load time and CPU from inside, heap and RSS after a
 * full GC, peak RSS) started from this checkout and from another built checkout, in turns,
 * against the same Redis. The machine is shared and noisy, so the two builds take turns and
 * the report gives medians and after ÷ before.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stopChild, tempDir, timeLimit, track, runBench } from '../common/cleanup.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { REPO_ROOT } from '../common/paths.js';
import { freePort, startRedis } from '../common/processes.js';
import { seedRedis } from '../common/redis-seed.js';
import { Report } from '../common/report.js';
import { shareByArea, topSelfTime } from '../common/cpu-profile.js';
import { fmt, fmtInt, median } from '../common/stats.js';
import { LOAD_AREAS } from './load-areas.js';

const USAGE = `node bench/work/build/bench/scale/first-load-ab.js --before <checkout> [flags]

Seeds one fleet into a throwaway redis-server, then loads it alternately with the
probe of another checkout (--before: built with npm run build && npm run
bench:build) and of this one (after), --rounds times each, and reports medians of
load wall and CPU time, heap and RSS after the load and peak RSS, after ÷ before.

  --before <dir>       the other checkout, built (required)
  --endpoints 200k     the fleet (default 200k)
  --rounds 4           loads per build (default 4)
  --name <text>        results file: bench/results/<date>-scale-<name>.md
                       (default first-load-ab)
  --profile yes        after the rounds, one more load per build under a CPU
                       profile (node:inspector around the load, as bench:scale
                       --profile yes): share by area and top self time of each
                       (default no; profiled loads are not in the medians)
  --time-limit 1800    seconds before the bench stops itself

Time: seeding ~60 s per 1M endpoints, then 2 × rounds loads (~10 s each at 200k
on a quiet machine, ~60 s at 1M). Needs ~4 GiB free memory at 1M.`;

const probeOf = (root: string): string => join(root, 'bench', 'work', 'build', 'bench', 'scale', 'probe.js');

const flags = new Flags(process.argv.slice(2), USAGE, ['before', 'endpoints', 'rounds', 'name', 'profile', 'time-limit']);
const BEFORE = flags.string('before', '');
const ENDPOINTS = flags.count('endpoints', 200_000);
const ROUNDS = flags.count('rounds', 4);
const NAME = flags.string('name', 'first-load-ab');
const PROFILE = flags.string('profile', 'no');
if (!['no', 'yes'].includes(PROFILE)) throw new Error(`--profile: yes or no, not ${PROFILE}`);
timeLimit(flags.count('time-limit', 1800));
if (BEFORE === '' || !existsSync(probeOf(BEFORE))) {
  console.error(`--before: a checkout built with npm run build && npm run bench:build (no ${probeOf(BEFORE)})`);
  process.exit(2);
}
const MiB = 2 ** 20;

interface Load {
  loadMs: number;
  loadCpuMs: number;
  heapUsed: number;
  rss: number;
  peakRss: number;
}

async function load(root: string, url: string, profileDir?: string): Promise<Load> {
  const args = ['--expose-gc', probeOf(root), url, String(await freePort()), String(await freePort())];
  if (profileDir !== undefined) args.push(profileDir, 'cpu');
  const child = track(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] }));
  const result = await new Promise<Load>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined) resolve(JSON.parse(line) as Load);
    });
    child.once('exit', (code) => reject(new Error(`probe of ${root} exited with ${code}`)));
  });
  await stopChild(child);
  return result;
}

async function main(): Promise<void> {
  const report = new Report(`scale-${NAME}`);
  report.line(`# First load, two builds alternated: ${fmtInt(ENDPOINTS)} endpoints in one replica — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['redis']))) report.line(line);
  const redis = await startRedis(tempDir('first-load-ab'));
  const seeded = await seedRedis(redis.url, ENDPOINTS, () => undefined);
  report.line(
    `- seeded ${fmtInt(ENDPOINTS)} endpoints in ${fmt(seeded.seconds, 1)} s (bench/common/redis-seed.ts: 3 zones and 4 names each; 1 service per 10 endpoints, every 4th DualStack; 1 VPC with 3 vSwitches per 250)`,
  );
  report.line(`- before: ${BEFORE}; after: ${REPO_ROOT}`);
  report.line();
  const builds = [
    { name: 'before', root: BEFORE, loads: [] as Load[] },
    { name: 'after', root: REPO_ROOT, loads: [] as Load[] },
  ];
  const rows: string[][] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const build of builds) {
      const l = await load(build.root, redis.url);
      build.loads.push(l);
      const row = [String(round), build.name, fmt(l.loadMs / 1000), fmt(l.loadCpuMs / 1000)];
      row.push(...[l.heapUsed, l.rss, l.peakRss].map((b) => `${fmt(b / MiB, 0)} MiB`), loadAverage().split(' ')[0]!);
      rows.push(row);
      console.log(row.join(' | '));
    }
  }
  report.table(['round', 'build', 'load wall s', 'load CPU s', 'heap after GC', 'RSS after load', 'peak RSS', 'load average'], rows);
  report.line();
  const measures: Array<[string, (l: Load) => number, (v: number) => string]> = [
    ['load CPU', (l) => l.loadCpuMs / 1000, (v) => `${fmt(v)} s`],
    ['load wall', (l) => l.loadMs / 1000, (v) => `${fmt(v)} s`],
    ['heap after GC', (l) => l.heapUsed / MiB, (v) => `${fmt(v, 0)} MiB`],
    ['RSS after load', (l) => l.rss / MiB, (v) => `${fmt(v, 0)} MiB`],
    ['peak RSS', (l) => l.peakRss / MiB, (v) => `${fmt(v, 0)} MiB`],
  ];
  for (const [label, of, show] of measures) {
    const [before, after] = builds.map((b) => median(b.loads.map(of))) as [number, number];
    report.line(`- **${label}, median: before ${show(before)}, after ${show(after)} — after ÷ before ${fmt(after / before)}**`);
  }
  if (PROFILE === 'yes') await reportProfiles(report, builds, redis.url);
  report.write();
}

/** One more load per build under a CPU profile: where each spends its CPU, side by side. */
async function reportProfiles(report: Report, builds: ReadonlyArray<{ name: string; root: string }>, url: string): Promise<void> {
  const dirs = new Map<string, string>();
  const loads = new Map<string, Load>();
  for (const build of builds) {
    const dir = tempDir(`first-load-ab-profile-${build.name}`);
    dirs.set(build.name, dir);
    loads.set(build.name, await load(build.root, url, dir));
  }
  report.line();
  report.line(
    `CPU profile of one more load of each build (node:inspector around startApp; share of samples, the innermost area on the stack; load CPU under the profiler: ${builds.map((b) => `${b.name} ${fmt(loads.get(b.name)!.loadCpuMs / 1000)} s`).join(', ')}):`,
  );
  report.line();
  const shares = builds.map((b) => shareByArea(dirs.get(b.name)!, LOAD_AREAS));
  report.table(
    ['area', ...builds.map((b) => `${b.name} %`)],
    LOAD_AREAS.map((area, i) => [area.name, ...shares.map((s) => fmt(s[i]!.percent, 1))]),
  );
  for (const build of builds) {
    report.line();
    report.line(`Top self time, ${build.name}:`);
    report.line();
    report.table(
      ['self %', 'function', 'where'],
      topSelfTime(dirs.get(build.name)!, 15).map((l) => [fmt(l.percent, 1), l.fn, l.where]),
    );
  }
}

runBench(main);
