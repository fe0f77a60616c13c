/**
 * A plinkd DNS replica in a process of its own, measured from inside: the
 * same composition as `plinkd serve --role dns` (startApp from dist/), plus a
 * report of the load time and of heap and RSS after a full GC once loaded.
 *
 *   node --expose-gc probe.js <redis-url> <dns-port> <api-port> [<profile-dir> [cpu|alloc]]
 * With a profile dir, the load alone (startApp) is CPU-profiled through
 * node:inspector and written there as load.cpuprofile; with `alloc`, its
 * allocations are sampled instead (load.heapprofile, garbage included).
 * Prints one JSON line {"loadMs", "loadCpuMs", "heapUsed", "rss", ...} on stdout, then
 * keeps serving until SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { REPO_ROOT } from '../common/paths.js';

interface AppModule {
  startApp(config: unknown, log: unknown, announce: (text: string) => void): Promise<{ stop(): Promise<void> }>;
}
interface ConfigModule {
  loadConfig(argv: string[], env: Record<string, string | undefined>): unknown;
}
interface LoggerModule {
  createLogger(level: string): unknown;
}

const [storeUrl = '', dnsPort = '', apiPort = '', profileDir, profileKind = 'cpu'] = process.argv.slice(2);
const sampleAllocations = profileKind === 'alloc';
const dist = (file: string): string => pathToFileURL(join(REPO_ROOT, 'dist', file)).href;
const { startApp } = (await import(dist('app.js'))) as AppModule;
const { loadConfig } = (await import(dist('config/config.js'))) as ConfigModule;
const { createLogger } = (await import(dist('log/logger.js'))) as LoggerModule;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('probe: run with --expose-gc');
const config = loadConfig(
  [
    '--store',
    storeUrl,
    '--role',
    'dns',
    '--dns',
    `127.0.0.1:${dnsPort}`,
    '--api',
    `127.0.0.1:${apiPort}`,
    '--log-level',
    'warn',
    '--api-tokens',
    'probe-token-0123456789',
  ],
  {},
);
const baseline = process.memoryUsage();
const session = profileDir === undefined ? undefined : new Session();
if (session !== undefined) {
  session.connect();
  if (sampleAllocations) {
    // Objects collected since are kept in the profile: the load's garbage is what its GC time is spent on.
    await session.post('HeapProfiler.enable');
    const sampling = { samplingInterval: 32 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    await session.post('HeapProfiler.startSampling', sampling);
  } else {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
}
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const app = await startApp(config, createLogger('warn'), () => undefined);
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuBefore);
if (session !== undefined) {
  if (sampleAllocations) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(join(profileDir!, 'load.heapprofile'), JSON.stringify(profile));
  } else {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir!, 'load.cpuprofile'), JSON.stringify(profile));
  }
  session.disconnect();
}
const loadCpuMs = (cpu.user + cpu.system) / 1000;
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
gc();
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ loadMs, loadCpuMs, heapUsed: after.heapUsed, heapTotal: after.heapTotal, external: after.external, rss: after.rss, peakRss, baselineHeap: baseline.heapUsed, baselineRss: baseline.rss })}\n`,
);
const stop = (): void => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
