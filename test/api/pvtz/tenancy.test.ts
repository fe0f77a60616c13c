import type RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, failure, startStack, type Stack } from '../conveniences/stack.js';
import { addRecord, addZone, newVpc, pvtz } from './pvtz-helpers.js';

type Json = Record<string, unknown>;

/**
 * docs/api.md "Tenancy" for PrivateZone: an account sees and changes only its own
 * zones and records, and binds only its own VPCs. Three accounts: the owner
 * (consumer), another tenant (provider) and a stranger; none can reach the
 * owner's zone, and the answer never tells them it exists.
 */
describe.each(STORES)('PrivateZone tenancy (%s store)', (store) => {
  let stack: Stack;
  let owner: RPCClient;
  let others: Array<[string, RPCClient]>;
  let zoneId: string;
  let recordId: number;
  let ownerVpc: string;

  beforeAll(async () => {
    stack = await startStack(store);
    owner = stack.client('consumer', 'pvtz');
    others = [
      ['provider', stack.client('provider', 'pvtz')],
      ['stranger', stack.client('stranger', 'pvtz')],
    ];
    zoneId = await addZone(owner, 'tenant.example');
    recordId = await addRecord(owner, zoneId, 'www', 'A', '192.0.2.1');
    ownerVpc = await newVpc(stack.client('consumer', 'vpc'), 71);
    await pvtz(owner, 'BindZoneVpc', { ZoneId: zoneId, 'Vpcs.1.VpcId': ownerVpc });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('hides the zone and its records from every other account', async () => {
    for (const [name, client] of others) {
      const listed = await pvtz(client, 'DescribeZones', { Keyword: 'tenant.example' });
      expect(listed['TotalItems'], name).toBe(0);
      expect((await pvtz(client, 'DescribeZones', { QueryVpcId: ownerVpc }))['TotalItems'], name).toBe(0);
      for (const [action, params] of [
        ['DescribeZoneInfo', { ZoneId: zoneId }],
        ['DescribeZoneRecords', { ZoneId: zoneId }],
        ['DeleteZone', { ZoneId: zoneId }],
        ['BindZoneVpc', { ZoneId: zoneId }],
        ['AddZoneRecord', { ZoneId: zoneId, Rr: 'evil', Type: 'A', Value: '192.0.2.66' }],
      ] as Array<[string, Json]>) {
        expect(await failure(pvtz(client, action, params)), `${name} ${action}`).toMatchObject({ code: 'Zone.NotExists', status: 400 });
      }
      for (const [action, params] of [
        ['UpdateZoneRecord', { RecordId: recordId, Rr: 'www', Type: 'A', Value: '192.0.2.66' }],
        ['DeleteZoneRecord', { RecordId: recordId }],
      ] as Array<[string, Json]>) {
        expect(await failure(pvtz(client, action, params)), `${name} ${action}`).toMatchObject({ code: 'Record.NotExists', status: 400 });
      }
    }
    // Nothing the others tried changed the zone.
    const info = await pvtz(owner, 'DescribeZoneInfo', { ZoneId: zoneId });
    expect(info).toMatchObject({ RecordCount: 1, BindVpcs: { Vpc: [expect.objectContaining({ VpcId: ownerVpc })] } });
    const records = (await pvtz(owner, 'DescribeZoneRecords', { ZoneId: zoneId }))['Records'] as { Record: Json[] };
    expect(records.Record.map((r) => [r['Rr'], r['Value']])).toEqual([['www', '192.0.2.1']]);
  });

  it('refuses binding another account’s VPC to one’s own zone', async () => {
    for (const [name, client] of others) {
      const own = await addZone(client, `${name}.example`);
      expect(await failure(pvtz(client, 'BindZoneVpc', { ZoneId: own, 'Vpcs.1.VpcId': ownerVpc })), name).toMatchObject({
        code: 'ZoneVpc.NotExists.VpcId',
      });
      expect((await pvtz(client, 'DescribeZoneInfo', { ZoneId: own }))['BindVpcs']).toEqual({ Vpc: [] });
    }
  });

  it('lets each account have a zone of the same name, listed only to itself', async () => {
    for (const [name, client] of others) {
      const own = await addZone(client, 'tenant.example');
      const listed = await pvtz(client, 'DescribeZones', { Keyword: 'tenant.example', SearchMode: 'EXACT' });
      expect(
        (listed['Zones'] as { Zone: Json[] }).Zone.map((z) => z['ZoneId']),
        name,
      ).toEqual([own]);
    }
    expect((await pvtz(owner, 'DescribeZones', { Keyword: 'tenant.example', SearchMode: 'EXACT' }))['TotalItems']).toBe(1);
  });
});
