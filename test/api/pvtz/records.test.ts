import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, failure, startStack, type Stack } from '../conveniences/stack.js';
import { addRecord, addZone, freshTenant, pvtz, type PvtzTenant } from './pvtz-helpers.js';

type Json = Record<string, unknown>;

const records = async (client: PvtzTenant['pvtz'], zoneId: string, extra: Json = {}): Promise<Json[]> =>
  ((await pvtz(client, 'DescribeZoneRecords', { ZoneId: zoneId, PageSize: 100, ...extra }))['Records'] as { Record: Json[] }).Record;

describe.each(STORES)('PrivateZone records (%s store)', (store) => {
  let stack: Stack;
  let tenant: PvtzTenant;
  let zoneId: string;

  beforeAll(async () => {
    stack = await startStack(store);
    tenant = await freshTenant(stack);
    zoneId = await addZone(tenant.pvtz, 'rec.example');
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('stores every type in its canonical form and lists it with the reference’s fields', async () => {
    const cases: Array<[rr: string, type: string, value: string, stored: string, extra?: Json]> = [
      ['@', 'A', '192.0.2.1', '192.0.2.1'],
      ['V6', 'AAAA', '2001:DB8:0:0::1', '2001:db8::1'],
      ['alias', 'CNAME', 'Target.Example.COM.', 'target.example.com'],
      ['txt', 'TXT', 'v=spf1 include:example.com ~all', 'v=spf1 include:example.com ~all'],
      ['@', 'MX', 'mail.rec.example', 'mail.rec.example', { Priority: 10 }],
      ['_sip._tcp', 'SRV', '10  60 5060 SIP.rec.example', '10 60 5060 sip.rec.example'],
      ['1', 'PTR', 'host.rec.example.', 'host.rec.example'],
      ['*', 'A', '192.0.2.2', '192.0.2.2'],
      ['*.dev', 'TXT', 'wild', 'wild'],
    ];
    for (const [rr, type, value, stored, extra] of cases) {
      const added = await pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zoneId, Rr: rr, Type: type, Value: value, ...extra });
      expect(added).toMatchObject({ Success: true });
      expect(Number.isSafeInteger(added['RecordId'])).toBe(true);
      const listed = (await records(tenant.pvtz, zoneId)).find((r) => r['RecordId'] === added['RecordId']);
      expect(listed, `${rr} ${type}`).toMatchObject({
        ZoneId: zoneId,
        Rr: rr.toLowerCase(),
        Type: type,
        Value: stored,
        Ttl: 60,
        Line: 'default',
        Status: 'ENABLE',
      });
      expect(listed?.['CreateTime']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
      // Every record carries the model's integer Priority: the MX preference, 0 for other types.
      expect(listed?.['Priority']).toBe(extra?.['Priority'] ?? 0);
    }
    expect((await pvtz(tenant.pvtz, 'DescribeZoneInfo', { ZoneId: zoneId }))['RecordCount']).toBe(cases.length);
  });

  it('refuses values that do not fit their type, and bad host records', async () => {
    const bad: Array<[rr: string, type: string, value: string]> = [
      ['a', 'A', '256.1.1.1'],
      ['a', 'A', '01.2.3.4'],
      ['a', 'A', '2001:db8::1'],
      ['a', 'AAAA', '192.0.2.1'],
      ['a', 'AAAA', 'fe80::1%eth0'],
      ['a', 'CNAME', 'not a name'],
      ['a', 'CNAME', '192.0.2.1/24'],
      ['a', 'SRV', '1 2 target.example'],
      ['a', 'SRV', '1 2 70000 target.example'],
      ['a', 'PTR', '-bad-.example'],
      ['a', 'TXT', 'line\nbreak'],
      ['a', 'TXT', 'x'.repeat(2049)],
      ['a.*', 'A', '192.0.2.1'],
      ['**', 'A', '192.0.2.1'],
      ['-a', 'A', '192.0.2.1'],
      ['a..b', 'A', '192.0.2.1'],
      [`${'x'.repeat(64)}`, 'A', '192.0.2.1'],
    ];
    for (const [rr, type, value] of bad) {
      expect(
        await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zoneId, Rr: rr, Type: type, Value: value })),
        `${rr} ${type} ${value}`,
      ).toMatchObject({
        code: 'InvalidParameter',
        status: 400,
        message: expect.stringMatching(/^The specified value parameter is not valid: (Rr|Value) /),
      });
    }
    expect((await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zoneId, Rr: 'a', Type: 'NS', Value: 'ns.example' }))).code).toBe(
      'IllegalParamFormat.Type',
    );
    expect((await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zoneId, Rr: 'a', Type: 'MX', Value: 'mx.example' }))).code).toBe(
      'MissingParam.Priority',
    );
    expect(
      (await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zoneId, Rr: 'a', Type: 'MX', Value: 'mx.example', Priority: 100 }))).code,
    ).toBe('IllegalParamFormat.Priority');
    for (const field of ['ZoneId', 'Rr', 'Type', 'Value']) {
      const params: Json = { ZoneId: zoneId, Rr: 'a', Type: 'A', Value: '192.0.2.1' };
      delete params[field];
      expect((await failure(pvtz(tenant.pvtz, 'AddZoneRecord', params))).code).toBe(`MissingParam.${field}`);
    }
    expect(
      (await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zoneId, Rr: 'a', Type: 'A', Value: '192.0.2.1', Line: 'telecom' }))).code,
    ).toBe('InvalidParameter');
    expect(
      (await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zoneId, Rr: 'a', Type: 'A', Value: '192.0.2.1', Weight: 5 }))).code,
    ).toBe('InvalidParameter');
    expect(
      (await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: 'pz-unknown000000000000', Rr: 'a', Type: 'A', Value: '192.0.2.1' })))
        .code,
    ).toBe('Zone.NotExists');
  });

  it('keeps the TTL within 5..86400 (default 60)', async () => {
    const zone = await addZone(tenant.pvtz, 'ttl.example');
    expect((await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zone, Rr: 'a', Type: 'A', Value: '192.0.2.1', Ttl: 4 }))).code).toBe(
      'IllegalParamFormat.Ttl',
    );
    expect(
      (await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zone, Rr: 'a', Type: 'A', Value: '192.0.2.1', Ttl: 86401 }))).code,
    ).toBe('IllegalParamFormat.Ttl');
    await addRecord(tenant.pvtz, zone, 'low', 'A', '192.0.2.1', { Ttl: 5 });
    await addRecord(tenant.pvtz, zone, 'high', 'A', '192.0.2.1', { Ttl: 86400 });
    await addRecord(tenant.pvtz, zone, 'default', 'A', '192.0.2.1');
    const ttls = Object.fromEntries((await records(tenant.pvtz, zone)).map((r) => [r['Rr'], r['Ttl']]));
    expect(ttls).toEqual({ low: 5, high: 86400, default: 60 });
  });

  it('refuses duplicates and CNAMEs beside other data or at the apex (Record.Invalid.Conflict)', async () => {
    const zone = await addZone(tenant.pvtz, 'conflict.example');
    await addRecord(tenant.pvtz, zone, 'www', 'A', '192.0.2.1');
    await addRecord(tenant.pvtz, zone, 'www', 'A', '192.0.2.2');
    await addRecord(tenant.pvtz, zone, 'cn', 'CNAME', 'www.conflict.example');
    const conflicts: Array<[rr: string, type: string, value: string]> = [
      ['WWW', 'A', '192.0.2.1'],
      ['www', 'CNAME', 'elsewhere.example'],
      ['cn', 'A', '192.0.2.3'],
      ['cn', 'CNAME', 'other.example'],
      ['@', 'CNAME', 'other.example'],
    ];
    for (const [rr, type, value] of conflicts) {
      expect(
        await failure(pvtz(tenant.pvtz, 'AddZoneRecord', { ZoneId: zone, Rr: rr, Type: type, Value: value })),
        `${rr} ${type}`,
      ).toMatchObject({
        code: 'Record.Invalid.Conflict',
        status: 400,
      });
    }
    expect(await records(tenant.pvtz, zone)).toHaveLength(3);
  });

  it('UpdateZoneRecord replaces Rr/Type/Value/Ttl by RecordId; DeleteZoneRecord removes it', async () => {
    const zone = await addZone(tenant.pvtz, 'update.example');
    const id = await addRecord(tenant.pvtz, zone, 'www', 'A', '192.0.2.1', { Ttl: 300 });
    const other = await addRecord(tenant.pvtz, zone, 'api', 'A', '192.0.2.9');
    expect(
      await pvtz(tenant.pvtz, 'UpdateZoneRecord', { RecordId: id, Rr: 'web', Type: 'CNAME', Value: 'api.update.example' }),
    ).toMatchObject({ RecordId: id });
    const updated = (await records(tenant.pvtz, zone)).find((r) => r['RecordId'] === id);
    // A full replace: the Ttl not re-sent falls back to the default.
    expect(updated).toMatchObject({ Rr: 'web', Type: 'CNAME', Value: 'api.update.example', Ttl: 60 });
    // The record itself is not a conflict with its own new form, but the other one is.
    await pvtz(tenant.pvtz, 'UpdateZoneRecord', { RecordId: id, Rr: 'web', Type: 'CNAME', Value: 'api.update.example', Ttl: 120 });
    expect((await failure(pvtz(tenant.pvtz, 'UpdateZoneRecord', { RecordId: other, Rr: 'web', Type: 'A', Value: '192.0.2.9' }))).code).toBe(
      'Record.Invalid.Conflict',
    );
    expect(
      (await failure(pvtz(tenant.pvtz, 'UpdateZoneRecord', { RecordId: '999999999999', Rr: 'x', Type: 'A', Value: '192.0.2.1' }))).code,
    ).toBe('Record.NotExists');
    expect((await failure(pvtz(tenant.pvtz, 'UpdateZoneRecord', { RecordId: 'abc', Rr: 'x', Type: 'A', Value: '192.0.2.1' }))).code).toBe(
      'IllegalParamFormat.RecordId',
    );

    expect(await pvtz(tenant.pvtz, 'DeleteZoneRecord', { RecordId: id })).toMatchObject({ RecordId: id });
    expect((await records(tenant.pvtz, zone)).map((r) => r['RecordId'])).toEqual([other]);
    expect(await failure(pvtz(tenant.pvtz, 'DeleteZoneRecord', { RecordId: id }))).toMatchObject({
      code: 'Record.NotExists',
      message: 'Record is not exists',
    });
  });

  it('makes AddZoneRecord idempotent with a ClientToken', async () => {
    const zone = await addZone(tenant.pvtz, 'idem.example');
    const params = { ZoneId: zone, Rr: 'www', Type: 'A', Value: '192.0.2.1', ClientToken: 'rec-token-1' };
    const first = await pvtz(tenant.pvtz, 'AddZoneRecord', params);
    const again = await pvtz(tenant.pvtz, 'AddZoneRecord', params);
    expect(again['RecordId']).toBe(first['RecordId']);
    expect(await records(tenant.pvtz, zone)).toHaveLength(1);
  });

  it('DescribeZoneRecords pages and matches Keyword on Rr (EXACT by default, LIKE on request)', async () => {
    const zone = await addZone(tenant.pvtz, 'list.example');
    for (let i = 0; i < 25; i++) await addRecord(tenant.pvtz, zone, `host${i}`, 'A', `192.0.2.${i + 1}`);
    const first = await pvtz(tenant.pvtz, 'DescribeZoneRecords', { ZoneId: zone });
    expect(first).toMatchObject({ PageNumber: 1, PageSize: 20, TotalItems: 25, TotalPages: 2 });
    const second = await pvtz(tenant.pvtz, 'DescribeZoneRecords', { ZoneId: zone, PageNumber: 2 });
    const all = [...(first['Records'] as { Record: Json[] }).Record, ...(second['Records'] as { Record: Json[] }).Record];
    expect(new Set(all.map((r) => r['Rr'])).size).toBe(25);

    expect((await pvtz(tenant.pvtz, 'DescribeZoneRecords', { ZoneId: zone, Keyword: 'host1' }))['TotalItems']).toBe(1);
    expect((await pvtz(tenant.pvtz, 'DescribeZoneRecords', { ZoneId: zone, Keyword: 'HOST1', SearchMode: 'LIKE' }))['TotalItems']).toBe(11);
    expect((await pvtz(tenant.pvtz, 'DescribeZoneRecords', { ZoneId: zone, Tag: 'ecs' }))['TotalItems']).toBe(0);
  });
});
