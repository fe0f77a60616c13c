import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replicaKinds } from '../../src/replica/role-kinds.js';
import { KINDS } from '../../src/store/types.js';

const API_ONLY = ['accessKey', 'account', 'ipAllocation', 'idempotency', 'userVpcAuthorization', 'vpcAuthorizationCode'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('what a replica holds, by role', () => {
  it('a process serving the API holds every kind', () => {
    expect(replicaKinds(true)).toEqual(KINDS);
  });

  it('a DNS-only process holds no access keys, accounts, IP allocations, idempotency records or VPC authorizations', () => {
    const kinds = replicaKinds(false);
    for (const kind of API_ONLY) expect(kinds).not.toContain(kind);
    expect([...kinds].sort()).toEqual(KINDS.filter((kind) => !API_ONLY.includes(kind)).sort());
  });

  it('nothing a DNS-only process runs reads those kinds (DNS, and the policy index behind /v1)', () => {
    const files = [...sources('src/dns'), 'src/policy/endpoint-policy-index.ts'];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const kind of API_ONLY) expect(text.includes(`'${kind}'`), `${file} mentions '${kind}'`).toBe(false);
    }
  });
});
