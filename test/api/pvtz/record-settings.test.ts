import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, failure, startStack, type Stack } from '../conveniences/stack.js';
import { freshActor, recordsOf, type PvtzActor } from './pvtz-helpers.js';

type Json = Record<string, unknown>;

const REMARK_RULE = '50  characters long.  It can only contain numbers,Chinese,English and  special characters: _ - , . ，。';

/**
 * SetZoneRecordStatus, UpdateRecordRemark and AddZoneRecord's Remark
 * (https://api.aliyun.com/api/pvtz/2018-01-01/SetZoneRecordStatus): each takes effect where
 * DescribeZoneRecords shows it, and a bad value changes nothing.
 */
describe.each(STORES)('PrivateZone record status and remarks (%s store)', (store) => {
  let stack: Stack;
  let tenant: PvtzActor;
  let zoneId: string;

  const add = async (rr: string, value: string, extra: Json = {}): Promise<number> =>
    (await tenant.pvtz('AddZoneRecord', { ZoneId: zoneId, Rr: rr, Type: 'A', Value: value, ...extra }))['RecordId'] as number;
  const recordById = async (recordId: number): Promise<Json | undefined> =>
    (await recordsOf(tenant, zoneId)).find((r) => r['RecordId'] === recordId);

  beforeAll(async () => {
    stack = await startStack(store);
    tenant = await freshActor(stack);
    zoneId = (await tenant.pvtz('AddZone', { ZoneName: 'status.example' }))['ZoneId'] as string;
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('disables and enables a record, answering RecordId and Status', async () => {
    const recordId = await add('www', '192.0.2.1');
    expect(await recordById(recordId)).toMatchObject({ Status: 'ENABLE' });

    expect(await tenant.pvtz('SetZoneRecordStatus', { RecordId: recordId, Status: 'DISABLE' })).toMatchObject({
      RecordId: recordId,
      Status: 'DISABLE',
    });
    expect(await recordById(recordId)).toMatchObject({ Status: 'DISABLE', Value: '192.0.2.1' });
    // A disabled record still exists: counted, and still the same record for conflicts.
    expect((await tenant.pvtz('DescribeZoneInfo', { ZoneId: zoneId }))['RecordCount']).toBe(1);
    expect((await failure(add('www', '192.0.2.1'))).code).toBe('Record.Invalid.Conflict');

    await tenant.pvtz('SetZoneRecordStatus', { RecordId: recordId, Status: 'ENABLE', ClientToken: 'status-1' });
    expect(await recordById(recordId)).toMatchObject({ Status: 'ENABLE' });
    // Setting the state it is in again is the same state.
    await tenant.pvtz('SetZoneRecordStatus', { RecordId: recordId, Status: 'ENABLE', ClientToken: 'status-1' });
    expect(await recordById(recordId)).toMatchObject({ Status: 'ENABLE' });
  });

  it('refuses a missing or unknown status and unknown records, changing nothing', async () => {
    const recordId = await add('refused', '192.0.2.2');
    expect((await failure(tenant.pvtz('SetZoneRecordStatus', { RecordId: recordId }))).code).toBe('MissingParam.Status');
    expect((await failure(tenant.pvtz('SetZoneRecordStatus', { RecordId: recordId, Status: 'PAUSED' }))).code).toBe(
      'IllegalParamFormat.Status',
    );
    expect((await failure(tenant.pvtz('SetZoneRecordStatus', { Status: 'DISABLE' }))).code).toBe('MissingParam.RecordId');
    expect((await failure(tenant.pvtz('SetZoneRecordStatus', { RecordId: 'abc', Status: 'DISABLE' }))).code).toBe(
      'IllegalParamFormat.RecordId',
    );
    expect(await failure(tenant.pvtz('SetZoneRecordStatus', { RecordId: 999999999, Status: 'DISABLE' }))).toMatchObject({
      code: 'Record.NotExists',
      status: 400,
    });
    expect(await recordById(recordId)).toMatchObject({ Status: 'ENABLE' });
  });

  it('keeps AddZoneRecord’s Remark, updates and clears it with UpdateRecordRemark', async () => {
    const recordId = await add('noted', '192.0.2.3', { Remark: 'web front, 一号' });
    expect(await recordById(recordId)).toMatchObject({ Remark: 'web front, 一号' });
    expect(await tenant.pvtz('UpdateRecordRemark', { RecordId: recordId, Remark: 'test record' })).toMatchObject({ RecordId: recordId });
    expect(await recordById(recordId)).toMatchObject({ Remark: 'test record' });
    // UpdateZoneRecord replaces the data, not the remark.
    await tenant.pvtz('UpdateZoneRecord', { RecordId: recordId, Rr: 'noted', Type: 'A', Value: '192.0.2.4' });
    expect(await recordById(recordId)).toMatchObject({ Remark: 'test record', Value: '192.0.2.4' });
    await tenant.pvtz('UpdateRecordRemark', { RecordId: recordId });
    expect(await recordById(recordId)).toMatchObject({ Remark: '' });
    expect(await recordById(await add('plain', '192.0.2.5'))).toMatchObject({ Remark: '' });
  });

  it('refuses remarks the cloud refuses (Zone.Remark), before anything is written', async () => {
    const recordId = await add('kept', '192.0.2.6', { Remark: 'kept' });
    const count = (await recordsOf(tenant, zoneId)).length;
    for (const remark of ['x'.repeat(51), 'semi;colon', '<b>', 'tab\there']) {
      expect(await failure(tenant.pvtz('UpdateRecordRemark', { RecordId: recordId, Remark: remark })), remark).toMatchObject({
        code: 'Zone.Remark',
        status: 400,
        message: REMARK_RULE,
      });
      expect((await failure(add('other', '192.0.2.7', { Remark: remark }))).code, remark).toBe('Zone.Remark');
    }
    expect(await recordById(recordId)).toMatchObject({ Remark: 'kept' });
    expect(await recordsOf(tenant, zoneId)).toHaveLength(count);
    // 50 characters, Chinese ones included, are fine.
    await tenant.pvtz('UpdateRecordRemark', { RecordId: recordId, Remark: '备'.repeat(50) });
    expect(await recordById(recordId)).toMatchObject({ Remark: '备'.repeat(50) });
    expect((await failure(tenant.pvtz('UpdateRecordRemark', { RecordId: 999999999, Remark: 'x' }))).code).toBe('Record.NotExists');
  });

  it('lets no other account change a record’s status or remark', async () => {
    const recordId = await add('private', '192.0.2.8');
    const other = await freshActor(stack);
    for (const [action, params] of [
      ['SetZoneRecordStatus', { RecordId: recordId, Status: 'DISABLE' }],
      ['UpdateRecordRemark', { RecordId: recordId, Remark: 'mine' }],
    ] as Array<[string, Json]>) {
      expect((await failure(other.pvtz(action, params))).code, action).toBe('Record.NotExists');
    }
    expect(await recordById(recordId)).toMatchObject({ Status: 'ENABLE', Remark: '' });
  });
});
