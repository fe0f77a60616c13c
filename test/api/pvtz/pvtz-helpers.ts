import RPCClient from '@alicloud/pop-core';
import { ACCOUNTS, VERSIONS, type AccountName } from '../../helpers/cloud.js';
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

/**
 * What a flow needs of an account: its id and a way to call each product. Flows take
 * actors rather than clients, so they run unchanged over any client that can build one
 * (pop-core here; the official SDKs through an adapter).
 */
export interface PvtzActor {
  uid: string;
  pvtz(action: string, params?: Json): Promise<Json>;
  /** VPC 2016-04-28 calls, RegionId filled in. */
  vpc(action: string, params?: Json): Promise<Json>;
  /** Operator-product calls made with this account's own key. */
  operator(action: string, params?: Json): Promise<Json>;
}

function popCoreActor(uid: string, clients: { pvtz: RPCClient; vpc: RPCClient; operator: RPCClient }): PvtzActor {
  return {
    uid,
    pvtz: (action, params) => pvtz(clients.pvtz, action, params),
    vpc: (action, params) => call(clients.vpc, action, params),
    operator: (action, params) => call(clients.operator, action, { RegionId: undefined, ...params }),
  };
}

/** One of the fixed accounts (test/helpers/cloud.ts) of a stack, or of any API process. */
export function actorOf(stack: Pick<Stack, 'client'>, account: AccountName): PvtzActor {
  return popCoreActor(ACCOUNTS[account].uid, {
    pvtz: stack.client(account, 'pvtz'),
    vpc: stack.client(account, 'vpc'),
    operator: stack.client(account, 'operator'),
  });
}

/** A new account with its own key, as an actor. */
export async function freshActor(stack: Stack): Promise<PvtzActor> {
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
  return popCoreActor(AccountId, { pvtz: make(VERSIONS.pvtz), vpc: make(VERSIONS.vpc), operator: make(VERSIONS.operator) });
}

/** The records of a zone, as DescribeZoneRecords lists them (one page of 100). */
export async function recordsOf(actor: PvtzActor, zoneId: string, extra: Json = {}): Promise<Json[]> {
  return ((await actor.pvtz('DescribeZoneRecords', { ZoneId: zoneId, PageSize: 100, ...extra }))['Records'] as { Record: Json[] }).Record;
}
