import { MAX_TOKEN_BYTES } from '../api/authz/bearer.js';
import { parseRedisTarget } from '../store/redis/connection.js';

/**
 * Configuration (docs/architecture.md): every flag `--foo-bar` has an environment twin
 * `PLINKD_FOO_BAR`; a flag given on the command line wins over its twin.
 * Values are validated once here and the result is frozen.
 */

export type Role = 'all' | 'api' | 'dns';
export type ZoneAffinityMode = 'first' | 'only';

export interface HostPort {
  host: string;
  port: number;
}

export interface RegionConfig {
  regionId: string;
  zoneIds: string[];
}

export interface Config {
  dns: HostPort[];
  api: HostPort;
  /** HTTPS listener for the same API (docs/design/signatures.md "HTTPS"); off when undefined. */
  apiHttps: HostPort | undefined;
  /** PEM files of its certificate and key; both undefined: a self-signed pair is generated. */
  apiTlsCert: string | undefined;
  apiTlsKey: string | undefined;
  store: string;
  dataDir: string | undefined;
  dataCompactBytes: number;
  accessKeys: string | undefined;
  apiTokens: string[];
  transitionDelayMs: number;
  role: Role;
  regions: RegionConfig[];
  domainSuffix: string;
  zonesDir: string | undefined;
  zoneAffinity: ZoneAffinityMode;
  queryLog: boolean;
  /** One JSON line per cloud-API and /v1 call (docs/api.md "Access log"). */
  accessLog: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  leaseTtlMs: number;
  httpMaxConnections: number;
  strictErrorCodes: boolean;
  /** DNS server processes sharing the DNS and API sockets (node:cluster), each its own replica. */
  dnsWorkers: number;
}

interface FlagSpec {
  /** Parses the raw text; throws an Error with a clear message when invalid. */
  parse(raw: string): unknown;
  defaultValue: string | undefined;
  help: string;
}

const FLAGS = {
  dns: {
    defaultValue: '127.0.0.1:5300',
    parse: parseHostPortList,
    help: 'DNS listen addresses (UDP and TCP), comma-separated; [::1]:5300 for IPv6',
  },
  api: {
    defaultValue: '127.0.0.1:8080',
    parse: parseHostPort,
    help: 'HTTP listen address for the cloud API, policy API, /healthz and /metrics',
  },
  'api-https': {
    defaultValue: undefined,
    parse: parseHostPort,
    help: 'HTTPS listen address for the same API (the SDKs default to https); off unless given',
  },
  'api-tls-cert': {
    defaultValue: undefined,
    parse: (raw: string) => raw,
    help: 'PEM certificate (chain) for --api-https; with neither this nor --api-tls-key a self-signed pair is generated',
  },
  'api-tls-key': { defaultValue: undefined, parse: (raw: string) => raw, help: 'PEM private key for --api-https' },
  store: {
    defaultValue: 'memory',
    parse: parseStore,
    help: 'memory | redis://host:port[/db] | redis-sentinel://h1:p1,h2:p2/master | redis-cluster://h1:p1,h2:p2',
  },
  'data-dir': {
    defaultValue: undefined,
    parse: parseDataDir,
    help: 'keep the memory store, and the operator key and API token plinkd generates, in this directory (created if missing; one plinkd at a time)',
  },
  'data-compact-bytes': {
    defaultValue: String(64 * 1024 * 1024),
    parse: (raw: string) => parseInteger(raw, 4096, 2 ** 40),
    help: 'journal bytes in --data-dir after which it is compacted into a snapshot (once it is also larger than the snapshot)',
  },
  'access-keys': {
    defaultValue: undefined,
    parse: (raw: string) => raw,
    help: 'bootstrap keys: <uid>:<accessKeyId>:<secret>[:operator], comma-separated',
  },
  'api-tokens': {
    defaultValue: undefined,
    parse: parseTokens,
    help: 'bearer tokens for /v1/*, comma-separated (one is generated when absent)',
  },
  'transition-delay': { defaultValue: '300', parse: parseDelay, help: 'milliseconds the reconciler waits before finishing a transition' },
  role: { defaultValue: 'all', parse: parseRole, help: 'all | api | dns' },
  region: { defaultValue: 'cn-hangzhou', parse: parseRegions, help: 'served regions, comma-separated; zones as <region>:<zone>|<zone>' },
  'domain-suffix': { defaultValue: 'privatelink.aliyuncs.com', parse: parseDomain, help: 'suffix of endpoint domains' },
  'zones-dir': { defaultValue: undefined, parse: (raw: string) => raw, help: 'directory of RFC 1035 master files (*.zone) to serve' },
  'zone-affinity': {
    defaultValue: 'first',
    parse: parseAffinity,
    help: "first | only: the asker's zone first, or alone, for ZoneAffinityEnabled services",
  },
  'query-log': { defaultValue: 'false', parse: parseBool, help: 'log every DNS query' },
  'access-log': {
    defaultValue: 'true',
    parse: parseBool,
    help: 'log every API call at info (action, caller, code, latency; never secrets)',
  },
  'log-level': { defaultValue: 'info', parse: parseLogLevel, help: 'debug | info | warn | error' },
  'lease-ttl': {
    defaultValue: '10000',
    parse: (raw: string) => parseInteger(raw, 500, 600_000),
    help: 'milliseconds of the reconciler lease: one api process reconciles; another takes over within about 1.3 x this after it dies',
  },
  'http-max-connections': {
    defaultValue: '1024',
    parse: (raw: string) => parseInteger(raw, 1, 1_000_000),
    help: 'open connections the HTTP port keeps; beyond it the longest-idle one is closed',
  },
  'strict-error-codes': {
    defaultValue: 'false',
    parse: parseBool,
    help: 'answer InternalError when an action answers an error code it does not declare (tests; always logged at error)',
  },
  'dns-workers': {
    defaultValue: '1',
    parse: (raw: string) => parseInteger(raw, 1, 64),
    help: 'DNS processes serving the same addresses, each a replica of the shared store (more than 1: --role dns only)',
  },
} satisfies Record<string, FlagSpec>;

