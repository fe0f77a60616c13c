/**
 * The DNS full path (a reply-cache miss: decode, look up, encode) profiled in
 * process, against the fast path (a cached reply patched) in the same run.
 * A child process builds the fleet's region zone and answers, in turn: the
 * query mix of bench:dns from a warm reply cache (the fast path); the same mix
 * with the reply cache off (the full path alone); and the cache-hostile file of
 * bench:dns fleet (every published name once, shuffled, more names than the
 * cache holds) with the default cache, for `--seconds` under `node --cpu-prof`
 * — a miss as the server pays it, cache admission and garbage included. The
 * parent writes wall and CPU µs per query (CPU counts the GC's helper threads),
 * the ratios, heap per endpoint and the self time of the hostile window to
 * bench/results/.
 *
 *   npm run bench:build && node bench/work/build/bench/dns/full-path-profile.js \
 *     [--endpoints 100k] [--seconds 20] [--label now]
 */
import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegionZone } from '../../src/dns/projection/region-zone.js';
import { endpointNames } from '../../src/dns/projection/endpoint-records.js';
import { ZoneRegistry } from '../../src/dns/registry/index.js';
import { DnsHandler } from '../../src/dns/server/index.js';
import type { ResolvedView, ViewResolver } from '../../src/dns/lookup/types.js';
import { encodeQuery } from '../../src/dns/wire/index.js';
import { topSelfTime } from '../common/cpu-profile.js';
import { fleetChunks, REGION, SUFFIX } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { totalBytes, type HeapNode } from '../common/heap-profile.js';
import { RESULTS_DIR } from '../common/paths.js';
import { HostileQueries } from './hostile.js';
import { QueryMixBuilder } from './queries.js';

interface Timing {
  wall: number;
  cpu: number;
}

interface ChildReport {
  /** Bytes of heap allocated per query (V8's sampling heap profiler, garbage included), per path. */
  allocated: { fast: number; full: number; hostile: number };
  endpoints: number;
  queries: number;
  hostileQueries: number;
  fast: Timing;
  full: Timing;
  hostile: Timing;
  heapBytesPerEndpoint: number;
  rss: number;
}

/**
 * Heap bytes allocated per query by one pass of `answer`, garbage included:
 * what sets how often the young generation is collected, which over sockets
 * at 1M endpoints was a large share of a miss (docs/design/performance.md).
 * Counted by V8's sampling heap profiler (one sample per ~256 bytes), so it
 * does not depend on how busy the machine is.
 */
function allocatedPerQuery(answer: () => number): number {
  const session = new Session();
  session.connect();
  let bytes = 0;
  let answered = 0;
  // An in-process session answers synchronously.
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < 5; i++) answered += answer();
  session.post('HeapProfiler.stopSampling', (err, result) => {
    if (err === null) bytes = totalBytes(result.profile.head as HeapNode);
  });
  session.disconnect();
  return bytes / answered;
}

