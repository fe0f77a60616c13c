import { Redis } from 'ioredis';
import { RedisKeys } from '../../src/store/redis/keys.js';
import type { Change } from '../../src/store/types.js';
import { fleetChunks, type FleetEndpoint } from './fleet.js';

export interface SeedResult {
  documents: number;
  seconds: number;
}

/**
 * Writes the fleet straight into Redis in the store's own layout (one hash per
 * kind, as RedisStore keeps them, JSON documents of the model): a replica
 * loading it sees exactly what the API would have written, without a million
 * API calls. `onEndpoints` sees every endpoint once, for query files and zone
 * files. Pipelined one VPC's worth of documents at a time.
 */
export async function seedRedis(
  url: string,
  endpoints: number,
  onEndpoints: (batch: readonly FleetEndpoint[]) => void,
): Promise<SeedResult> {
  const keys = new RedisKeys();
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  const started = process.hrtime.bigint();
  let documents = 0;
  let pending: Array<Promise<unknown>> = [];
  try {
    for (const chunk of fleetChunks(endpoints)) {
      const byKind = new Map<string, string[]>();
      for (const change of chunk.changes) {
        const args = byKind.get(change.kind) ?? [];
        args.push(change.id, JSON.stringify(docOf(change)));
        byKind.set(change.kind, args);
      }
      const pipeline = client.pipeline();
      for (const [kind, args] of byKind) pipeline.hset(keys.docs(kind as Change['kind']), ...args);
      pending.push(pipeline.exec());
      documents += chunk.changes.length;
      onEndpoints(chunk.endpoints);
      // A few pipelines in flight keep Redis busy without buffering the whole fleet.
      if (pending.length >= 8) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
  } finally {
    client.disconnect();
  }
  return { documents, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function docOf(change: Change): unknown {
  if (change.doc === null) throw new Error(`seed: ${change.kind} ${change.id} has no document`);
  return change.doc;
}
