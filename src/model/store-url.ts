/**
 * Store URLs (docs/architecture.md), read without connecting anything:
 *   memory                                                   the embedded store
 *   redis://[[user]:password@]host:port[/db]                 single node (rediss:// over TLS)
 *   redis-sentinel://[:password@]h1:p1,h2:p2/<masterName>    Sentinel
 *   redis-cluster://[:password@]h1:p1,h2:p2,…                Redis Cluster (database 0 only)
 * Configuration validates with this; the Redis client is built from its result.
 */
export type StoreUrl =
  | { scheme: 'memory'; display: 'memory' }
  | {
      scheme: 'redis' | 'rediss' | 'redis-sentinel' | 'redis-cluster';
      mode: 'single' | 'sentinel' | 'cluster';
      hosts: Array<{ host: string; port: number }>;
      /** SELECT this database (single and Sentinel); Redis Cluster has only database 0. */
      db: number;
      /** The Sentinel master's name. */
      masterName: string | undefined;
      username: string | undefined;
      password: string | undefined;
      /** The URL with any password removed, safe to log. */
      display: string;
    };

export type RedisUrl = Exclude<StoreUrl, { scheme: 'memory' }>;

/** Redis numbers its databases with a C int (redis.conf `databases`); how many exist the server says at SELECT. */
const MAX_DB = 2 ** 31 - 1;

export function parseStoreUrl(url: string): StoreUrl {
  if (url === 'memory') return { scheme: 'memory', display: 'memory' };
  const match = /^(redis|rediss|redis-sentinel|redis-cluster):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/([^?#]*))?$/.exec(url);
  if (match === null) throw new Error(`expected memory or a redis://, redis-sentinel:// or redis-cluster:// URL`);
  const [, scheme, auth, hostList, path] = match as unknown as [string, RedisUrl['scheme'], string | undefined, string, string | undefined];
  const colon = auth === undefined ? -1 : auth.indexOf(':');
  const password = auth === undefined ? undefined : decodeURIComponent(colon >= 0 ? auth.slice(colon + 1) : auth);
  const username = auth !== undefined && colon > 0 ? decodeURIComponent(auth.slice(0, colon)) : undefined;
  const hosts = hostList.split(',').map(parseRedisHostPort);
  const display = `${scheme}://${auth === undefined ? '' : '***@'}${hostList}${path ? `/${path}` : ''}`;
  const common = { scheme, hosts, username, password, display };

  if (scheme === 'redis-cluster') {
    // A cluster serves database 0 alone (SELECT is refused): another number would be silently ignored.
    if (path !== undefined && path !== '' && path !== '0') throw new Error(`Redis Cluster has database 0 only, got '/${path}'`);
    return { ...common, mode: 'cluster', db: 0, masterName: undefined };
  }
  if (scheme === 'redis-sentinel') {
    const name = path ?? '';
    if (name === '') throw new Error('a redis-sentinel:// URL needs the master name as its path');
    return { ...common, mode: 'sentinel', db: 0, masterName: name };
  }
  if (hosts.length !== 1) throw new Error('a redis:// URL takes exactly one host:port');
  return { ...common, mode: 'single', db: parseDb(path), masterName: undefined };
}

function parseDb(path: string | undefined): number {
  if (path === undefined || path === '') return 0;
  if (!/^\d{1,10}$/.test(path) || Number(path) > MAX_DB) throw new Error(`invalid Redis database '/${path}' (expected 0, 1, 2, …)`);
  return Number(path);
}

function parseRedisHostPort(text: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(text);
  const found = bracketed ?? plain;
  if (found === null) throw new Error(`invalid host:port '${text}'`);
  const port = found[2] === undefined ? 6379 : Number(found[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port in '${text}'`);
  return { host: found[1]!, port };
}
