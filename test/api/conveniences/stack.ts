import RPCClient from '@alicloud/pop-core';
import { ACCESS_KEYS, VERSIONS, cloudClient, type AccountName, type Product } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdOptions, type PlinkdProcess } from '../../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { REGION } from '../../helpers/scenario.js';

/**
 * A real plinkd process on one store — the embedded memory store or a real
 * redis-server — for the describe.each over both that every test file here runs.
 */
export type StoreName = 'memory' | 'redis';
export const STORES: readonly StoreName[] = ['memory', 'redis'];

type Json = Record<string, unknown>;

export interface Stack {
  plinkd: PlinkdProcess;
  /** The redis-server behind it (redis store only). */
  redis: RedisServer | undefined;
  client(account: AccountName, product: Product): RPCClient;
  stop(): Promise<void>;
}

export async function startStack(store: StoreName, options: PlinkdOptions = {}): Promise<Stack> {
  let redis: RedisServer | undefined;
  if (store === 'redis') redis = await startRedis();
  const plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, ...options, store: redis?.url ?? 'memory' });
  return {
    plinkd,
    redis,
    client: (account, product) => cloudClient(plinkd.apiUrl, account, product),
    async stop() {
      await plinkd.stop();
      await redis?.destroy();
    },
  };
}

/** Calls with the region filled in (callers may override it, or drop it with `RegionId: undefined`). */
export async function call(client: RPCClient, action: string, params: Json = {}, method: 'GET' | 'POST' = 'POST'): Promise<Json> {
  const merged: Json = { RegionId: REGION, ...params };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return client.request<Json>(action, merged, { method });
}

export interface CallError {
  code: string;
  status: number;
  message: string;
}

/** The error a call ends with (Code, HTTP status, Message); fails the test if it succeeded. */
export async function failure(pending: Promise<unknown>): Promise<CallError> {
  try {
    await pending;
  } catch (err) {
    const e = err as { code?: unknown; data?: { Message?: unknown }; entry?: { response?: { statusCode?: unknown } } };
    if (typeof e.code === 'string') {
      return { code: e.code, status: Number(e.entry?.response?.statusCode), message: String(e.data?.Message ?? '') };
    }
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export interface FreshAccount {
  uid: string;
  vpc: RPCClient;
  privatelink: RPCClient;
  operator: RPCClient;
}

/**
 * A new account with its own key (operator CreateAccount + CreateAccessKey): a clean slate for counting tests.
 * It opens PrivateLink unless `openPrivateLink` is false (a new account of the cloud has not).
 */
export async function freshAccount(stack: Stack, openPrivateLink = true): Promise<FreshAccount> {
  const operator = stack.client('operator', 'operator');
  const { AccountId } = (await call(operator, 'CreateAccount')) as { AccountId: string };
  const key = (await call(operator, 'CreateAccessKey', { AccountId })) as { AccessKeyId: string; AccessKeySecret: string };
  const make = (product: Product): RPCClient =>
    new RPCClient({
      endpoint: stack.plinkd.apiUrl,
      apiVersion: VERSIONS[product],
      accessKeyId: key.AccessKeyId,
      accessKeySecret: key.AccessKeySecret,
    });
  const account = { uid: AccountId, vpc: make('vpc'), privatelink: make('privatelink'), operator: make('operator') };
  if (openPrivateLink) await account.privatelink.request('OpenPrivateLinkService', {}, { method: 'POST' });
  return account;
}

/** Every item of a paged PrivateLink-style list, following NextToken; also returns the page sizes seen. */
export async function allPages(
  read: (nextToken: string | undefined) => Promise<Json>,
  listField: string,
): Promise<{ items: Json[]; pages: number[] }> {
  const items: Json[] = [];
  const pages: number[] = [];
  let nextToken: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await read(nextToken);
    const list = page[listField] as Json[];
    items.push(...list);
    pages.push(list.length);
    const next = page['NextToken'];
    if (typeof next !== 'string' || next === '') return { items, pages };
    nextToken = next;
  }
  throw new Error('paging did not end within 100 pages');
}
