import type { ServedRegion } from '../model/regions.js';
import type { BootstrapKey } from '../model/access-keys.js';

export type Role = 'all' | 'api' | 'dns';
export type ZoneAffinityMode = 'first' | 'only';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface HostPort {
  host: string;
  port: number;
}

/** plinkd serve's settings, one per flag of src/config/flags.ts. */
export interface Config {
  dns: HostPort[];
  api: HostPort;
  /** HTTPS listener for the same API (docs/design/signatures.md "HTTPS"); off when undefined. */
  apiHttps: HostPort | undefined;
  /** PEM files of its certificate and key; both undefined: a self-signed pair is generated. */
  apiTlsCert: string | undefined;
  apiTlsKey: string | undefined;
  store: string;
  /** How long to wait for the store at start (ms); Infinity waits for ever. */
  storeWaitMs: number;
  dataDir: string | undefined;
  dataCompactBytes: number;
  accessKeys: BootstrapKey[] | undefined;
  apiTokens: string[];
  transitionDelayMs: number;
  role: Role;
  regions: ServedRegion[];
  domainSuffix: string;
  zonesDir: string | undefined;
  zoneAffinity: ZoneAffinityMode;
  queryLog: boolean;
  /** One JSON line per cloud-API and /v1 call (docs/api.md "Access log"). */
  accessLog: boolean;
  logLevel: LogLevel;
  leaseTtlMs: number;
  httpMaxConnections: number;
  strictErrorCodes: boolean;
  /** DNS server processes sharing the DNS and API sockets (node:cluster), each its own replica. */
  dnsWorkers: number;
  /** Write the process id here once listening; removed at a clean stop. */
  pidFile: string | undefined;
}
