/**
 * Configuration of `plinkd serve` (docs/architecture.md): the flag table
 * (flags.ts), the command line (command-line.ts), values (values.ts), the
 * account keys (access-keys.ts), checked together (load-config.ts).
 */
export type { Config, HostPort, LogLevel, Role, ZoneAffinityMode } from './types.js';
export { ConfigError } from './config-error.js';
export { envNameOf, FLAGS } from './flags.js';
export { configFrom, loadConfig } from './load-config.js';
export { readCommandLine } from './command-line.js';
export { serveHelp } from './help.js';
