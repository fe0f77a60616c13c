import RPCClient from '@alicloud/pop-core';
import { ACCOUNTS, VERSIONS, type AccountName, type Product } from './cloud.js';
import { REGION } from './scenario.js';

/**
 * A client-agnostic way to call plinkd's cloud API from tests: flat RPC
 * parameters in (`Tag.1.Key`, `RouteTableIds.2`, as on the wire), the response
 * body out, and every refusal as one ApiCallError (Code, HTTP status,
 * Message), whatever client sent the call. `popCoreCaller` sends through
 * `@alicloud/pop-core`; `sdkCaller` (test/helpers/api-clients.ts) through the
 * official SDK's generic `callApi`, so the same test flows run with either client.
 */

export type Json = Record<string, unknown>;

export interface Credentials {
  accessKeyId: string;
  secret: string;
  /** The account id (uid), for tests that compare owners. */
  uid: string;
}

export interface ApiCaller {
  readonly uid: string;
  /**
   * Calls `action` of `product`. RegionId defaults to the test region for the
   * regional products (pass `RegionId: undefined` to send none); parameters
   * whose value is undefined are not sent.
   */
  call(product: Product, action: string, params?: Json): Promise<Json>;
}

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    /** The Message of the error body. */
    readonly cloudMessage: string,
  ) {
    super(`${code} (${status}): ${cloudMessage}`);
    this.name = 'ApiCallError';
  }
}

/** The parameters as sent: the region filled in where the product takes one, undefined values left out. */
export function wireParams(product: Product, params: Json): Json {
  const regional = product === 'vpc' || product === 'privatelink';
  const merged: Json = regional ? { RegionId: REGION, ...params } : { ...params };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged;
}

/** pop-core's generic RPC client; `formatParams: false` keeps parameter names exactly as given. */
export function popCoreCaller(apiUrl: string, credentials: Credentials): ApiCaller {
  const clients = new Map<Product, RPCClient>();
  const clientFor = (product: Product): RPCClient => {
    let client = clients.get(product);
    if (client === undefined) {
      client = new RPCClient({
        endpoint: apiUrl,
        apiVersion: VERSIONS[product],
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.secret,
      });
      clients.set(product, client);
    }
    return client;
  };
  return {
    uid: credentials.uid,
    async call(product, action, params = {}) {
      try {
        return await clientFor(product).request<Json>(action, wireParams(product, params), {
          method: 'POST',
          formatParams: false,
          timeout: 20_000,
        });
      } catch (err) {
        const e = err as { code?: unknown; data?: { Message?: unknown }; entry?: { response?: { statusCode?: unknown } } };
        if (typeof e.code !== 'string') throw err;
        throw new ApiCallError(e.code, Number(e.entry?.response?.statusCode), String(e.data?.Message ?? ''));
      }
    },
  };
}

/** A caller for one of the fixed test accounts (test/helpers/cloud.ts). */
export function accountCaller(apiUrl: string, account: AccountName): ApiCaller {
  const { accessKeyId, secret, uid } = ACCOUNTS[account];
  return popCoreCaller(apiUrl, { accessKeyId, secret, uid });
}

export interface FreshCallerOptions {
  /** Builds the caller for the new credentials (pop-core by default). */
  make?: (credentials: Credentials) => ApiCaller;
  /** OpenPrivateLinkService for the new account (default true; a new account of the cloud has not). */
  openPrivateLink?: boolean;
}

/** A new account with its own key, made by the operator (CreateAccount + CreateAccessKey). */
export async function freshCaller(apiUrl: string, options: FreshCallerOptions = {}): Promise<ApiCaller> {
  const operator = accountCaller(apiUrl, 'operator');
  const { AccountId } = (await operator.call('operator', 'CreateAccount')) as { AccountId: string };
  const key = (await operator.call('operator', 'CreateAccessKey', { AccountId })) as { AccessKeyId: string; AccessKeySecret: string };
  const credentials = { accessKeyId: key.AccessKeyId, secret: key.AccessKeySecret, uid: AccountId };
  const caller = options.make?.(credentials) ?? popCoreCaller(apiUrl, credentials);
  if (options.openPrivateLink !== false) await caller.call('privatelink', 'OpenPrivateLinkService', { RegionId: undefined });
  return caller;
}

/** The refusal a call ends with; fails the test if the call succeeded. */
export async function failure(pending: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await pending;
  } catch (err) {
    if (err instanceof ApiCallError) return { code: err.code, status: err.status, message: err.cloudMessage };
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
