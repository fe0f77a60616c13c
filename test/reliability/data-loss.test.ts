import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS, cloudClient } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { until } from '../helpers/scenario.js';
import { metric } from './support.js';

/**
 * Redis restarted without AOF comes back empty. The replica notices (its stream
 * position is ahead of the store's) and reloads; the configured bootstrap keys
 * are written again, so the operator's keys keep working.
 */
describe('Redis loses its data', () => {
  let redis: RedisServer;
  let plinkd: PlinkdProcess;

  beforeAll(async () => {
    redis = await startRedis({ appendonly: false });
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, store: redis.url });
  });
  afterAll(async () => {
    await plinkd.stop();
    await redis.destroy();
  });

  it('resyncs to the empty store and restores the configured access keys', async () => {
    const vpc = cloudClient(plinkd.apiUrl, 'consumer', 'vpc');
    await vpc.request('CreateVpc', { RegionId: 'cn-hangzhou', CidrBlock: '10.3.0.0/16' }, { method: 'POST' });
    await redis.stop(true);
    await redis.restart();
    await until(
      () => metric(plinkd.apiUrl, 'plinkd_replica_resyncs_total{reason="position-lost"}'),
      (n) => n >= 1,
      15_000,
    );
    // The VPC is gone with the data, but the configured key still signs requests.
    const listed = await until(
      () =>
        vpc
          .request<{ TotalCount: number }>('DescribeVpcs', { RegionId: 'cn-hangzhou' })
          .catch((err: { code?: string }) => ({ TotalCount: -1, code: err.code })),
      (r) => r.TotalCount === 0,
      15_000,
    );
    expect(listed.TotalCount).toBe(0);
  });
});
