import { statSync } from 'node:fs';
import { MAX_TOKEN_BYTES, MIN_TOKEN_CHARS } from '../model/api-token.js';
import { parseStoreUrl } from '../model/store-url.js';
import type { ServedRegion } from '../model/regions.js';
import type { HostPort, LogLevel, Role, ZoneAffinityMode } from './types.js';

/**
 * Parsers of single flag values. Each returns the value or throws an Error whose
 * message says what was expected; the caller prefixes the flag and its env twin.
 */

export function parseHostPort(raw: string): HostPort {
  const match = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(raw) ?? /^([^:\s]+):(\d+)$/.exec(raw);
  if (match === null) throw new Error(`expected host:port or [ipv6]:port, got '${raw}'`);
  const port = Number(match[2]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port out of range in '${raw}'`);
  return { host: match[1]!, port };
}

export function parseHostPortList(raw: string): HostPort[] {
  const list = raw.split(',').map((part) => parseHostPort(part.trim()));
  if (list.length === 0) throw new Error('at least one address is needed');
  return list;
}

export function parseStore(raw: string): string {
  parseStoreUrl(raw); // hosts, ports, database and master name; connects nothing
  return raw;
}

export function parsePath(raw: string, what: string): string {
  if (raw.trim() === '') throw new Error(`expected ${what}`);
  return raw;
}

/** An existing directory, read at start (a typo would otherwise serve nothing, silently). */
export function parseExistingDirectory(raw: string): string {
  if (raw.trim() === '') throw new Error('expected a directory path');
  let isDirectory: boolean;
  try {
    isDirectory = statSync(raw).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `'${raw}' does not exist` : `cannot read '${raw}' (${code ?? String(err)})`, { cause: err });
  }
  if (!isDirectory) throw new Error(`'${raw}' is not a directory`);
  return raw;
}

export function parseTokens(raw: string): string[] {
  const tokens = raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const token of tokens) {
    if (token.length < MIN_TOKEN_CHARS) throw new Error(`each token needs at least ${MIN_TOKEN_CHARS} characters`);
    if (Buffer.byteLength(token, 'utf8') > MAX_TOKEN_BYTES) throw new Error(`each token is at most ${MAX_TOKEN_BYTES} bytes`);
  }
  return tokens;
}

export function parseInteger(raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`expected an integer ${min}..${max}, got '${raw}'`);
  return value;
}

/** Milliseconds, or `forever` (also the default) for no bound. */
export function parseWait(raw: string): number {
  if (raw === 'forever') return Number.POSITIVE_INFINITY;
  return parseInteger(raw, 0, 2_147_483_647);
}

export function parseOneOf<T extends string>(choices: readonly T[]): (raw: string) => T {
  return (raw) => {
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    const listed = choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
    throw new Error(`expected ${listed}, got '${raw}'`);
  };
}

export const parseRole = parseOneOf<Role>(['all', 'api', 'dns']);
export const parseAffinity = parseOneOf<ZoneAffinityMode>(['first', 'only']);
export const parseLogLevel = parseOneOf<LogLevel>(['debug', 'info', 'warn', 'error']);

export function parseBool(raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`expected true or false, got '${raw}'`);
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function parseDomain(raw: string): string {
  const domain = raw.toLowerCase().replace(/\.$/, '');
  if (domain.length > 200 || !domain.split('.').every((label) => LABEL.test(label))) throw new Error(`invalid domain '${raw}'`);
  return domain;
}

/** Zones of the default region as the cloud names them (docs/architecture.md). */
const KNOWN_ZONES: Record<string, string[]> = {
  'cn-hangzhou': ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
};

export function parseRegions(raw: string): ServedRegion[] {
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
