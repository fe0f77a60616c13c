import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** A single-node, Sentinel-managed or Cluster client; both speak the commands we use. */
export type RedisClient = Redis | Cluster;

export interface RedisTarget {
  mode: 'single' | 'sentinel' | 'cluster';
  /** The URL with any password removed, safe to log. */
  display: string;
  connect(purpose: string): RedisClient;
}

/**
 * Store URLs (docs/architecture.md):
 *   redis://[:password@]host:port[/db]                      single node
 *   redis-sentinel://[:password@]h1:p1,h2:p2/<masterName>   Sentinel
 *   redis-cluster://[:password@]h1:p1,h2:p2,…               Redis Cluster
 *
 * Clients never queue commands while disconnected (enableOfflineQueue: false):
 * an API call during an outage fails fast with 503 instead of hanging, and the
 * DNS path never waits on Redis at all.
 */
export function parseRedisTarget(url: string): RedisTarget {
  const match = /^(redis|rediss|redis-sentinel|redis-cluster):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/([^?#]*))?$/.exec(url);
  if (match === null) throw new Error(`invalid store URL (expected redis://host:port, redis-sentinel://… or redis-cluster://…)`);
  const [, scheme, auth, hostList, path] = match as unknown as [string, string, string | undefined, string, string | undefined];
  const password = auth === undefined ? undefined : decodeURIComponent(auth.includes(':') ? auth.slice(auth.indexOf(':') + 1) : auth);
  const username =
    auth !== undefined && auth.includes(':') && auth.indexOf(':') > 0 ? decodeURIComponent(auth.slice(0, auth.indexOf(':'))) : undefined;
  const hosts = hostList.split(',').map(parseHostPort);
  const display = `${scheme}://${auth === undefined ? '' : '***@'}${hostList}${path ? `/${path}` : ''}`;
  const common: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: false,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    ...(password === undefined ? {} : { password }),
    ...(username === undefined ? {} : { username }),
  };

  if (scheme === 'redis-cluster') {
    return {
      mode: 'cluster',
      display,
      connect: (purpose) =>
        new Cluster(hosts, {
          enableOfflineQueue: false,
          redisOptions: { ...common, connectionName: `plinkd-${purpose}` },
          clusterRetryStrategy: (times: number) => Math.min(100 * times, 2000),
        }),
    };
  }
  if (scheme === 'redis-sentinel') {
    const name = path ?? '';
    if (name === '') throw new Error('redis-sentinel:// URL needs the master name as its path');
    return {
      mode: 'sentinel',
      display,
      connect: (purpose) => new Redis({ ...common, sentinels: hosts, name, connectionName: `plinkd-${purpose}` }),
    };
  }
  const first = hosts[0];
  if (first === undefined || hosts.length !== 1) throw new Error('redis:// URL takes exactly one host:port');
  const db = path === undefined || path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0) throw new Error(`invalid Redis database '${path ?? ''}'`);
  return {
    mode: 'single',
    display,
    connect: (purpose) =>
      new Redis({
        ...common,
        host: first.host,
        port: first.port,
        db,
        connectionName: `plinkd-${purpose}`,
        ...(scheme === 'rediss' ? { tls: {} } : {}),
      }),
  };
}

function parseHostPort(text: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(text);
  const found = bracketed ?? plain;
  if (found === null) throw new Error(`invalid host:port '${text}'`);
  const port = found[2] === undefined ? 6379 : Number(found[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port in '${text}'`);
  return { host: found[1]!, port };
}

/**
 * Resolves once the client is ready to take commands (it keeps reconnecting
 * meanwhile); rejects after `timeoutMs` (Infinity: never).
 */
export function whenReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    // setTimeout treats delays beyond 2^31-1 ms as 1 ms, so "for ever" has no timer.
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          cleanup();
          reject(new Error(`Redis not ready after ${timeoutMs} ms`));
        }, timeoutMs)
      : undefined;
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}
