import { spawn, type ChildProcess } from 'node:child_process';
import { waitForPort } from '../../test/helpers/redis.js';
import { freePort } from '../../test/helpers/ports.js';
import { track } from './cleanup.js';
import { PLINKD_MAIN } from './paths.js';

export { freePort };

export interface RedisProcess {
  url: string;
  port: number;
  child: ChildProcess;
}

/** A throwaway redis-server on a free loopback port: no persistence, its data in `dir`. */
export async function startRedis(dir: string): Promise<RedisProcess> {
  const port = await freePort();
  const child = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    }),
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err) => reject(new Error(`cannot start redis-server (Debian: apt-get install redis-server): ${err.message}`)));
  });
  failed.catch(() => undefined);
  await Promise.race([waitForPort(port, 10_000), failed]);
  return { url: `redis://127.0.0.1:${port}`, port, child };
}

export interface PlinkdProcess {
  child: ChildProcess;
  apiUrl: string;
  dnsPort: number;
  /** Milliseconds from spawn to the "ready" log line. */
  readyMs: number;
  output(): string;
}

export interface PlinkdLaunch {
  store: string;
  role?: 'all' | 'api' | 'dns';
  apiTokens?: string;
  accessKeys?: string;
  transitionDelayMs?: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Extra plinkd flags, e.g. --data-dir. */
  extraArgs?: string[];
  readyTimeoutMs?: number;
  /** Another build's dist/main.js (a peer in the same run); default this checkout's. */
  main?: string;
}

/** `node dist/main.js serve` on free loopback ports; resolves at its "ready" log line. */
export async function startPlinkd(launch: PlinkdLaunch): Promise<PlinkdProcess> {
  const apiPort = await freePort();
  const dnsPort = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (launch.apiTokens !== undefined) env['PLINKD_API_TOKENS'] = launch.apiTokens;
  if (launch.accessKeys !== undefined) env['PLINKD_ACCESS_KEYS'] = launch.accessKeys;
  const args = [
    ...(launch.nodeArgs ?? []),
    launch.main ?? PLINKD_MAIN,
    'serve',
    '--api',
    `127.0.0.1:${apiPort}`,
    '--dns',
    `127.0.0.1:${dnsPort}`,
    '--store',
    launch.store,
    '--role',
    launch.role ?? 'all',
    '--transition-delay',
    String(launch.transitionDelayMs ?? 0),
    '--log-level',
    'warn',
    ...(launch.extraArgs ?? []),
  ];
  const started = Date.now();
  const child = track(spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  const append = (chunk: Buffer): void => {
    // Keep the tail only: a long run must not grow the bench's memory.
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // "ready" is logged at info; with --log-level warn we wait for /healthz to leave "starting"
  // (the port opens before the configured accounts exist).
  const timeoutMs = launch.readyTimeoutMs ?? 120_000;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`plinkd exited with ${code} before ready:\n${output}`)));
  });
  exited.catch(() => undefined);
  await Promise.race([waitUntilStarted(apiPort, timeoutMs), exited]);
  return { child, apiUrl: `http://127.0.0.1:${apiPort}`, dnsPort, readyMs: Date.now() - started, output: () => output };
}

/** Resolves once GET /healthz no longer says "starting" (any status but that: degraded is a state, not a start). */
async function waitUntilStarted(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then(async (response) => ((await response.json()) as { status?: string }).status)
      .catch(() => undefined);
    if (status !== undefined && status !== 'starting') return;
    if (Date.now() > deadline) throw new Error(`plinkd on port ${port} not started within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
