#!/usr/bin/env node
import { ConfigError, configFrom, readCommandLine, serveHelp } from './config/config.js';
import { envNameOf } from './config/flags.js';
import { checkPorts } from './config/port-check.js';
import { VERSION } from './config/version.js';
import { processIo } from './cli/io.js';
import { createLogger } from './log/logger.js';
import { DataDirError } from './store/durable/data-dir.js';
import { StoreRefusedError } from './store/types.js';

/**
 * `plinkd serve …` runs the server; every other command is the operator CLI (src/cli).
 * Exit codes of serve: 0 stopped by a signal, 2 a configuration mistake (one line on
 * stderr naming the flag and its env twin, before anything is created or printed),
 * 1 anything else that ends the start (the store not reachable within --store-wait).
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--version') {
    process.stdout.write(`plinkd ${VERSION}\n`);
    return;
  }
  if (command !== 'serve') {
    // Loaded here, not at the top: the CLI's commands never need the server's modules, nor it theirs.
    const { runCli } = await import('./cli/cli.js');
    process.exitCode = await runCli(argv, process.env, processIo);
    return;
  }
  const { holdPidFile, startServer } = await import('./serve.js');
  const { isDnsWorker, reportWorkerReady, runDnsWorkers } = await import('./dns-workers.js');
  let config;
  try {
    const commandLine = readCommandLine(rest);
    if (commandLine.kind === 'help') {
      process.stdout.write(serveHelp());
      return;
    }
    if (commandLine.kind === 'version') {
      process.stdout.write(`plinkd ${VERSION}\n`);
      return;
    }
    config = configFrom(commandLine.given, process.env);
    // A --dns-workers worker binds through its primary (node:cluster), which checked the ports.
    if (!isDnsWorker()) await checkPorts(config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message, 2);
  }
  const worker = isDnsWorker();
  const log = worker ? createLogger(config.logLevel).child({ pid: process.pid }) : createLogger(config.logLevel);
  if (config.dnsWorkers > 1 && !worker) {
    // The primary of --dns-workers: forks the DNS processes and serves nothing itself.
    if (config.pidFile !== undefined) holdPidFile(config.pidFile);
    process.exitCode = await runDnsWorkers(config, log, (text) => void process.stdout.write(`${text}\n`), VERSION);
    return;
  }
  await startServer(config, log, VERSION, { worker });
  reportWorkerReady();
}

function fail(message: string, code: number): never {
  process.stderr.write(`plinkd: ${message}\n`);
  process.exit(code);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) fail(err.message, 2);
  // The data directory is checked, locked and loaded before anything is served: a start-up error like a bad flag.
  if (err instanceof DataDirError) fail(`--data-dir (${envNameOf('data-dir')}): ${err.message}`, 2);
  // The store answered, and refused what the configuration asks of it (a database it does not have).
  if (err instanceof StoreRefusedError) fail(`--store (${envNameOf('store')}): ${err.message}`, 2);
  fail(err instanceof Error ? err.message : String(err), 1);
});