type FlagName = keyof typeof FLAGS;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function envNameOf(flag: string): string {
  return `PLINKD_${flag.toUpperCase().replace(/-/g, '_')}`;
}

export function usage(): string {
  return Object.entries(FLAGS)
    .map(
      ([name, spec]) =>
        `  --${name.padEnd(20)} ${spec.help}${spec.defaultValue === undefined ? '' : ` (default ${spec.defaultValue})`}\n  ${''.padEnd(22)} env ${envNameOf(name)}`,
    )
    .join('\n');
}

/** Reads flags (`--name value` or `--name=value`) and their env twins. */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Readonly<Config> {
  const given = new Map<FlagName, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) as FlagName;
    if (!(name in FLAGS)) throw new ConfigError(`unknown flag --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new ConfigError(`flag --${name} needs a value`);
    given.set(name, value);
  }
  const read = <T>(name: FlagName): T | undefined => {
    const raw = given.get(name) ?? env[envNameOf(name)] ?? FLAGS[name].defaultValue;
    if (raw === undefined) return undefined;
    try {
      return FLAGS[name].parse(raw) as T;
    } catch (err) {
      throw new ConfigError(`--${name} (${envNameOf(name)}): ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const config: Config = {
    dns: read<HostPort[]>('dns')!,
    api: read<HostPort>('api')!,
    apiHttps: read<HostPort>('api-https'),
    apiTlsCert: read<string>('api-tls-cert'),
    apiTlsKey: read<string>('api-tls-key'),
    store: read<string>('store')!,
    dataDir: read<string>('data-dir'),
    dataCompactBytes: read<number>('data-compact-bytes')!,
    accessKeys: read<string>('access-keys'),
    apiTokens: read<string[]>('api-tokens') ?? [],
    transitionDelayMs: read<number>('transition-delay')!,
    role: read<Role>('role')!,
    regions: read<RegionConfig[]>('region')!,
    domainSuffix: read<string>('domain-suffix')!,
    zonesDir: read<string>('zones-dir'),
    zoneAffinity: read<ZoneAffinityMode>('zone-affinity')!,
    queryLog: read<boolean>('query-log')!,
    accessLog: read<boolean>('access-log')!,
    logLevel: read<Config['logLevel']>('log-level')!,
    leaseTtlMs: read<number>('lease-ttl')!,
    httpMaxConnections: read<number>('http-max-connections')!,
    strictErrorCodes: read<boolean>('strict-error-codes')!,
    dnsWorkers: read<number>('dns-workers')!,
  };
  if ((config.apiTlsCert === undefined) !== (config.apiTlsKey === undefined))
    throw new ConfigError('--api-tls-cert and --api-tls-key go together: give both, or neither for a generated self-signed pair');
  if (config.apiTlsCert !== undefined && config.apiHttps === undefined)
    throw new ConfigError('--api-tls-cert and --api-tls-key are for the HTTPS listener: give --api-https <host:port> too');
  if (config.role !== 'all' && config.store === 'memory') {
    // The memory store lives inside one process: split roles could never share it.
    throw new ConfigError(
      `--role ${config.role} runs beside other processes on one shared store; use a redis:// store, or --role all with --store memory`,
    );
  }
  if (config.dnsWorkers > 1 && config.role !== 'dns') {
    // Each worker loads its own replica from the change stream: only a shared store can feed N of them.
    throw new ConfigError(
      `--dns-workers (${envNameOf('dns-workers')}) above 1 runs that many DNS replicas of one shared store: use --role dns with a redis:// store`,
    );
  }
  if (config.dataDir !== undefined && config.store !== 'memory') {
    throw new ConfigError('--data-dir keeps the memory store on disk; a Redis store keeps its data in Redis (appendonly yes)');
  }
  return Object.freeze(config);
}

