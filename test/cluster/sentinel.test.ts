import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { call, clientsFor, until } from '../helpers/scenario.js';
import { startSentinelSetup, type SentinelSetup } from './sentinel.js';

/**
 * SPEC §1 "redis://… (single node / Sentinel)": plinkd finds the master
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
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const { VpcId: before } = (await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.1.0.0/16' })) as { VpcId: string };
    const soa = await dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, ['cn-hangzhou.privatelink.aliyuncs.com', 'SOA']);
    expect(soa.status).toBe('NOERROR');

    await setup.killMaster();
    // The sentinel notices after 1 s and promotes the replica; until then writes get 503.
    const { VpcId: after } = await until(
      () => call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.2.0.0/16' }).catch(() => ({ VpcId: '' })),
      (r) => r['VpcId'] !== '',
      20_000,
    ) as { VpcId: string };
    const listed = (await call(consumer.vpc, 'DescribeVpcs', { PageSize: 50 })) as { Vpcs: { Vpc: Array<{ VpcId: string }> } };
    const ids = listed.Vpcs.Vpc.map((v) => v.VpcId);
    expect(ids).toContain(after);
    // Written before the failover and replicated to the new master.
    expect(ids).toContain(before);
  });
});
