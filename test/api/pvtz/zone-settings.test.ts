import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, failure, startStack, type Stack } from '../conveniences/stack.js';
import { freshActor, recordsOf, type PvtzActor } from './pvtz-helpers.js';

type Json = Record<string, unknown>;

const zoneItems = async (actor: PvtzActor, params: Json = {}): Promise<Json[]> =>
  ((await actor.pvtz('DescribeZones', { PageSize: 100, ...params }))['Zones'] as { Zone: Json[] }).Zone;

/**
 * UpdateZoneRemark, SetProxyPattern and AddZone's ProxyPattern / ResourceGroupId
 * (https://api.aliyun.com/api/pvtz/2018-01-01/SetProxyPattern): stored, shown by
 * DescribeZoneInfo and DescribeZones, and refused when they cannot be honoured.
 */
describe.each(STORES)('PrivateZone zone settings (%s store)', (store) => {
  let stack: Stack;
  let tenant: PvtzActor;

  const addZone = async (name: string, extra: Json = {}): Promise<string> =>
    (await tenant.pvtz('AddZone', { ZoneName: name, ...extra }))['ZoneId'] as string;
  const info = (zoneId: string): Promise<Json> => tenant.pvtz('DescribeZoneInfo', { ZoneId: zoneId });

  beforeAll(async () => {
    stack = await startStack(store);
    tenant = await freshActor(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('updates and clears a zone’s remark, and refuses one the cloud refuses', async () => {
    const zoneId = await addZone('remark.example');
    expect(await tenant.pvtz('UpdateZoneRemark', { ZoneId: zoneId, Remark: 'office zone, 总部' })).toMatchObject({ ZoneId: zoneId });
    expect(await info(zoneId)).toMatchObject({ Remark: 'office zone, 总部' });
    expect((await zoneItems(tenant, { Keyword: 'remark.example' }))[0]).toMatchObject({ Remark: 'office zone, 总部' });
    for (const remark of ['y'.repeat(51), 'a/b', 'quote"']) {
      expect((await failure(tenant.pvtz('UpdateZoneRemark', { ZoneId: zoneId, Remark: remark }))).code, remark).toBe('Zone.Remark');
    }
    expect(await info(zoneId)).toMatchObject({ Remark: 'office zone, 总部' });
    await tenant.pvtz('UpdateZoneRemark', { ZoneId: zoneId });
    expect(await info(zoneId)).toMatchObject({ Remark: '' });
    expect((await failure(tenant.pvtz('UpdateZoneRemark', { ZoneId: 'pz-unknown0000000000000', Remark: 'x' }))).code).toBe(
      'Zone.NotExists',
    );
    expect((await failure(tenant.pvtz('UpdateZoneRemark', { Remark: 'x' }))).code).toBe('MissingParam.ZoneId');
  });

  it('stores ProxyPattern from AddZone and SetProxyPattern and shows it', async () => {
    const recordZone = await addZone('proxied.example', { ProxyPattern: 'RECORD' });
    const plainZone = await addZone('plain.example');
    expect(await info(recordZone)).toMatchObject({ ProxyPattern: 'RECORD' });
    expect(await info(plainZone)).toMatchObject({ ProxyPattern: 'ZONE' });
    expect((await zoneItems(tenant, { Keyword: 'proxied.example' }))[0]).toMatchObject({ ProxyPattern: 'RECORD' });

    expect(await tenant.pvtz('SetProxyPattern', { ZoneId: plainZone, ProxyPattern: 'RECORD' })).toMatchObject({ ZoneId: plainZone });
    expect(await info(plainZone)).toMatchObject({ ProxyPattern: 'RECORD' });
    await tenant.pvtz('SetProxyPattern', { ZoneId: plainZone, ProxyPattern: 'ZONE' });
    expect(await info(plainZone)).toMatchObject({ ProxyPattern: 'ZONE' });

    expect((await failure(tenant.pvtz('SetProxyPattern', { ZoneId: plainZone }))).code).toBe('MissingParam.ProxyPattern');
    expect((await failure(tenant.pvtz('SetProxyPattern', { ZoneId: plainZone, ProxyPattern: 'ALL' }))).code).toBe(
      'IllegalParamFormat.ProxyPattern',
    );
    expect((await failure(tenant.pvtz('SetProxyPattern', { ZoneId: 'bad id!', ProxyPattern: 'ZONE' }))).code).toBe('Zone.Invalid.Id');
    expect(await info(plainZone)).toMatchObject({ ProxyPattern: 'ZONE' });
  });

  it('keeps wildcards and RECORD apart: neither is added to a zone holding the other', async () => {
    const proxied = await addZone('wild-proxied.example', { ProxyPattern: 'RECORD' });
    for (const rr of ['*', '*.dev']) {
      expect((await failure(tenant.pvtz('AddZoneRecord', { ZoneId: proxied, Rr: rr, Type: 'A', Value: '192.0.2.1' }))).code, rr).toBe(
        'InvalidParameter',
      );
    }
    const recordId = (await tenant.pvtz('AddZoneRecord', { ZoneId: proxied, Rr: 'www', Type: 'A', Value: '192.0.2.1' }))['RecordId'];
    expect((await failure(tenant.pvtz('UpdateZoneRecord', { RecordId: recordId, Rr: '*', Type: 'A', Value: '192.0.2.1' }))).code).toBe(
      'InvalidParameter',
    );
    expect((await recordsOf(tenant, proxied)).map((r) => r['Rr'])).toEqual(['www']);

    const wild = await addZone('wild.example');
    await tenant.pvtz('AddZoneRecord', { ZoneId: wild, Rr: '*.dev', Type: 'A', Value: '192.0.2.2' });
    expect((await failure(tenant.pvtz('SetProxyPattern', { ZoneId: wild, ProxyPattern: 'RECORD' }))).code).toBe('InvalidParameter');
    expect(await info(wild)).toMatchObject({ ProxyPattern: 'ZONE' });
  });

  it('stores AddZone’s ResourceGroupId and filters DescribeZones by it; a tag filter matches no zone', async () => {
    const grouped = await addZone('grouped.example', { ResourceGroupId: 'rg-acfm2abc' });
    const ungrouped = await addZone('ungrouped.example');
    expect(await info(grouped)).toMatchObject({ ResourceGroupId: 'rg-acfm2abc' });
    expect(await info(ungrouped)).toMatchObject({ ResourceGroupId: '' });
    expect((await zoneItems(tenant, { ResourceGroupId: 'rg-acfm2abc' })).map((z) => z['ZoneId'])).toEqual([grouped]);
    expect(await zoneItems(tenant, { 'ResourceTag.1.Key': 'env', 'ResourceTag.1.Value': 'prod' })).toEqual([]);
    // ZoneTag only selects among cloud-product zones (the reference); authoritative zones are listed regardless.
    expect((await zoneItems(tenant, { 'ZoneTag.1': 'BLINK', Keyword: 'grouped.example', SearchMode: 'EXACT' })).length).toBe(1);
  });
});