export function parseHostPort(raw: string): HostPort {
  const match = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(raw) ?? /^([^:\s]+):(\d+)$/.exec(raw);
  if (match === null) throw new Error(`expected host:port or [ipv6]:port, got '${raw}'`);
  const port = Number(match[2]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port out of range in '${raw}'`);
  return { host: match[1]!, port };
}

function parseHostPortList(raw: string): HostPort[] {
  const list = raw.split(',').map((part) => parseHostPort(part.trim()));
  if (list.length === 0) throw new Error('at least one address is needed');
  return list;
}

function parseStore(raw: string): string {
  if (raw === 'memory') return raw;
  if (!/^(redis|rediss|redis-sentinel|redis-cluster):\/\/.+/.test(raw))
    throw new Error(`expected memory or a redis://, redis-sentinel:// or redis-cluster:// URL`);
  parseRedisTarget(raw); // validates hosts, ports, database and master name; connects nothing
  return raw;
}

function parseDataDir(raw: string): string {
  if (raw.trim() === '') throw new Error('expected a directory path');
  return raw;
}

function parseTokens(raw: string): string[] {
  const tokens = raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const token of tokens) {
    if (token.length < 16) throw new Error('each token needs at least 16 characters');
    if (Buffer.byteLength(token, 'utf8') > MAX_TOKEN_BYTES) throw new Error(`each token is at most ${MAX_TOKEN_BYTES} bytes`);
  }
  return tokens;
}

function parseDelay(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 3_600_000) throw new Error(`expected milliseconds 0..3600000, got '${raw}'`);
  return value;
}

function parseInteger(raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`expected an integer ${min}..${max}, got '${raw}'`);
  return value;
}

function parseRole(raw: string): Role {
  if (raw === 'all' || raw === 'api' || raw === 'dns') return raw;
  throw new Error(`expected all, api or dns, got '${raw}'`);
}

function parseAffinity(raw: string): ZoneAffinityMode {
  if (raw === 'first' || raw === 'only') return raw;
  throw new Error(`expected first or only, got '${raw}'`);
}

function parseBool(raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`expected true or false, got '${raw}'`);
}

function parseLogLevel(raw: string): Config['logLevel'] {
  if (raw === 'debug' || raw === 'info' || raw === 'warn' || raw === 'error') return raw;
  throw new Error(`expected debug, info, warn or error, got '${raw}'`);
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function parseDomain(raw: string): string {
  const domain = raw.toLowerCase().replace(/\.$/, '');
  if (domain.length > 200 || !domain.split('.').every((label) => LABEL.test(label))) throw new Error(`invalid domain '${raw}'`);
  return domain;
}

/** Zones of the default region as the cloud names them (docs/architecture.md). */
const KNOWN_ZONES: Record<string, string[]> = {
  'cn-hangzhou': ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
};

function parseRegions(raw: string): RegionConfig[] {
  const regions = raw.split(',').map((part) => {
    const [regionId = '', zoneList] = part.trim().split(':');
    if (!LABEL.test(regionId)) throw new Error(`invalid region id '${regionId}'`);
    const zoneIds =
      zoneList === undefined
        ? (KNOWN_ZONES[regionId] ?? ['a', 'b', 'c'].map((s) => `${regionId}-${s}`))
        : zoneList.split('|').map((z) => (z.startsWith(`${regionId}-`) ? z : `${regionId}-${z}`));
    for (const zoneId of zoneIds) if (!LABEL.test(zoneId)) throw new Error(`invalid zone id '${zoneId}'`);
    return { regionId, zoneIds };
  });
  const ids = new Set(regions.map((r) => r.regionId));
  if (ids.size !== regions.length) throw new Error('a region is listed twice');
  return regions;
}
