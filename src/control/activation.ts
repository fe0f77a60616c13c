import { randomInt } from 'node:crypto';
import { CloudError } from '../errors/catalogue.js';
import type { Account } from '../model/types.js';
import type { Plane } from './plane.js';

/**
 * PrivateLink is opened once per account (OpenPrivateLinkService; CheckProductOpen
 * tells whether it is). As in the cloud, an account creates endpoint services
 * and endpoints only once it has (NeedOpenProduct otherwise:
 * https://api.aliyun.com/api/Privatelink/2020-04-15/CreateVpcEndpointService, and
 * "make sure that you have activated PrivateLink" before creating an endpoint,
 * https://www.alibabacloud.com/help/en/privatelink/user-guide/endpoint-overview/).
 * Opening is free and instant; reading, updating and deleting never need it.
 */

export function isPrivateLinkOpen(account: Account | undefined): boolean {
  return account?.privateLinkOpenedAt !== undefined;
}

/** Refuses a create for an account that has not opened PrivateLink (checked again inside the create's transaction). */
export function requirePrivateLinkOpen(account: Account | undefined): void {
  if (!isPrivateLinkOpen(account)) throw new CloudError('NeedOpenProduct');
}

/** OpenPrivateLinkService: returns the order id; a second call answers OrderOpend. */
export async function openPrivateLink(plane: Plane, uid: string): Promise<string> {
  return plane.write(async (tx) => {
    const account = await tx.get('account', uid);
    // The caller authenticated with a key of this account, so it exists (unless deleted this very moment).
    if (account === undefined) throw new Error(`account ${uid} vanished`);
    if (isPrivateLinkOpen(account)) throw new CloudError('OrderOpend');
    // An account with overdue payment opens nothing new (the metadata lists this code for the action).
    if (account.businessStatus === 'FinancialLocked') throw new CloudError('InvalidAccountStatus.NotEnoughBalance');
    tx.put('account', uid, { ...account, privateLinkOpenedAt: plane.timestamp() });
    // The cloud's order numbers are decimal; plinkd's orders cost nothing and are not kept.
    return String(randomInt(100_000_000, 999_999_999));
  });
}
