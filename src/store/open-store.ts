import { MemoryStore } from './memory/memory-store.js';
import { parseRedisTarget } from './redis/connection.js';
import { RedisStore, type RedisStoreOptions } from './redis/redis-store.js';
import type { Store } from './types.js';

/** `--store memory | redis://… | redis-sentinel://… | redis-cluster://…` (docs/architecture.md). */
export async function openStore(spec: string, options: RedisStoreOptions = {}): Promise<Store> {
  if (spec === 'memory') return new MemoryStore();
  return RedisStore.open(parseRedisTarget(spec), options);
}

/** The store URL with credentials masked, for logs. */
export function describeStore(spec: string): string {
  return spec === 'memory' ? 'memory' : parseRedisTarget(spec).display;
}
