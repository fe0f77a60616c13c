import RPCClient from '@alicloud/pop-core';
import { VERSIONS } from '../../helpers/cloud.js';
import { call, type Stack } from '../conveniences/stack.js';

type Json = Record<string, unknown>;

/** A PrivateZone call: the product is global, so no RegionId is sent (https://api.aliyun.com/product/pvtz). */
export async function pvtz(client: RPCClient, action: string, params: Json = {}): Promise<Json> {
  const merged: Json = { ...params };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return client.request<Json>(action, merged, { method: 'POST' });
}

export interface PvtzTenant {
  uid: string;
  vpc: RPCClient;
  pvtz: RPCClient;
}

/** A new account with its own key: a clean slate for counting and paging tests. */
export async function freshTenant(stack: Stack): Promise<PvtzTenant> {
  const operator = stack.client('operator', 'operator');
  const { AccountId } = (await call(operator, 'CreateAccount')) as { AccountId: string };
  const key = (await call(operator, 'CreateAccessKey', { AccountId })) as { AccessKeyId: string; AccessKeySecret: string };
  const make = (version: string): RPCClient =>
    new RPCClient({
      endpoint: stack.plinkd.apiUrl,
      apiVersion: version,
      accessKeyId: key.AccessKeyId,
      accessKeySecret: key.AccessKeySecret,
    });
  return { uid: AccountId, vpc: make(VERSIONS.vpc), pvtz: make(VERSIONS.pvtz) };
}

export async function newVpc(client: RPCClient, second: number): Promise<string> {
  return ((await call(client, 'CreateVpc', { CidrBlock: `10.${second}.0.0/16` })) as { VpcId: string }).VpcId;
}

export async function addZone(client: RPCClient, zoneName: string): Promise<string> {
  return ((await pvtz(client, 'AddZone', { ZoneName: zoneName })) as { ZoneId: string }).ZoneId;
}

export async function addRecord(
  client: RPCClient,
  zoneId: string,
  rr: string,
  type: string,
  value: string,
  extra: Json = {},
): Promise<number> {
  return ((await pvtz(client, 'AddZoneRecord', { ZoneId: zoneId, Rr: rr, Type: type, Value: value, ...extra })) as { RecordId: number })
    .RecordId;
}
