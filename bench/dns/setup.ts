import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { stopChild, track } from '../common/cleanup.js';
import { waitForDns } from '../common/dns-client.js';
import { REGION_ZONE, type FleetEndpoint } from '../common/fleet.js';
import { startNsd, ZoneFileWriter } from '../common/nsd.js';
import { freePort, startPlinkd, startRedis, type PlinkdProcess, type RedisProcess } from '../common/processes.js';
import { seedRedis } from '../common/redis-seed.js';
import { QueryMixBuilder, type QueryLine } from './queries.js';

export interface Fixture {
  endpoints: number;
  dir: string;
  redis: RedisProcess;
  queryFile: string;
  queryCounts: Record<string, number>;
  /** A few queries of every kind, to check both servers answer alike. */
  samples: QueryLine[];
  zoneRecords: number;
  seedSeconds: number;
}

/** Redis with the fleet's documents, the same fleet as a zone file, and the query file. */
export async function prepareFixture(
  dir: string,
  endpoints: number,
  queries: number,
  observe: (batch: readonly FleetEndpoint[]) => void = () => undefined,
): Promise<Fixture> {
  const redis = await startRedis(dir);
  const zone = new ZoneFileWriter(join(dir, 'region.zone'), { origin: REGION_ZONE, nsAddress: '127.0.0.1' });
  const mix = new QueryMixBuilder(endpoints, queries);
  const seeded = await seedRedis(redis.url, endpoints, (batch) => {
    zone.add(batch);
    mix.add(batch);
    observe(batch);
  });
  await zone.close();
  const queryFile = join(dir, 'queries.txt');
  writeFileSync(queryFile, mix.text());
  const samples: QueryLine[] = [];
  for (const kind of Object.keys(mix.counts())) samples.push(...mix.lines.filter((l) => l.kind === kind).slice(0, 40));
  return { endpoints, dir, redis, queryFile, queryCounts: mix.counts(), samples, zoneRecords: zone.records, seedSeconds: seeded.seconds };
}

export interface Servers {
  plinkd: PlinkdProcess;
  nsd: { child: ChildProcess; port: number; readyMs: number };
  /** Bare node:dgram echo: the ceiling of a one-process Node server (echo-server.ts). */
  echo: { child: ChildProcess; port: number };
}

export const PROBE_NAME = REGION_ZONE;

/** plinkd as a DNS replica of the Redis store (one process), then NSD on the zone file. */
export async function startServers(fixture: Fixture, plinkdNodeArgs: string[] = []): Promise<Servers> {
  const plinkd = await startPlinkdServer(fixture, plinkdNodeArgs);
  const port = await freePort();
  const started = Date.now();
  const child = startNsd(fixture.dir, port, REGION_ZONE, join(fixture.dir, 'region.zone'));
  await waitForDns(port, PROBE_NAME, 600_000);
  return { plinkd, nsd: { child, port, readyMs: Date.now() - started }, echo: await startEcho() };
}

async function startEcho(): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./echo-server.js', import.meta.url));
  const child = track(spawn(process.execPath, [script, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const [line] = (await Promise.race([once(child.stdout!, 'data'), once(child, 'exit')])) as [Buffer | number];
  if (!Buffer.isBuffer(line) || !line.toString().includes('ready')) throw new Error('the echo server did not start');
  return { child, port };
}

/** `main`: another build's dist/main.js (a peer measured beside this one); this checkout's by default. */
export async function startPlinkdServer(
  fixture: Fixture,
  nodeArgs: string[] = [],
  extraArgs: string[] = [],
  main?: string,
): Promise<PlinkdProcess> {
  const plinkd = await startPlinkd({
    store: fixture.redis.url,
    role: 'dns',
    nodeArgs,
    extraArgs,
    ...(main === undefined ? {} : { main }),
    readyTimeoutMs: 600_000,
    apiTokens: 'bench-token-0123456789',
  });
  await waitForDns(plinkd.dnsPort, PROBE_NAME, 10_000);
  return plinkd;
}

export async function stopServers(servers: Servers): Promise<void> {
  await stopChild(servers.plinkd.child, 15_000);
  await stopChild(servers.nsd.child);
  await stopChild(servers.echo.child);
}
