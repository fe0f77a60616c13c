import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, call, failure, startStack, type Stack } from './stack.js';

describe.each(STORES)('DescribeRegions / DescribeZones from the served regions (%s store)', (store) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(store, { extraArgs: ['--region', 'cn-hangzhou,cn-shanghai:l|m,eu-test-1'] });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('lists every configured region, wrapped as Regions.Region', async () => {
    const reply = await call(stack.client('stranger', 'privatelink'), 'DescribeRegions', { RegionId: undefined });
    expect(reply['Regions']).toEqual({
      Region: [
        {
          RegionId: 'cn-hangzhou',
          LocalName: '华东1（杭州）',
          RegionEndpoint: 'privatelink.cn-hangzhou.aliyuncs.com',
          ServiceResourceTypes: { ServiceResourceType: ['slb', 'alb', 'nlb', 'gwlb'] },
        },
        {
          RegionId: 'cn-shanghai',
          LocalName: '华东2（上海）',
          RegionEndpoint: 'privatelink.cn-shanghai.aliyuncs.com',
          ServiceResourceTypes: { ServiceResourceType: ['slb', 'alb', 'nlb', 'gwlb'] },
        },
        {
          RegionId: 'eu-test-1',
          LocalName: 'eu-test-1',
          RegionEndpoint: 'privatelink.eu-test-1.aliyuncs.com',
          ServiceResourceTypes: { ServiceResourceType: ['slb', 'alb', 'nlb', 'gwlb'] },
        },
      ],
    });
  });

  it('lists the zones of the region asked for, wrapped as Zones.Zone', async () => {
    const client = stack.client('consumer', 'privatelink');
    expect((await call(client, 'DescribeZones'))['Zones']).toEqual({
      Zone: [
        { ZoneId: 'cn-hangzhou-h', LocalName: '华东 1 可用区 H' },
        { ZoneId: 'cn-hangzhou-i', LocalName: '华东 1 可用区 I' },
        { ZoneId: 'cn-hangzhou-j', LocalName: '华东 1 可用区 J' },
      ],
    });
    expect((await call(client, 'DescribeZones', { RegionId: 'cn-shanghai', ServiceResourceType: 'nlb' }))['Zones']).toEqual({
      Zone: [
        { ZoneId: 'cn-shanghai-l', LocalName: '华东 2 可用区 L' },
        { ZoneId: 'cn-shanghai-m', LocalName: '华东 2 可用区 M' },
      ],
    });
    // No zone takes cross-region connections: they are not modelled.
    expect((await call(client, 'DescribeZones', { CrossRegion: true, CrossRegionSide: 'Endpoint' }))['Zones']).toEqual({ Zone: [] });
    expect(((await call(client, 'DescribeZones', { CrossRegion: false }))['Zones'] as { Zone: unknown[] }).Zone).toHaveLength(3);
    expect(((await call(client, 'DescribeZones', { RegionId: 'eu-test-1' }))['Zones'] as { Zone: unknown[] }).Zone).toEqual([
      { ZoneId: 'eu-test-1-a', LocalName: 'eu-test-1-a' },
      { ZoneId: 'eu-test-1-b', LocalName: 'eu-test-1-b' },
      { ZoneId: 'eu-test-1-c', LocalName: 'eu-test-1-c' },
    ]);
  });

  it('refuses an unserved region and bad filters', async () => {
    const client = stack.client('consumer', 'privatelink');
    expect(await failure(call(client, 'DescribeZones', { RegionId: 'us-west-1' }))).toMatchObject({
      code: 'InvalidRegionId.NotFound',
      status: 404,
    });
    expect(await failure(call(client, 'DescribeZones', { RegionId: undefined }))).toMatchObject({ code: 'MissingParam.RegionId' });
    expect(await failure(call(client, 'DescribeRegions', { ServiceResourceType: 'elb' }))).toMatchObject({
      code: 'IllegalParamFormat.ServiceResourceType',
    });
  });
});
