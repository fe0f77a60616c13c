import type { DataDir } from './durable/data-dir.js';
import { openDurableStore, type DurableStoreLog } from './durable/durable-store.js';
import { MemoryStore } from './memory/memory-store.js';
import { parseRedisTarget } from './redis/connection.js';
import { RedisStore, type RedisStoreOptions } from './redis/redis-store.js';
import type { Store } from './types.js';

export interface OpenStoreOptions extends RedisStoreOptions {
  /** Keeps the memory store in this locked directory (`--data-dir`, docs/design/persistence.md). */
  dataDir?: { dir: DataDir; compactBytes: number; log: DurableStoreLog };
}

/** `--store memory | redis://… | redis-sentinel://… | redis-cluster://…` (docs/architecture.md). */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (spec === 'memory') {
    const { dataDir } = options;
    if (dataDir === undefined) return new MemoryStore();
    return openDurableStore(dataDir.dir, { compactBytes: dataDir.compactBytes, log: dataDir.log });
  }
  return RedisStore.open(parseRedisTarget(spec), options);
}

/** The store URL with credentials masked, for logs. */
export function describeStore(spec: string): string {
  return spec === 'memory' ? 'memory' : parseRedisTarget(spec).display;
}
