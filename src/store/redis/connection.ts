import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseStoreUrl, type RedisUrl } from '../../model/store-url.js';

/** A single-node, Sentinel-managed or Cluster client; both speak the commands we use. */
export type RedisClient = Redis | Cluster;

export interface RedisTarget {
  mode: 'single' | 'sentinel' | 'cluster';
  /** The URL with any password removed, safe to log. */
  display: string;
  /** The database SELECTed on every connection (0 for a cluster). */
  db: number;
  connect(purpose: string): RedisClient;
}

/**
 * The Redis client for a store URL (src/model/store-url.ts parses it).
 *
 * Clients never queue commands while disconnected (enableOfflineQueue: false):
 * an API call during an outage fails fast with 503 instead of hanging, and the
 * DNS path never waits on Redis at all.
 */
export function parseRedisTarget(url: string): RedisTarget {
  const parsed = parseStoreUrl(url);
  if (parsed.scheme === 'memory') throw new Error('the memory store is not a Redis URL');
  return redisTargetOf(parsed);
}

export function redisTargetOf(parsed: RedisUrl): RedisTarget {
  const { hosts, password, username, display } = parsed;
  const common: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: false,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    ...(password === undefined ? {} : { password }),
    ...(username === undefined ? {} : { username }),
  };

  if (parsed.mode === 'cluster') {
    return {
      mode: 'cluster',
      display,
      db: 0,
      connect: (purpose) =>
        new Cluster(hosts, {
          enableOfflineQueue: false,
          redisOptions: { ...common, connectionName: `plinkd-${purpose}` },
          clusterRetryStrategy: (times: number) => Math.min(100 * times, 2000),
        }),
    };
  }
  if (parsed.mode === 'sentinel') {
    const name = parsed.masterName!;
    return {
      mode: 'sentinel',
      display,
      db: parsed.db,
      connect: (purpose) => new Redis({ ...common, sentinels: hosts, name, connectionName: `plinkd-${purpose}` }),
    };
  }
  const first = hosts[0]!;
  const db = parsed.db;
  return {
    mode: 'single',
    display,
    db,
    connect: (purpose) =>
      new Redis({
        ...common,
        host: first.host,
        port: first.port,
        db,
        connectionName: `plinkd-${purpose}`,
        ...(parsed.scheme === 'rediss' ? { tls: {} } : {}),
      }),
  };
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
