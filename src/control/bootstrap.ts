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

/**
 * Without configured keys, the first start creates one operator account and
 * returns its key so it can be printed once; later starts find it and return
 * undefined (the secret is never shown again).
 */
export async function ensureDefaultOperator(plane: Plane): Promise<BootstrapKey | undefined> {
  for (const account of plane.replica.values('account')) if (account.operator) return undefined;
  const uid = newUid();
  const { accessKeyId, secret } = newAccessKeyPair();
  const created = await plane.write(async (tx) => {
    const timestamp = plane.timestamp();
    tx.put('account', uid, { uid, operator: true, businessStatus: 'Normal', createdAt: timestamp });
    tx.put('accessKey', accessKeyId, { accessKeyId, uid, secret, createdAt: timestamp });
    return true;
  });
  return created ? { uid, accessKeyId, secret, operator: true } : undefined;
}
