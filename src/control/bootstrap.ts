import { newAccessKeyPair, newUid } from '../model/ids.js';
import type { AccessKey, Account } from '../model/types.js';
import type { BootstrapKey } from '../model/access-keys.js';
import type { Plane } from './plane.js';

/** Creates the configured accounts and keys that are missing; the configuration wins over stored secrets. */
export async function ensureBootstrapKeys(plane: Plane, keys: readonly BootstrapKey[]): Promise<void> {
  await plane.write(async (tx) => {
    for (const key of keys) {
      const account = await tx.get('account', key.uid);
      const wanted: Account = {
        ...account,
        uid: key.uid,
        operator: key.operator || (account?.operator ?? false),
        businessStatus: account?.businessStatus ?? 'Normal',
        createdAt: account?.createdAt ?? plane.timestamp(),
      };
      tx.put('account', key.uid, wanted);
      const existing = await tx.get('accessKey', key.accessKeyId);
      const accessKey: AccessKey = {
        accessKeyId: key.accessKeyId,
        uid: key.uid,
        secret: key.secret,
        createdAt: existing?.createdAt ?? plane.timestamp(),
      };
      tx.put('accessKey', key.accessKeyId, accessKey);
    }
  });
}

/** Whether an operator account exists: the first start without configured keys creates one. */
export function hasOperatorAccount(plane: Plane): boolean {
  for (const account of plane.replica.values('account')) if (account.operator) return true;
  return false;
}

export function newOperatorKey(): BootstrapKey {
  return { uid: newUid(), ...newAccessKeyPair(), operator: true };
}

/** Creates the operator account and its key (see src/control/generated-credentials.ts). */
export async function createOperator(plane: Plane, key: BootstrapKey): Promise<void> {
  await plane.write(async (tx) => {
    const timestamp = plane.timestamp();
    tx.put('account', key.uid, { uid: key.uid, operator: true, businessStatus: 'Normal', createdAt: timestamp });
    tx.put('accessKey', key.accessKeyId, { accessKeyId: key.accessKeyId, uid: key.uid, secret: key.secret, createdAt: timestamp });
  });
}
