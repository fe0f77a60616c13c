import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, failure, startStack, type Stack } from '../conveniences/stack.js';
import { addRecord, addZone, freshTenant, newVpc, pvtz, type PvtzTenant } from './pvtz-helpers.js';

type Json = Record<string, unknown>;
const MINUTE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;

describe.each(STORES)('PrivateZone zones (%s store)', (store) => {
  let stack: Stack;
  let tenant: PvtzTenant;

  beforeAll(async () => {
    stack = await startStack(store);
    tenant = await freshTenant(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('adds a zone (name lowercased, trailing dot dropped) and describes it as the reference spells it', async () => {
    const added = await pvtz(tenant.pvtz, 'AddZone', { ZoneName: 'Corp.Example.' });
    expect(added).toMatchObject({ ZoneName: 'corp.example', Success: true });
    const zoneId = added['ZoneId'] as string;
    expect(zoneId).toMatch(/^pz-[a-z0-9]{20}$/);
    await addRecord(tenant.pvtz, zoneId, 'www', 'A', '10.0.0.1');

    const info = await pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: zoneId });
    expect(info).toMatchObject({
      ZoneId: zoneId,
      ZoneName: 'corp.example',
      Remark: '',
      RecordCount: 1,
      ProxyPattern: 'ZONE',
      ZoneType: 'AUTH_ZONE',
      IsPtr: false,
      SlaveDns: false,
      Creator: tenant.uid,
      CreatorType: 'USER',
      BindVpcs: { Vpc: [] },
    });
    expect(info['CreateTime']).toMatch(MINUTE_TIME);
    expect(typeof info['CreateTimestamp']).toBe('number');
    expect(Math.abs((info['UpdateTimestamp'] as number) - Date.now())).toBeLessThan(60_000);

    const reverse = await addZone(tenant.pvtz, '0.10.in-addr.arpa');
    expect((await pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: reverse }))['IsPtr']).toBe(true);
  });

  it('refuses bad names, zone kinds it cannot serve, missing and malformed ids', async () => {
    for (const name of ['bad name.com', '-x.example', 'a..b', '*.example.com', `${'a'.repeat(64)}.com`, `${'abcdefghi.'.repeat(26)}com`]) {
      expect(await failure(pvtz(tenant.pvtz, 'AddZone', { ZoneName: name })), name).toMatchObject({
        code: 'Zone.Invalid.Name',
        status: 400,
        message: 'Zone name is invalid.',
      });
    }
    expect((await failure(pvtz(tenant.pvtz, 'AddZone', {}))).code).toBe('MissingParam.ZoneName');
    // What AddZone cannot honour is refused, and nothing is created.
    const before = (await pvtz(tenant.pvtz, 'DescribeZones', { PageSize: 100 }))['TotalItems'];
    for (const [params, code] of [
      [{ ProxyPattern: 'PROXY' }, 'IllegalParamFormat.ProxyPattern'],
      [{ ZoneType: 'CLOUD_PRODUCT_ZONE' }, 'InvalidParameter'],
      [{ ZoneTag: 'BLINK' }, 'InvalidParameter'],
      [{ DnsGroup: 'FAST_ZONE' }, 'InvalidParameter'],
      [{ ResourceGroupId: 'not-a-group' }, 'IllegalParamFormat.ResourceGroupId'],
    ] as Array<[Json, string]>) {
      expect((await failure(pvtz(tenant.pvtz, 'AddZone', { ZoneName: 'p.example', ...params }))).code, JSON.stringify(params)).toBe(code);
    }
    expect((await pvtz(tenant.pvtz, 'DescribeZones', { PageSize: 100 }))['TotalItems']).toBe(before);
    expect(await failure(pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: 'bad id!' }))).toMatchObject({
      code: 'Zone.Invalid.Id',
      message: 'Zone id is invalid.',
    });
    expect(await failure(pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: 'pz-doesnotexist0000000' }))).toMatchObject({
      code: 'Zone.NotExists',
      message: 'Zone is not exists',
    });
    expect((await failure(pvtz(tenant.pvtz, 'DeleteZone', {}))).code).toBe('MissingParam.ZoneId');
  });

  it('makes AddZone idempotent with a ClientToken', async () => {
    const first = await pvtz(tenant.pvtz, 'AddZone', { ZoneName: 'token.example', ClientToken: 'tok-zone-1' });
    const again = await pvtz(tenant.pvtz, 'AddZone', { ZoneName: 'token.example', ClientToken: 'tok-zone-1' });
    expect(again['ZoneId']).toBe(first['ZoneId']);
    expect((await failure(pvtz(tenant.pvtz, 'AddZone', { ZoneName: 'other.example', ClientToken: 'tok-zone-1' }))).code).toBe(
      'IdempotentParameterMismatch',
    );
  });

  it('answers a change retried with its ClientToken as the first call did, changing nothing (the change runner)', async () => {
    const zoneId = await addZone(tenant.pvtz, 'retry.example');
    const recordId = await addRecord(tenant.pvtz, zoneId, 'www', 'A', '10.0.0.9');
    const disable = { RecordId: recordId, Status: 'DISABLE', ClientToken: 'status-retry' };
    expect(await pvtz(tenant.pvtz, 'SetZoneRecordStatus', disable)).toMatchObject({ RecordId: recordId, Status: 'DISABLE' });
    await pvtz(tenant.pvtz, 'SetZoneRecordStatus', { RecordId: recordId, Status: 'ENABLE' });
    // The retry answers as the first call did, and the later change stands.
    expect(await pvtz(tenant.pvtz, 'SetZoneRecordStatus', disable)).toMatchObject({ RecordId: recordId, Status: 'DISABLE' });
    const records = (await pvtz(tenant.pvtz, 'DescribeZoneRecords', { ZoneId: zoneId }))['Records'] as { Record: Json[] };
    expect(records.Record.map((r) => r['Status'])).toEqual(['ENABLE']);
    // The token with other parameters is refused.
    expect(await failure(pvtz(tenant.pvtz, 'SetZoneRecordStatus', { ...disable, Status: 'ENABLE' }))).toMatchObject({
      code: 'IdempotentParameterMismatch',
      status: 400,
    });

    await pvtz(tenant.pvtz, 'DeleteZoneRecord', { RecordId: recordId });
    const remove = { ZoneId: zoneId, ClientToken: 'delete-retry' };
    expect(await pvtz(tenant.pvtz, 'DeleteZone', remove)).toMatchObject({ ZoneId: zoneId });
    // A second delete without the token meets a zone that is gone; the retry succeeds again.
    expect((await failure(pvtz(tenant.pvtz, 'DeleteZone', { ZoneId: zoneId }))).code).toBe('Zone.NotExists');
    expect(await pvtz(tenant.pvtz, 'DeleteZone', remove)).toMatchObject({ ZoneId: zoneId });
  });

  it('BindZoneVpc replaces the VPC set; no Vpcs unbinds all; VPCs must exist and be the caller’s', async () => {
    const zoneId = await addZone(tenant.pvtz, 'bind.example');
    const [a, b, c] = [await newVpc(tenant.vpc, 31), await newVpc(tenant.vpc, 32), await newVpc(tenant.vpc, 33)];
    const bound = async (): Promise<string[]> =>
      ((await pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: zoneId }))['BindVpcs'] as { Vpc: Json[] }).Vpc.map(
        (v) => v['VpcId'] as string,
      ).sort();

    expect(
      await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': a, 'Vpcs.1.RegionId': 'cn-hangzhou', 'Vpcs.2.VpcId': b }),
    ).toEqual({ RequestId: expect.any(String) });
    expect(await bound()).toEqual([a, b].sort());
    const info = await pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: zoneId });
    expect((info['BindVpcs'] as { Vpc: Json[] }).Vpc[0]).toEqual({
      VpcId: expect.any(String),
      VpcUserId: expect.anything(),
      VpcName: '',
      VpcType: 'STANDARD',
      RegionId: 'cn-hangzhou',
      RegionName: '华东1（杭州）',
    });
    // The owner of the VPC: a long in the cloud's model (pop-core parses 16 digits as a BigNumber).
    expect(String((info['BindVpcs'] as { Vpc: Json[] }).Vpc[0]!['VpcUserId'])).toBe(tenant.uid);

    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': c, 'Vpcs.2.VpcId': c });
    expect(await bound()).toEqual([c]);
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: zoneId });
    expect(await bound()).toEqual([]);

    for (const params of [
      { 'Vpcs.1.VpcId': 'vpc-nothere000000000000' },
      { 'Vpcs.1.VpcId': a, 'Vpcs.1.RegionId': 'cn-shanghai' },
      { 'Vpcs.1.VpcId': a, 'Vpcs.1.VpcType': 'EDS' },
    ]) {
      expect(await failure(pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: zoneId, ...params }))).toMatchObject({
        code: 'ZoneVpc.NotExists.VpcId',
        status: 400,
      });
    }
    // A refused call changes nothing.
    expect(await bound()).toEqual([]);
  });

  it('refuses binding one VPC to two zones of the same name (ZoneVpc.Zone.Repeated), allows it across VPCs', async () => {
    const first = await addZone(tenant.pvtz, 'twin.example');
    const second = await addZone(tenant.pvtz, 'twin.example');
    const [x, y] = [await newVpc(tenant.vpc, 41), await newVpc(tenant.vpc, 42)];
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: first, 'Vpcs.1.VpcId': x });
    expect(await failure(pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: second, 'Vpcs.1.VpcId': y, 'Vpcs.2.VpcId': x }))).toMatchObject({
      code: 'ZoneVpc.Zone.Repeated',
      message: 'Vpc is bind to same zone name.',
    });
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: second, 'Vpcs.1.VpcId': y });
    // Once the first lets x go, the second may take it.
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: first });
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: second, 'Vpcs.1.VpcId': y, 'Vpcs.2.VpcId': x });
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: second });
  });

  it('DeleteZone is refused while VPCs are bound, then removes the zone and its records', async () => {
    const zoneId = await addZone(tenant.pvtz, 'gone.example');
    const recordId = await addRecord(tenant.pvtz, zoneId, 'www', 'A', '10.0.0.9');
    const vpcId = await newVpc(tenant.vpc, 51);
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': vpcId });
    expect(await failure(pvtz(tenant.pvtz, 'DeleteZone', { ZoneId: zoneId }))).toMatchObject({
      code: 'Zone.VpcExists',
      message: 'Zone have vpc bound.',
    });
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: zoneId });
    expect(await pvtz(tenant.pvtz, 'DeleteZone', { ZoneId: zoneId })).toMatchObject({ ZoneId: zoneId });
    expect((await failure(pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: zoneId }))).code).toBe('Zone.NotExists');
    expect((await failure(pvtz(tenant.pvtz, 'DescribeZoneRecords', { ZoneId: zoneId }))).code).toBe('Zone.NotExists');
    expect((await failure(pvtz(tenant.pvtz, 'DeleteZoneRecord', { RecordId: recordId }))).code).toBe('Record.NotExists');
    expect((await failure(pvtz(tenant.pvtz, 'DeleteZone', { ZoneId: zoneId }))).code).toBe('Zone.NotExists');
  });

  it('a deleted VPC no longer counts as bound: DescribeZoneInfo drops it and DeleteZone goes through', async () => {
    const zoneId = await addZone(tenant.pvtz, 'vpcgone.example');
    const vpcId = await newVpc(tenant.vpc, 52);
    await pvtz(tenant.pvtz, 'BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': vpcId });
    await tenant.vpc.request('DeleteVpc', { RegionId: 'cn-hangzhou', VpcId: vpcId }, { method: 'POST' });
    expect((await pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: zoneId }))['BindVpcs']).toEqual({ Vpc: [] });
    await pvtz(tenant.pvtz, 'DeleteZone', { ZoneId: zoneId });
  });

  it('DescribeZones pages by PageNumber/PageSize, filters by Keyword (LIKE default, EXACT) and QueryVpcId', async () => {
    const own = await freshTenant(stack);
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await addZone(own.pvtz, `z${String(i).padStart(2, '0')}.paging.example`));
    const vpcId = await newVpc(own.vpc, 61);
    await pvtz(own.pvtz, 'BindZoneVpc', { ZoneId: ids[5], 'Vpcs.1.VpcId': vpcId });

    const first = await pvtz(own.pvtz, 'DescribeZones');
    expect(first).toMatchObject({ PageNumber: 1, PageSize: 20, TotalItems: 23, TotalPages: 2 });
    expect((first['Zones'] as { Zone: Json[] }).Zone).toHaveLength(20);
    const zone = (first['Zones'] as { Zone: Json[] }).Zone[0]!;
    expect(Object.keys(zone).sort()).toEqual(
      [
        'CreateTime',
        'CreateTimestamp',
        'Creator',
        'CreatorSubType',
        'DnsGroup',
        'DnsGroupChanging',
        'IsPtr',
        'ProxyPattern',
        'RecordCount',
        'Remark',
        'ResourceGroupId',
        'ResourceTags',
        'UpdateTime',
        'UpdateTimestamp',
        'ZoneId',
        'ZoneName',
        'ZoneTag',
        'ZoneType',
      ].sort(),
    );

    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const answer = await pvtz(own.pvtz, 'DescribeZones', { PageNumber: page, PageSize: 10 });
      expect(answer).toMatchObject({ PageNumber: page, PageSize: 10, TotalItems: 23, TotalPages: 3 });
      seen.push(...(answer['Zones'] as { Zone: Json[] }).Zone.map((z) => z['ZoneId'] as string));
    }
    expect(seen.sort()).toEqual([...ids].sort());
    expect((await pvtz(own.pvtz, 'DescribeZones', { PageNumber: 4, PageSize: 10 }))['Zones']).toEqual({ Zone: [] });
    expect((await failure(pvtz(own.pvtz, 'DescribeZones', { PageSize: 101 }))).code).toBe('IllegalParamFormat.PageSize');
    expect((await failure(pvtz(own.pvtz, 'DescribeZones', { PageNumber: 0 }))).code).toBe('IllegalParamFormat.PageNumber');

    expect((await pvtz(own.pvtz, 'DescribeZones', { Keyword: 'Z1' }))['TotalItems']).toBe(10);
    expect((await pvtz(own.pvtz, 'DescribeZones', { Keyword: 'z1', SearchMode: 'EXACT' }))['TotalItems']).toBe(0);
    expect((await pvtz(own.pvtz, 'DescribeZones', { Keyword: 'z07.paging.example', SearchMode: 'EXACT' }))['TotalItems']).toBe(1);
    const byVpc = await pvtz(own.pvtz, 'DescribeZones', { QueryVpcId: vpcId });
    expect((byVpc['Zones'] as { Zone: Json[] }).Zone.map((z) => z['ZoneId'])).toEqual([ids[5]]);
    expect((await pvtz(own.pvtz, 'DescribeZones', { QueryRegionId: 'cn-hangzhou' }))['TotalItems']).toBe(1);
    expect((await pvtz(own.pvtz, 'DescribeZones', { ZoneType: 'CLOUD_PRODUCT_ZONE' }))['TotalItems']).toBe(0);
  });
});
