import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { call, clientsFor, until } from '../helpers/scenario.js';
import { startSentinelSetup, type SentinelSetup } from './sentinel.js';

/**
 * docs/architecture.md "redis://… (single node / Sentinel)": plinkd finds the master
 * through a real sentinel, and after the master dies and the sentinel promotes
 * the replica, it writes to the new master without a restart.
 */
describe('plinkd on a Sentinel-managed Redis', () => {
  let setup: SentinelSetup;
  let plinkd: PlinkdProcess;

  beforeAll(async () => {
    setup = await startSentinelSetup();
    plinkd = await startPlinkd({ store: setup.url, accessKeys: ACCESS_KEYS });
  });
  afterAll(async () => {
    await plinkd?.stop();
    await setup?.destroy();
  });

  it('serves through the master the sentinel names, and follows a failover', async () => {
    onTestFailed(() => console.log(`plinkd's log:\n${plinkd.output()}`));
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const { VpcId: before } = (await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.1.0.0/16' })) as { VpcId: string };
    const soa = await dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, ['cn-hangzhou.privatelink.aliyuncs.com', 'SOA']);
    expect(soa.status).toBe('NOERROR');

    // Only once the replica holds the first VPC: Redis replicates asynchronously,
    // and what a dying master never sent is lost to Redis itself, not to plinkd.
    await setup.killMaster();
    // The sentinel notices after 1 s and promotes the replica; until then writes
    // get 503. Any other error (e.g. InvalidAccessKeyId: the data is gone) fails at once.
    const { VpcId: after } = (await until(
      () =>
        call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.2.0.0/16' }).catch((err: unknown) => {
          if (isServerError(err)) return { VpcId: '' };
          throw err;
        }),
      (r) => r['VpcId'] !== '',
      20_000,
    )) as { VpcId: string };
    const listed = (await call(consumer.vpc, 'DescribeVpcs', { PageSize: 50 })) as { Vpcs: { Vpc: Array<{ VpcId: string }> } };
    const ids = listed.Vpcs.Vpc.map((v) => v.VpcId);
    expect(ids).toContain(after);
    // Written before the failover and replicated to the new master.
    expect(ids).toContain(before);
  });
});

/** A 5xx reply (pop-core puts the HTTP status on `err.entry.response`): worth retrying during the failover. */
function isServerError(err: unknown): boolean {
  const status = (err as { entry?: { response?: { statusCode?: unknown } } } | null)?.entry?.response?.statusCode;
  return typeof status === 'number' && status >= 500;
}
