import { parseBootstrapKeys } from '../model/access-keys.js';
import type { Config } from './types.js';
import {
  parseAffinity,
  parseBool,
  parseDomain,
  parseExistingDirectory,
  parseHostPort,
  parseHostPortList,
  parseInteger,
  parseLogLevel,
  parsePath,
  parseRegions,
  parseRole,
  parseStore,
  parseTokens,
  parseWait,
} from './values.js';

/**
 * The flags of `plinkd serve`: one table read by the command line, the environment,
 * `--help` and the README test (test/config/readme-flags.test.ts). Every flag
 * `--foo-bar` has an environment twin `PLINKD_FOO_BAR`; the flag wins over its twin.
 */
export interface Flag<K extends keyof Config = keyof Config> {
  name: string;
  key: K;
  /** A switch (`--query-log`, `--query-log=false`) or a flag with a value (`--store <url>`). */
  type: 'boolean' | 'string';
  /** What the value looks like, for --help. */
  value: string;
  /** The raw default, parsed like a given value; undefined: see `absent`. */
  defaultValue: string | undefined;
  /** The setting when neither the flag nor its twin is given and there is no default. */
  absent?: Config[K];
  /** How --help and the README show the default when it is not `defaultValue` itself. */
  shownDefault?: string;
  help: string;
  parse(raw: string): Config[K];
}

function flag<K extends keyof Config>(spec: Flag<K>): Flag<K> {
  return spec;
}

const path = (raw: string): string => parsePath(raw, 'a file path');

