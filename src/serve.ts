import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import type { RunningApp } from './app.js';
import { ConfigError } from './config/config-error.js';
import type { Config } from './config/types.js';
import type { Logger } from './log/logger.js';

/** How often a plinkd started by npm looks whether npm is still there. */
const PARENT_CHECK_MS = 1000;

/**
 * The process around the app (README.md "Running it, and signals"): SIGTERM and SIGINT stop
 * it cleanly (listeners closed, store closed, pid file removed) at any point of the
 * start; SIGHUP reloads --zones-dir. Under `npm start` (npm forwards only INT and
 * TERM, and dies of HUP), plinkd also stops when npm is gone, so no orphan keeps
 * the ports; HUP goes to plinkd's own pid (--pid-file).
 */
export async function startServer(config: Readonly<Config>, log: Logger, version: string, options: { worker: boolean }): Promise<void> {
  process.on('uncaughtException', (err) => {
    log.error('uncaught exception', { err });
    process.exit(70);
  });
  // Set once the start is done; the signal handlers, installed before it, read it then.
  const running: { app?: RunningApp } = {};
  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal: reason });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    const app = running.app;
    if (app === undefined) {
      // Still starting (waiting for the store, loading): nothing is served yet; the system releases the rest.
      process.exit(0);
    }
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    if (running.app === undefined) return; // the zones are read as the start goes on
    log.info('reloading', { signal: 'SIGHUP' });
    running.app.reload();
  });
  if (process.env['npm_lifecycle_event'] !== undefined) watchParent(() => shutdown('parent npm exited'));

  if (config.pidFile !== undefined && !options.worker) holdPidFile(config.pidFile);

  // Loaded here: `plinkd serve --help` and bad flags never load the server's modules.
  const { startApp } = await import('./app.js');
  running.app = await startApp(config, log, (text) => process.stdout.write(`${text}\n`), version);
}

function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    // Orphans are adopted by init or a subreaper: the parent id changes.
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, PARENT_CHECK_MS);
  timer.unref();
}

/**
 * --pid-file: written before the (possibly long) wait for the store, so the process can be
 * signalled by it throughout; removed at every exit but SIGKILL's.
 */
export function holdPidFile(path: string): void {
  writePidFile(path);
  process.on('exit', () => removePidFile(path));
}

function writePidFile(path: string): void {
  try {
    writeFileSync(path, `${process.pid}\n`, { mode: 0o644 });
  } catch (err) {
    throw new ConfigError(`cannot write ${path}: ${(err as Error).message}`, 'pid-file');
  }
}

/** Removes the pid file if it is still ours (another plinkd may have written it since). */
function removePidFile(path: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
  } catch {
    // Already gone.
  }
}
