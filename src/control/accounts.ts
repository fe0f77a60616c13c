import { CloudError } from '../errors/catalogue.js';
import { newAccessKeyPair, newUid } from '../model/ids.js';
import type { AccessKey, Account } from '../model/types.js';
import type { Plane } from './plane.js';

/**
 * Operator actions on accounts and their AccessKeys (docs/api.md). A secret leaves
 * plinkd exactly once, in the CreateAccessKey response; it is stored because
 * HMAC verification needs it, and never logged or returned again.
 */

/** RAM allows two AccessKeys per identity (LimitExceeded.User.AccessKey beyond). */
export const MAX_ACCESS_KEYS_PER_ACCOUNT = 2;

export async function createAccount(plane: Plane): Promise<Account> {
  return plane.write(async (tx) => {
    // A fresh random uid; reading it first turns the (unlikely) collision into a retry.
    let uid = newUid();
    while ((await tx.get('account', uid)) !== undefined) uid = newUid();
    const account: Account = { uid, operator: false, businessStatus: 'Normal', createdAt: plane.timestamp() };
    tx.put('account', uid, account);
    return account;
  });
}

export interface CreatedAccessKey {
  accessKeyId: string;
  /** Returned once to the caller; nowhere else. */
  secret: string;
}

export async function createAccessKey(plane: Plane, uid: string): Promise<CreatedAccessKey> {
  if (plane.replica.get('account', uid) === undefined) throw new CloudError('EntityNotExist.User');
  if (plane.replica.ownedBy('accessKey', uid).length >= MAX_ACCESS_KEYS_PER_ACCOUNT) throw new CloudError('LimitExceeded.User.AccessKey');
  const pair = newAccessKeyPair();
  await plane.write(async (tx) => {
    const account = await tx.get('account', uid);
    if (account === undefined) throw new CloudError('EntityNotExist.User');
    // Count in the store: the account's own list (which a concurrent creation
    // also rewrites, so one of two racing calls conflicts and counts again)
    // plus bootstrap keys, which only the replica knows.
    const ids = new Set([...(account.accessKeyIds ?? []), ...plane.replica.ownedBy('accessKey', uid).map((k) => k.accessKeyId)]);
    let count = 0;
    for (const id of ids) if ((await tx.get('accessKey', id)) !== undefined) count += 1;
    if (count >= MAX_ACCESS_KEYS_PER_ACCOUNT) throw new CloudError('LimitExceeded.User.AccessKey');
    const accessKey: AccessKey = { accessKeyId: pair.accessKeyId, uid, secret: pair.secret, createdAt: plane.timestamp() };
    tx.put('accessKey', pair.accessKeyId, accessKey);
    tx.put('account', uid, { ...account, accessKeyIds: [...(account.accessKeyIds ?? []), pair.accessKeyId] });
  });
  return pair;
}

export async function deleteAccessKey(plane: Plane, accessKeyId: string): Promise<void> {
  if (plane.replica.get('accessKey', accessKeyId) === undefined) throw new CloudError('EntityNotExist.User.AccessKey');
  await plane.write(async (tx) => {
    const key = await tx.get('accessKey', accessKeyId);
    if (key === undefined) throw new CloudError('EntityNotExist.User.AccessKey');
    tx.delete('accessKey', accessKeyId);
    const account = await tx.get('account', key.uid);
    if (account?.accessKeyIds !== undefined)
      tx.put('account', key.uid, { ...account, accessKeyIds: account.accessKeyIds.filter((id) => id !== accessKeyId) });
  });
}
