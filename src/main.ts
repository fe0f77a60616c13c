#!/usr/bin/env node
import { ConfigError, envNameOf, loadConfig, usage } from './config/config.js';
import { processIo } from './cli/io.js';
import { createLogger } from './log/logger.js';
import { DataDirError } from './store/durable/data-dir.js';

const HELP = `plinkd — PrivateLink control plane, authoritative/private DNS and RAM policy evaluator

usage: plinkd serve [flags]      (every flag also reads PLINKD_<FLAG> from the environment)

${usage()}
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'serve') {
    // Everything else is the operator CLI (src/cli): API actions, topology, completion, help.
    const { runCli } = await import('./cli/cli.js');
    process.exitCode = await runCli(argv, process.env, processIo);
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  let config;
  try {
    config = loadConfig(rest, process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`plinkd: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  const { isDnsWorker, reportWorkerReady, runDnsWorkers } = await import('./dns-workers.js');
  const worker = isDnsWorker();
  const announce = (text: string): void => void process.stdout.write(`${text}\n`);
  const log = worker ? createLogger(config.logLevel).child({ pid: process.pid }) : createLogger(config.logLevel);
  if (config.dnsWorkers > 1 && !worker) {
    // The primary of --dns-workers: forks the DNS processes and serves nothing itself.
    process.exitCode = await runDnsWorkers(config, log, announce);
    return;
  }
  process.on('uncaughtException', (err) => {
    log.error('uncaught exception', { err });
    process.exit(70);
  });
  // Loaded here, not at the top: the CLI's commands never need the server's modules.
  const { startApp } = await import('./app.js');
  const app = await startApp(config, log, announce);
  reportWorkerReady();
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
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
    log.info('reloading', { signal: 'SIGHUP' });
    app.reload();
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof DataDirError) {
    // The data directory is checked, locked and loaded before anything is served: a start-up error like a bad flag.
    process.stderr.write(`plinkd: --data-dir (${envNameOf('data-dir')}): ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`plinkd: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
