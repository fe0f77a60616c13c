import { ACCESS_KEYS, ACCOUNTS, type AccountName } from './cloud.js';
import {
  ApiCallError,
  freshCaller,
  popCoreCaller,
  wireParams,
  type ApiCaller,
  type Credentials,
  type FreshCallerOptions,
} from './api-call.js';
import { callRpc, officialClient, startSdkStack, type SdkTarget } from './official-sdk.js';
import { startPlinkd, type PlinkdOptions, type PlinkdProcess } from './plinkd.js';
import { startRedis, type RedisServer } from './redis.js';

/**
 * The clients the same test flows run with (test/helpers/api-call.ts ApiCaller): pop-core, and
 * today's official SDK (@alicloud/openapi-core's callApi over HTTPS, signature V3, as the
 * generated clients call). `startCallerStack` gives a plinkd and callers of one kind.
 */
export type ClientKind = 'pop-core' | 'official SDK';

/** Both clients on the memory store. */
export const CLIENT_KINDS: readonly ClientKind[] = ['pop-core', 'official SDK'];

/** What the flows run on: pop-core on both stores, the official SDK on the memory store. */
export const CLIENT_MATRIX: ReadonlyArray<{ kind: ClientKind; store: 'memory' | 'redis' }> = [
  { kind: 'pop-core', store: 'memory' },
  { kind: 'pop-core', store: 'redis' },
  { kind: 'official SDK', store: 'memory' },
];

/** The official SDK's generic client as an ApiCaller; its typed errors become ApiCallErrors. */
export function sdkCaller(target: SdkTarget, credentials: Credentials): ApiCaller {
  const client = officialClient(target, 'operator', { keys: { accessKeyId: credentials.accessKeyId, secret: credentials.secret } });
  return {
    uid: credentials.uid,
    async call(product, action, params = {}) {
      try {
        return await callRpc(client, product, action, { query: wireParams(product, params) });
      } catch (err) {
        const e = err as { code?: unknown; statusCode?: unknown; data?: { Message?: unknown } };
        if (typeof e.code !== 'string' || typeof e.statusCode !== 'number') throw err;
        throw new ApiCallError(e.code, e.statusCode, String(e.data?.Message ?? ''));
      }
    },
  };
}

export interface CallerStack {
  kind: ClientKind;
  plinkd: PlinkdProcess;
  /** A caller of this kind for one of the fixed accounts (test/helpers/cloud.ts). */
  account(name: AccountName): ApiCaller;
  /** A caller of this kind for a new account (opened for PrivateLink unless told otherwise). */
  fresh(options?: Omit<FreshCallerOptions, 'make'>): Promise<ApiCaller>;
  stop(): Promise<void>;
}

/**
 * plinkd with the fixed accounts, and callers of `kind`: pop-core over HTTP on the memory or a
 * Redis store; the official SDK over HTTPS (test CA) on the memory store.
 */
export async function startCallerStack(
  kind: ClientKind,
  store: 'memory' | 'redis' = 'memory',
  options: PlinkdOptions = {},
): Promise<CallerStack> {
  if (kind === 'official SDK') {
    const sdk = await startSdkStack(options);
    const make = (c: Credentials): ApiCaller => sdkCaller(sdk.target, c);
    return {
      kind,
      plinkd: sdk.plinkd,
      account: (name) => make(credentialsOf(name)),
      fresh: (fresh) => freshCaller(sdk.plinkd.apiUrl, { ...fresh, make }),
      stop: () => sdk.stop(),
    };
  }
  let redis: RedisServer | undefined;
  if (store === 'redis') redis = await startRedis();
  const plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, ...options, store: redis?.url ?? 'memory' });
  return {
    kind,
    plinkd,
    account: (name) => popCoreCaller(plinkd.apiUrl, credentialsOf(name)),
    fresh: (fresh) => freshCaller(plinkd.apiUrl, fresh),
    async stop() {
      await plinkd.stop();
      await redis?.destroy();
    },
  };
}

function credentialsOf(name: AccountName): Credentials {
  const { accessKeyId, secret, uid } = ACCOUNTS[name];
  return { accessKeyId, secret, uid };
}
