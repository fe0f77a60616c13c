/** A configured (or generated) account key: `<uid>:<accessKeyId>:<secret>[:operator]`. */
export interface BootstrapKey {
  uid: string;
  accessKeyId: string;
  secret: string;
  operator: boolean;
}

/**
 * `--access-keys`: `<uid>:<accessKeyId>:<accessKeySecret>[:operator]`, comma-separated
 * (docs/api.md "Bootstrap"). One AccessKeyId belongs to one account with one secret:
 * an id listed twice with another secret or account is refused, not resolved by "the
 * last wins"; the same entry twice is kept once.
 */
export function parseBootstrapKeys(text: string): BootstrapKey[] {
  const keys = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const parts = entry.split(':');
      const [uid = '', accessKeyId = '', secret = '', flag] = parts;
      const where = `entry ${index + 1}`;
      if (parts.length < 3 || parts.length > 4) throw new Error(`${where}: expected <uid>:<accessKeyId>:<secret>[:operator]`);
      if (!/^\d{16}$/.test(uid)) throw new Error(`${where}: uid must be 16 digits`);
      if (!/^[A-Za-z0-9]{8,64}$/.test(accessKeyId)) throw new Error(`${where}: AccessKeyId must be 8-64 letters or digits`);
      if (secret.length < 8) throw new Error(`${where}: the secret must have at least 8 characters`);
      if (flag !== undefined && flag !== 'operator') throw new Error(`${where}: the fourth field may only be 'operator'`);
      return { uid, accessKeyId, secret, operator: flag === 'operator' };
    });
  if (keys.length === 0) throw new Error('expected at least one <uid>:<accessKeyId>:<secret>[:operator]');
  const seen = new Map<string, number>();
  const unique: BootstrapKey[] = [];
  for (const [index, key] of keys.entries()) {
    const first = seen.get(key.accessKeyId);
    if (first === undefined) {
      seen.set(key.accessKeyId, index);
      unique.push(key);
      continue;
    }
    const earlier = keys[first]!;
    if (earlier.uid !== key.uid || earlier.secret !== key.secret || earlier.operator !== key.operator)
      throw new Error(
        `AccessKeyId ${key.accessKeyId} is given twice, differently (entries ${first + 1} and ${index + 1}); give each key once`,
      );
  }
  return unique;
}
