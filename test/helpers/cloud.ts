import RPCClient from '@alicloud/pop-core';

/** Three accounts every tenancy test uses: the service provider, a consumer, and a stranger. */
export const ACCOUNTS = {
  operator: { uid: '1000000000000000', accessKeyId: 'LTAIoperator0000', secret: 'operator-secret-0000', operator: true },
  provider: { uid: '1111111111111111', accessKeyId: 'LTAIprovider1111', secret: 'provider-secret-1111', operator: false },
  consumer: { uid: '2222222222222222', accessKeyId: 'LTAIconsumer2222', secret: 'consumer-secret-2222', operator: false },
  stranger: { uid: '3333333333333333', accessKeyId: 'LTAIstranger3333', secret: 'stranger-secret-3333', operator: false },
} as const;

export type AccountName = keyof typeof ACCOUNTS;

/** The PLINKD_ACCESS_KEYS value that creates ACCOUNTS. */
export const ACCESS_KEYS = Object.values(ACCOUNTS)
  .map((a) => `${a.uid}:${a.accessKeyId}:${a.secret}${a.operator ? ':operator' : ''}`)
  .join(',');

export const VERSIONS = {
  privatelink: '2020-04-15',
  vpc: '2016-04-28',
  pvtz: '2018-01-01',
  operator: '2026-11-25',
} as const;

export type Product = keyof typeof VERSIONS;

/** The cloud's own generic RPC client, pointed at plinkd (docs/api.md). */
export function cloudClient(apiUrl: string, account: AccountName, product: Product): RPCClient {
  const { accessKeyId, secret } = ACCOUNTS[account];
  return new RPCClient({ endpoint: apiUrl, apiVersion: VERSIONS[product], accessKeyId, accessKeySecret: secret });
}

/** Error thrown by pop-core for a Code in the body. */
export interface CloudError {
  code: string;
  data: { Code: string; Message: string; RequestId: string; HostId: string; Recommend: string };
}

/** Calls and returns the error's Code, failing the test if the call succeeded. */
export async function errorCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    const code = (err as Partial<CloudError>).code;
    if (typeof code === 'string') return code;
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
