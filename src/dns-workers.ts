import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config/config.js';
import { envNameOf } from './config/config.js';
import { planGeneratedCredentials } from './control/generated-credentials.js';
import { firstScreen } from './first-screen.js';
import type { Logger } from './log/logger.js';

/**
 * `--dns-workers N` (docs/design/scale-out.md "DNS workers"): one Node process
 * answers on one core, so N processes serve the same DNS (and API) addresses.
 * node:cluster shares the bound handles: every worker reads the one UDP socket
 * and accepts on the one TCP listener (Node 20's dgram has no reusePort). Each
 * worker is a whole `plinkd serve --role dns` — its own replica, loaded from the
 * shared store and fed by its change stream — so memory is N replicas.
 *
 * The primary holds no replica: it forks the workers, passes signals on
 * (SIGTERM/SIGINT stop them, SIGHUP reloads their static zones), replaces a
 * worker that dies after it was serving, and ends the whole process when one
 * fails before it ever served (a start-up error: bad address, port in use).
 */

/** What a worker sends the primary once it serves. */
const READY = 'plinkd:dns-worker-ready';

/** Replacements allowed within RESTART_WINDOW_MS before the primary gives up (a worker that keeps dying). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long stopping workers get before they are killed. */
const STOP_GRACE_MS = 15_000;

export function isDnsWorker(): boolean {
  return cluster.isWorker;
}

/** Tells the primary this worker serves (a no-op outside a worker). */
export function reportWorkerReady(): void {
  if (cluster.isWorker) process.send?.({ type: READY });
}

/**
 * Runs the primary until its workers have stopped; resolves with the exit code.
 * `announce` prints to the operator's terminal (a generated API token, once).
 */
export async function runDnsWorkers(
  config: Readonly<Config>,
  log: Logger,
  announce: (text: string) => void,
  version: string,
): Promise<number> {
  const count = config.dnsWorkers;
  // One API token for all workers: each would otherwise generate its own, and a
  // /v1 call would be accepted or not depending on which worker took it.
  const credentials = planGeneratedCredentials({
    plane: undefined,
    accessKeysConfigured: config.accessKeys !== undefined,
    configuredTokens: config.apiTokens,
    dataDir: undefined,
  });
  const screen = firstScreen(
    await credentials.commit(),
    { api: `${config.api.host}:${config.api.port}`, apiHttps: undefined, dns: config.dns.map((d) => `${d.host}:${d.port}`) },
    version,
  );
  if (screen !== undefined) announce(screen);
  const env = { [envNameOf('api-tokens')]: credentials.apiTokens.join(',') };

  // Workers accept TCP connections themselves (the kernel spreads them) rather
  // than the primary accepting and handing each over: the primary stays idle.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: process.argv[1]!, args: process.argv.slice(2) });

  const ready = new Set<Worker>();
  const restarts: number[] = [];
  let allReady = false;
  let stopping = false;
  let exitCode = 0;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));

  const fork = (): Worker => {
    const worker = cluster.fork(env);
    worker.on('message', (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type !== READY) return;
      ready.add(worker);
      if (!allReady && ready.size === count) {
        allReady = true;
        log.info('dns workers ready', { workers: count, pids: [...ready].map((w) => w.process.pid) });
      }
    });
    return worker;
  };

  const stop = (reason: string, code: number): void => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    log.info('stopping dns workers', { reason });
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (live.length === 0) finish(exitCode);
    for (const worker of live) worker.process.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      finish(1);
    }, STOP_GRACE_MS);
    force.unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    const served = ready.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) finish(exitCode);
      return;
    }
    if (!served) {
      // It never served: the same error would end every replacement (address in use, bad flag).
      log.error('dns worker failed at start', { pid: worker.process.pid, code, signal });
      stop('a worker failed at start', code === 2 ? 2 : 1);
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      log.error('dns workers keep exiting; stopping', { restarts: restarts.length, windowMs: RESTART_WINDOW_MS });
      stop('workers keep exiting', 1);
      return;
    }
    restarts.push(now);
    log.error('dns worker exited; starting another', { pid: worker.process.pid, code, signal });
    fork();
  });

  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGHUP', () => {
    log.info('reloading dns workers', { signal: 'SIGHUP' });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGHUP');
  });

  log.info('starting dns workers', { workers: count });
  for (let i = 0; i < count; i++) fork();
  return done;
}
