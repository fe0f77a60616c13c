import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, failure, startStack, type Stack } from '../conveniences/stack.js';
import { freshActor, type PvtzActor } from './pvtz-helpers.js';

type Json = Record<string, unknown>;

/**
 * CheckZoneName, DescribeZoneVpcTree, DescribeRegions and DescribeUserServiceStatus of
 * PrivateZone 2018-01-01, on a plinkd serving cn-hangzhou and cn-shanghai.
 */
describe.each(STORES)('PrivateZone queries (%s store)', (store) => {
  let stack: Stack;
  let tenant: PvtzActor;

  beforeAll(async () => {
    stack = await startStack(store, { extraArgs: ['--region', 'cn-hangzhou,cn-shanghai:a|b'] });
    tenant = await freshActor(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('CheckZoneName says whether AddZone would take the name', async () => {
    for (const [name, check] of [
      ['corp.example', true],
      ['Corp.Example.', true],
      ['0.10.in-addr.arpa', true],
      ['bad name.com', false],
      ['*.example.com', false],
      ['-x.example', false],
    ] as Array<[string, boolean]>) {
      expect(await tenant.pvtz('CheckZoneName', { ZoneName: name }), name).toMatchObject({ Check: check, Success: true });
      const added = tenant.pvtz('AddZone', { ZoneName: name });
      if (check) expect((await added)['ZoneId'], name).toEqual(expect.any(String));
      else expect((await failure(added)).code, name).toBe('Zone.Invalid.Name');
    }
    expect((await failure(tenant.pvtz('CheckZoneName', {}))).code).toBe('MissingParam.ZoneName');
  });

  it('DescribeZoneVpcTree lists every zone of the caller with its VPCs', async () => {
    const owner = await freshActor(stack);
    const vpcA = (await owner.vpc('CreateVpc', { CidrBlock: '10.61.0.0/16', VpcName: 'tree-a' }))['VpcId'] as string;
    const vpcB = (await owner.vpc('CreateVpc', { CidrBlock: '10.62.0.0/16', RegionId: 'cn-shanghai' }))['VpcId'] as string;
    const bound = (await owner.pvtz('AddZone', { ZoneName: 'tree.example' }))['ZoneId'] as string;
    const empty = (await owner.pvtz('AddZone', { ZoneName: '0.10.in-addr.arpa' }))['ZoneId'] as string;
    await owner.pvtz('AddZoneRecord', { ZoneId: bound, Rr: 'www', Type: 'A', Value: '10.61.0.1' });
    await owner.pvtz('UpdateZoneRemark', { ZoneId: bound, Remark: 'tree' });
    await owner.pvtz('BindZoneVpc', { ZoneId: bound, 'Vpcs.1.VpcId': vpcA, 'Vpcs.2.VpcId': vpcB });

    const tree = ((await owner.pvtz('DescribeZoneVpcTree'))['Zones'] as { Zone: Json[] }).Zone;
    // In creation order; two zones created within one second are ordered by id.
    expect(tree.map((z) => z['ZoneId']).sort()).toEqual([bound, empty].sort());
    const [boundItem, emptyItem] = [bound, empty].map((id) => tree.find((z) => z['ZoneId'] === id));
    expect(boundItem).toMatchObject({
      ZoneName: 'tree.example',
      Remark: 'tree',
      RecordCount: 1,
      ZoneType: 'AUTH_ZONE',
      IsPtr: false,
      Creator: owner.uid,
      CreatorType: 'USER',
      CreateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/),
    });
    const vpcs = (boundItem!['Vpcs'] as { Vpc: Json[] }).Vpc;
    expect(vpcs.map((v) => [v['VpcId'], v['RegionId'], v['VpcName'], v['VpcType']]).sort()).toEqual(
      [
        [vpcA, 'cn-hangzhou', 'tree-a', 'STANDARD'],
        [vpcB, 'cn-shanghai', '', 'STANDARD'],
      ].sort(),
    );
    expect(vpcs.find((v) => v['VpcId'] === vpcA)).toMatchObject({ RegionName: '华东1（杭州）' });
    expect(emptyItem).toMatchObject({ IsPtr: true, RecordCount: 0, Vpcs: { Vpc: [] } });
    // Another account's tree holds none of them.
    expect(((await tenant.pvtz('DescribeZoneVpcTree'))['Zones'] as { Zone: Json[] }).Zone.map((z) => z['ZoneId'])).not.toContain(bound);
  });

  it('DescribeRegions lists the served regions, by language, and none where nothing can be bound', async () => {
    const regions = async (params: Json = {}): Promise<Json[]> =>
      ((await tenant.pvtz('DescribeRegions', params))['Regions'] as { Region: Json[] }).Region;
    expect(await regions()).toEqual([
      { RegionId: 'cn-hangzhou', RegionName: '华东1（杭州）', LocalName: '华东1（杭州）', RegionEndpoint: 'pvtz.aliyuncs.com' },
      { RegionId: 'cn-shanghai', RegionName: '华东2（上海）', LocalName: '华东2（上海）', RegionEndpoint: 'pvtz.aliyuncs.com' },
    ]);
    expect((await regions({ AcceptLanguage: 'en-US' })).map((r) => r['LocalName'])).toEqual(['China (Hangzhou)', 'China (Shanghai)']);
    expect(await regions({ VpcType: 'EDS' })).toEqual([]);
    expect(await regions({ Scene: 'FWD' })).toEqual([]);
    expect(await regions({ Scene: 'AUTH', VpcType: 'STANDARD' })).toHaveLength(2);
    // Another account's VPCs only once it authorised the caller (cross-account.test.ts for the authorised case).
    const other = await freshActor(stack);
    expect(await regions({ AuthorizedUserId: other.uid })).toEqual([]);
    expect(await regions({ AuthorizedUserId: tenant.uid })).toHaveLength(2);
    expect((await failure(tenant.pvtz('DescribeRegions', { AcceptLanguage: 'fr-FR' }))).code).toBe('IllegalParamFormat.AcceptLanguage');
    expect((await failure(tenant.pvtz('DescribeRegions', { Scene: 'DNS' }))).code).toBe('IllegalParamFormat.Scene');
  });

  it('DescribeUserServiceStatus says the service is open', async () => {
    expect(await tenant.pvtz('DescribeUserServiceStatus')).toMatchObject({ Status: 'OPENED', RequestId: expect.any(String) });
  });
});