function child(endpoints: number, seconds: number): void {
  const zone = createRegionZone(REGION, SUFFIX, ['127.0.0.1'], 1);
  const registry = new ZoneRegistry();
  registry.setPublicZone(zone);
  const mix = new QueryMixBuilder(endpoints, 100_000);
  const hostile = new HostileQueries();
  const heapBefore = process.memoryUsage().heapUsed;
  for (const chunk of fleetChunks(endpoints)) {
    for (const service of chunk.services) zone.pinName(service.serviceDomain);
    for (const { endpoint } of chunk.endpoints) {
      const service = chunk.services.find((s) => s.serviceId === endpoint.serviceId);
      const [first, ...members] = endpointNames(endpoint, service);
      if (first !== undefined) zone.setAddressFamily(first.name, first.a, first.aaaa, members);
    }
    mix.add(chunk.endpoints);
    hostile.add(chunk.endpoints);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const heapBytesPerEndpoint = (process.memoryUsage().heapUsed - heapBefore) / endpoints;
  const NO_VIEW: ResolvedView = { view: { vpcId: undefined, zoneId: undefined }, scopePrefixLength: 0 };
  const views: ViewResolver = { generation: 1, resolve: () => NO_VIEW };
  const queries = mix.lines.map((l, i) => encodeQuery({ id: i & 0xffff, name: l.name, type: l.type === 'A' ? 1 : 28 }));
  const source = { address: '127.0.0.1', port: 40000, transport: 'udp' as const };
  const timed = (answer: () => number, forMs: number): Timing => {
    let answered = 0;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const until = Date.now() + forMs;
    while (Date.now() < until) answered += answer();
    const wall = Number(process.hrtime.bigint() - started) / answered / 1000;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / answered };
  };
  const mixPass = (handler: DnsHandler) => (): number => {
    for (const q of queries) handler.handle(q, source);
    return queries.length;
  };
  const fastHandler = new DnsHandler({ authority: registry, views });
  mixPass(fastHandler)();
  const fast = timed(mixPass(fastHandler), 3000);
  const full = timed(mixPass(new DnsHandler({ authority: registry, views, replyCacheEntries: 0 })), 5000);
  // Last, so that the profile's final `seconds` are the hostile file alone.
  const hostileHandler = new DnsHandler({ authority: registry, views });
  let at = 0;
  const hostilePass = (): number => {
    // Queries arrive as fresh Buffers over one received message each, as from the socket.
    for (let i = 0; i < 10_000; i++) {
      hostileHandler.handle(hostile.query(at), source);
      at = (at + 1) % hostile.size;
    }
    return 10_000;
  };
  // Warm-up until the cache has filled (its first generation turned over at 125,000 replies): what is measured is a full cache.
  for (let i = 0; i < 20; i++) hostilePass();
  const hostileTiming = timed(hostilePass, seconds * 1000);
  const allocated = {
    fast: allocatedPerQuery(mixPass(fastHandler)),
    full: allocatedPerQuery(mixPass(new DnsHandler({ authority: registry, views, replyCacheEntries: 0 }))),
    hostile: allocatedPerQuery(hostilePass),
  };
  const report: ChildReport = {
    allocated,
    endpoints,
    queries: queries.length,
    hostileQueries: hostile.size,
    fast,
    full,
    hostile: hostileTiming,
    heapBytesPerEndpoint,
    rss: process.memoryUsage().rss,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

const USAGE = `node bench/work/build/bench/dns/full-path-profile.js [--endpoints 100k] [--seconds 20] [--label now]`;
const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(Number(args[1]), Number(args[2]));
} else {
  const flags = new Flags(args, USAGE, ['endpoints', 'seconds', 'label']);
  const endpoints = flags.count('endpoints', 100_000);
  const seconds = flags.count('seconds', 20);
  const label = flags.string('label', 'now');
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-full-path-'));
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--cpu-prof', `--cpu-prof-dir=${dir}`, fileURLToPath(import.meta.url), '--child', String(endpoints), String(seconds)],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (run.status !== 0) throw new Error(`full-path child failed (${run.status})`);
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as ChildReport;
  const top = topSelfTime(dir, 20, seconds - 1);
  rmSync(dir, { recursive: true, force: true });
  const date = new Date().toISOString();
  const lines = [
    `# DNS full path profile (${label}) — ${date}`,
    '',
    `- ${report.endpoints.toLocaleString('en')} endpoints in one region zone, ${report.queries.toLocaleString('en')} queries of the bench:dns mix, in process (no sockets)`,
    `- heap per endpoint (zone, after GC): ${report.heapBytesPerEndpoint.toFixed(0)} B; RSS ${(report.rss / 2 ** 20).toFixed(0)} MiB`,
    `- hostile file: ${report.hostileQueries.toLocaleString('en')} queries, every published name once (A; AAAA too for DualStack), shuffled; default reply cache (250,000)`,
    '',
    '| path | wall µs/query | CPU µs/query | fast ÷ this (wall) | fast ÷ this (CPU) |',
    '|---|---:|---:|---:|---:|',
    ...(
      [
        ['fast path (the mix, reply cache hit)', report.fast],
        ['full path (the mix, reply cache off)', report.full],
        [`cache-hostile (every name once, default cache, ${seconds} s)`, report.hostile],
      ] as const
    ).map(
      ([what, t]) =>
        `| ${what} | ${t.wall.toFixed(2)} | ${t.cpu.toFixed(2)} | ${(report.fast.wall / t.wall).toFixed(2)} | ${(report.fast.cpu / t.cpu).toFixed(2)} |`,
    ),
    '',
    `- **fast ÷ cache-hostile (CPU): ${(report.fast.cpu / report.hostile.cpu).toFixed(2)}** (1.00 = a miss costs what a hit does)`,
    `- heap allocated per query (garbage included; sampling heap profiler): fast ${report.allocated.fast.toFixed(0)} B, full ${report.allocated.full.toFixed(0)} B, cache-hostile ${report.allocated.hostile.toFixed(0)} B`,
    '',
    `Self time of the last ${seconds - 1} s (the cache-hostile file alone):`,
    '',
    '| self % | function | where |',
    '|---:|---|---|',
    ...top.map((l) => `| ${l.percent.toFixed(1)} | ${l.fn} | ${l.where} |`),
    '',
  ];
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${date.slice(0, 10)}-dns-full-path-${label}.md`);
  writeFileSync(file, lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\nwritten to ${file}\n`);
}
