import { ConfigError } from './config-error.js';
import { readCommandLine } from './command-line.js';
import { envNameOf, FLAGS } from './flags.js';
import type { Config } from './types.js';

/**
 * Flags and their env twins → a checked, frozen Config. Every value is parsed here,
 * and the flags that only make sense together are checked together, so a mistake
 * ends the start before anything is created (main.ts exits 2 with the message).
 */
export function configFrom(given: ReadonlyMap<string, string>, env: Readonly<Record<string, string | undefined>>): Readonly<Config> {
  const config: Record<string, unknown> = {};
  for (const flag of FLAGS) {
    const raw = given.get(flag.name) ?? nonEmpty(env[envNameOf(flag.name)]) ?? flag.defaultValue;
    if (raw === undefined) {
      config[flag.key] = flag.absent;
      continue;
    }
    try {
      config[flag.key] = flag.parse(raw);
    } catch (err) {
      throw new ConfigError(err instanceof Error ? err.message : String(err), flag.name);
    }
  }
  return Object.freeze(checkTogether(config as unknown as Config));
}

/** `plinkd serve` flags (as given after `serve`) and env → Config; --help/--version are main.ts's. */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Readonly<Config> {
  const command = readCommandLine(argv);
  if (command.kind !== 'serve') throw new ConfigError(`--${command.kind} is answered before the configuration is read`);
  return configFrom(command.given, env);
}

/** An empty env twin (`PLINKD_STORE=`) is as good as unset, as shells and compose files write them. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function checkTogether(config: Config): Config {
  if ((config.apiTlsCert === undefined) !== (config.apiTlsKey === undefined))
    throw new ConfigError(
      '--api-tls-cert and --api-tls-key go together: give both, or neither for a generated self-signed pair',
      config.apiTlsCert === undefined ? 'api-tls-key' : 'api-tls-cert',
    );
  if (config.apiTlsCert !== undefined && config.apiHttps === undefined)
    throw new ConfigError('is for the HTTPS listener: give --api-https <host:port> too', 'api-tls-cert');
  if (config.role !== 'all' && config.store === 'memory') {
    // The memory store lives inside one process: split roles could never share it.
    throw new ConfigError(
      `--role ${config.role} runs beside other processes on one shared store; use a redis:// store, or --role all with --store memory`,
      'role',
    );
  }
  if (config.dnsWorkers > 1 && config.role !== 'dns') {
    // Each worker loads its own replica from the change stream: only a shared store can feed N of them.
    throw new ConfigError('above 1 runs that many DNS replicas of one shared store: use --role dns with a redis:// store', 'dns-workers');
  }
  if (config.dataDir !== undefined && config.store !== 'memory')
    throw new ConfigError('keeps the memory store on disk; a Redis store keeps its data in Redis (appendonly yes)', 'data-dir');
  return config;
}
