import { newAccessKeyPair, newUid } from '../model/ids.js';
import type { AccessKey, Account } from '../model/types.js';
import type { Plane } from './plane.js';

export interface BootstrapKey {
  uid: string;
  accessKeyId: string;
  secret: string;
  operator: boolean;
}

/** `<uid>:<accessKeyId>:<accessKeySecret>[:operator]`, comma-separated (docs/api.md "Bootstrap"). */
export function parseBootstrapKeys(text: string): BootstrapKey[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const parts = entry.split(':');
      const [uid = '', accessKeyId = '', secret = '', flag] = parts;
      const where = `access key entry ${index + 1}`;
      if (parts.length < 3 || parts.length > 4) throw new Error(`${where}: expected <uid>:<accessKeyId>:<secret>[:operator]`);
      if (!/^\d{16}$/.test(uid)) throw new Error(`${where}: uid must be 16 digits`);
      if (!/^[A-Za-z0-9]{8,64}$/.test(accessKeyId)) throw new Error(`${where}: AccessKeyId must be 8-64 letters or digits`);
      if (secret.length < 8) throw new Error(`${where}: the secret must have at least 8 characters`);
      if (flag !== undefined && flag !== 'operator') throw new Error(`${where}: the fourth field may only be 'operator'`);
      return { uid, accessKeyId, secret, operator: flag === 'operator' };
    });
}

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
