import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lease } from '../../src/control/lease.js';
import { createLogger } from '../../src/log/logger.js';
import { parseRedisTarget } from '../../src/store/redis/connection.js';
import { RedisStore } from '../../src/store/redis/redis-store.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { until } from '../helpers/scenario.js';
import { redisCli, sleep } from './support.js';

const TTL = 600;
const quiet = createLogger('error', () => undefined);

/** The reconciler lease (src/control/lease.ts) against a real redis-server. */
describe('the store lease', () => {
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  let namespace = 0;
  const leases: Lease[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const lease of leases) await lease.stop();
    for (const store of stores) await store.close();
    await redis?.destroy();
  });

  async function contenders(count: number): Promise<{ events: string[]; leases: Lease[]; key: string }> {
    namespace += 1;
    const store = await RedisStore.open(parseRedisTarget(redis.url), { namespace: `lease${namespace}` });
    stores.push(store);
    const events: string[] = [];
    const made = Array.from({ length: count }, (_, i) => {
      const lease = new Lease({
        store,
        name: 'reconciler',
        holder: `holder-${i}`,
        ttlMs: TTL,
        log: quiet,
        onAcquired: () => events.push(`${i}+`),
        onLost: (reason) => events.push(`${i}-${reason}`),
      });
      leases.push(lease);
      return lease;
    });
    for (const lease of made) lease.start();
    return { events, leases: made, key: `lease${namespace}:lease:reconciler` };
  }

  it('is held by one contender at a time and renewed past its ttl', async () => {
    const { events, leases: made, key } = await contenders(3);
    await until(
      async () => made.filter((l) => l.isHeld).length,
      (n) => n === 1,
    );
    const holder = made.findIndex((l) => l.isHeld);
    await sleep(TTL * 3);
    expect(made.map((l) => l.isHeld)).toEqual(made.map((_, i) => i === holder));
    expect(events).toEqual([`${holder}+`]);
    expect((await redisCli(redis.port, ['GET', key])).trim()).toBe(`holder-${holder}`);
    // A clean stop releases the key, and another contender takes over at once rather than after the ttl.
    await made[holder]!.stop();
    await until(
      async () => made.filter((l) => l.isHeld).length,
      (n) => n === 1,
      TTL,
    );
    for (const lease of made) await lease.stop();
  });

  it('calls onLost when another holder has the key at renewal time', async () => {
    const { events, leases: made, key } = await contenders(1);
    await until(
      async () => made[0]!.isHeld,
      (held) => held,
    );
    await redisCli(redis.port, ['SET', key, 'intruder', 'PX', '60000']);
    await until(
      async () => events,
      (e) => e.includes('0-taken'),
      TTL,
    );
    expect(made[0]!.isHeld).toBe(false);
    // It does not take the key from the intruder, and never deletes it.
    await sleep(TTL);
    expect(made[0]!.isHeld).toBe(false);
    expect((await redisCli(redis.port, ['GET', key])).trim()).toBe('intruder');
    await made[0]!.stop();
  });

  it('stops trusting its lease within about a ttl when Redis is unreachable, and takes it back after', async () => {
    const { events, leases: made } = await contenders(1);
    await until(
      async () => made[0]!.isHeld,
      (held) => held,
    );
    await redis.stop(true);
    const stoppedAt = Date.now();
    await until(
      async () => events,
      (e) => e.includes('0-expired'),
      TTL * 2,
    );
    // Lost 0.9 ttl after the last renewal was sent (≤ ttl/3 before the kill), plus timer slack.
    expect(Date.now() - stoppedAt).toBeLessThan(TTL * 1.5);
    await redis.restart();
    await until(
      async () => made[0]!.isHeld,
      (held) => held,
      10_000,
    );
    expect(events).toEqual(['0+', '0-expired', '0+']);
    await made[0]!.stop();
  });
});