export const FLAGS: readonly Flag[] = [
  flag({
    name: 'dns',
    key: 'dns',
    type: 'string',
    value: '<host:port,…>',
    defaultValue: '127.0.0.1:5300',
    help: 'DNS listen addresses (UDP and TCP), comma-separated; [::1]:5300 for IPv6',
    parse: parseHostPortList,
  }),
  flag({
    name: 'api',
    key: 'api',
    type: 'string',
    value: '<host:port>',
    defaultValue: '127.0.0.1:8080',
    help: 'HTTP listen address: cloud RPC API at /, policy API at /v1/*, /healthz, /metrics',
    parse: parseHostPort,
  }),
  flag({
    name: 'api-https',
    key: 'apiHttps',
    type: 'string',
    value: '<host:port>',
    defaultValue: undefined,
    absent: undefined,
    help: 'the same API over HTTPS on this address (the official SDKs default to https); off unless given',
    parse: parseHostPort,
  }),
  flag({
    name: 'api-tls-cert',
    key: 'apiTlsCert',
    type: 'string',
    value: '<file>',
    defaultValue: undefined,
    shownDefault: 'generated',
    help: 'PEM certificate (chain) for --api-https; with neither it nor --api-tls-key, a self-signed pair is made once and kept',
    parse: path,
  }),
  flag({
    name: 'api-tls-key',
    key: 'apiTlsKey',
    type: 'string',
    value: '<file>',
    defaultValue: undefined,
    shownDefault: 'generated',
    help: 'PEM private key for --api-https',
    parse: path,
  }),
  flag({
    name: 'store',
    key: 'store',
    type: 'string',
    value: '<url>',
    defaultValue: 'memory',
    help: 'memory | redis://host:port[/db] | redis-sentinel://h1:p1,h2:p2/<master> | redis-cluster://h1:p1,h2:p2,…',
    parse: parseStore,
  }),
  flag({
    name: 'store-wait',
    key: 'storeWaitMs',
    type: 'string',
    value: '<ms>',
    defaultValue: 'forever',
    help: 'how long to wait for a Redis store at start, each failed attempt logged with its reason; then exit 1',
    parse: parseWait,
  }),
  flag({
    name: 'data-dir',
    key: 'dataDir',
    type: 'string',
    value: '<dir>',
    defaultValue: undefined,
    help: 'keep the memory store, and the operator key and API token plinkd generates, in this directory (created if missing; one plinkd at a time)',
    parse: (raw) => parsePath(raw, 'a directory path'),
  }),
  flag({
    name: 'data-compact-bytes',
    key: 'dataCompactBytes',
    type: 'string',
    value: '<bytes>',
    defaultValue: String(64 * 1024 * 1024),
    help: 'journal bytes in --data-dir after which it is compacted into a snapshot (once it is also larger than the snapshot)',
    parse: (raw) => parseInteger(raw, 4096, 2 ** 40),
  }),
  flag({
    name: 'access-keys',
    key: 'accessKeys',
    type: 'string',
    value: '<keys>',
    defaultValue: undefined,
    shownDefault: 'generated',
    help: 'account keys created at start if missing: <uid>:<accessKeyId>:<secret>[:operator], comma-separated',
    parse: parseBootstrapKeys,
  }),
  flag({
    name: 'api-tokens',
    key: 'apiTokens',
    type: 'string',
    value: '<tokens>',
    defaultValue: undefined,
    absent: [],
    shownDefault: 'generated',
    help: 'bearer tokens for /v1/* (at least 16 characters each), comma-separated',
    parse: parseTokens,
  }),
  flag({
    name: 'transition-delay',
    key: 'transitionDelayMs',
    type: 'string',
    value: '<ms>',
    defaultValue: '300',
    help: 'milliseconds the reconciler waits before finishing an asynchronous transition',
    parse: (raw) => parseInteger(raw, 0, 3_600_000),
  }),
  flag({
    name: 'role',
    key: 'role',
    type: 'string',
    value: '<role>',
    defaultValue: 'all',
    help: 'all | api (cloud API + reconciler) | dns (DNS + /v1/authorize from the replica)',
    parse: parseRole,
  }),
  flag({
    name: 'region',
    key: 'regions',
    type: 'string',
    value: '<regions>',
    defaultValue: 'cn-hangzhou',
    help: 'served regions, comma-separated; zones as <region>:<zone>|<zone> (cn-hangzhou: h, i, j)',
    parse: parseRegions,
  }),
  flag({
    name: 'domain-suffix',
    key: 'domainSuffix',
    type: 'string',
    value: '<domain>',
    defaultValue: 'privatelink.aliyuncs.com',
    help: 'suffix of the endpoint domains',
    parse: parseDomain,
  }),
  flag({
    name: 'zones-dir',
    key: 'zonesDir',
    type: 'string',
    value: '<dir>',
    defaultValue: undefined,
    help: 'an existing directory of RFC 1035 master files (*.zone) served as public zones; reloaded on SIGHUP',
    parse: parseExistingDirectory,
  }),
  flag({
    name: 'zone-affinity',
    key: 'zoneAffinity',
    type: 'string',
    value: 'first|only',
    defaultValue: 'first',
    help: "the asker's zone first, or alone, for ZoneAffinityEnabled services",
    parse: parseAffinity,
  }),
  flag({
    name: 'query-log',
    key: 'queryLog',
    type: 'boolean',
    value: '',
    defaultValue: 'false',
    help: 'one JSON log line per DNS query',
    parse: parseBool,
  }),
  flag({
    name: 'access-log',
    key: 'accessLog',
    type: 'boolean',
    value: '',
    defaultValue: 'true',
    help: 'log every API call, cloud API and /v1, at info (action or route, caller, code, latency; never secrets); --access-log=false mutes it',
    parse: parseBool,
  }),
  flag({
    name: 'log-level',
    key: 'logLevel',
    type: 'string',
    value: '<level>',
    defaultValue: 'info',
    help: 'debug | info | warn | error; logs are JSON lines on stderr',
    parse: parseLogLevel,
  }),
  flag({
    name: 'lease-ttl',
    key: 'leaseTtlMs',
    type: 'string',
    value: '<ms>',
    defaultValue: '10000',
    help: 'milliseconds of the reconciler lease: one api process reconciles; another takes over within about 1.3 x this after it dies',
    parse: (raw) => parseInteger(raw, 500, 600_000),
  }),
  flag({
    name: 'http-max-connections',
    key: 'httpMaxConnections',
    type: 'string',
    value: '<n>',
    defaultValue: '1024',
    help: 'open connections the HTTP port keeps; at the cap the longest-idle one is closed',
    parse: (raw) => parseInteger(raw, 1, 1_000_000),
  }),
  flag({
    name: 'strict-error-codes',
    key: 'strictErrorCodes',
    type: 'boolean',
    value: '',
    defaultValue: 'false',
    help: 'answer InternalError when an action answers an error code it does not declare (the test suite sets it; logged at error either way)',
    parse: parseBool,
  }),
  flag({
    name: 'dns-workers',
    key: 'dnsWorkers',
    type: 'string',
    value: '<n>',
    defaultValue: '1',
    help: 'DNS processes serving the same addresses, each a replica of the shared store (more than 1: --role dns only)',
    parse: (raw) => parseInteger(raw, 1, 64),
  }),
  flag({
    name: 'pid-file',
    key: 'pidFile',
    type: 'string',
    value: '<file>',
    defaultValue: undefined,
    help: 'write the process id here once listening (kill -HUP $(cat <file>) reloads zones); removed at a clean stop',
    parse: path,
  }),
] as Flag[];

export function envNameOf(flag: string): string {
  return `PLINKD_${flag.toUpperCase().replace(/-/g, '_')}`;
}

export function flagNamed(name: string): Flag | undefined {
  return FLAGS.find((f) => f.name === name);
}

/** The default as --help and the README show it. */
export function shownDefault(flag: Flag): string | undefined {
  return flag.shownDefault ?? flag.defaultValue;
}
