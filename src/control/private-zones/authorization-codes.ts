import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { CloudError } from '../../errors/catalogue.js';
import type { VpcAuthorizationCode } from '../../model/types.js';
import type { Transaction } from '../../store/types.js';
import type { Plane } from '../plane.js';

/**
 * The code that carries a VPC owner's consent to a cross-account binding. In the cloud the
 * zone owner asks for it, it is emailed to the VPC owner, who passes it on; the zone owner
 * then calls AddUserVpcAuthorization with it (https://www.alibabacloud.com/help/en/dns/api-pvtz-2018-01-01-adduservpcauthorization:
 * "An API is not provided to send verification codes"). plinkd sends no mail: the VPC owner
 * asks for the code itself (operator product, CreateVpcAuthorizationCode), naming the zone
 * owner it is for — the same consent, given directly.
 *
 * A code is 8 characters of [0-9a-z] (36^8 ≈ 2.8·10^12, out of reach of guessing through
 * the API), valid for 30 minutes, used once; only its SHA-256 is stored, and a new code for
 * the same pair replaces the old one.
 */
export const AUTH_CODE_TTL_MS = 30 * 60 * 1000;
const CODE_LENGTH = 8;
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function authorizationCodeId(vpcOwnerUid: string, zoneOwnerId: string): string {
  return `${vpcOwnerUid}:${zoneOwnerId}`;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The other account named by a cross-account call: it must exist and not be the caller (IllegalUser). */
export function otherAccount(plane: Plane, uid: string, otherUid: string): void {
  if (otherUid === uid || plane.replica.get('account', otherUid) === undefined) throw new CloudError('IllegalUser');
}

/** Issues a code the zone owner `zoneOwnerId` may use once to be authorised for `vpcOwnerUid`'s VPCs. */
export async function issueAuthorizationCode(
  plane: Plane,
  vpcOwnerUid: string,
  zoneOwnerId: string,
): Promise<{ authCode: string; expiresAt: string }> {
  otherAccount(plane, vpcOwnerUid, zoneOwnerId);
  let authCode = '';
  for (let i = 0; i < CODE_LENGTH; i++) authCode += ALPHABET[randomInt(ALPHABET.length)];
  const expiresAt = new Date(plane.now() + AUTH_CODE_TTL_MS).toISOString();
  const doc: VpcAuthorizationCode = { uid: vpcOwnerUid, zoneOwnerId, codeSha256: sha256(authCode).toString('hex'), expiresAt };
  await plane.write(async (tx) => {
    tx.put('vpcAuthorizationCode', authorizationCodeId(vpcOwnerUid, zoneOwnerId), doc);
  });
  return { authCode, expiresAt };
}

/** True when `authCode` is the live code `doc` stands for (compared in constant time). */
function matches(plane: Plane, doc: VpcAuthorizationCode | undefined, authCode: string): boolean {
  if (doc === undefined || Date.parse(doc.expiresAt) <= plane.now()) return false;
  return timingSafeEqual(sha256(authCode), Buffer.from(doc.codeSha256, 'hex'));
}

const invalidCode = (): CloudError =>
  new CloudError('InvalidParameter', { detail: 'The specified value parameter is not valid: AuthCode is wrong, expired or used.' });

/** Checks the code against the replica (before any write). */
export function checkAuthorizationCode(plane: Plane, vpcOwnerUid: string, zoneOwnerId: string, authCode: string): void {
  const doc = plane.replica.get('vpcAuthorizationCode', authorizationCodeId(vpcOwnerUid, zoneOwnerId));
  if (!matches(plane, doc, authCode)) throw invalidCode();
}

/** Inside the transaction: checks the code as the store has it and spends it. */
export async function spendAuthorizationCode(
  plane: Plane,
  tx: Transaction,
  vpcOwnerUid: string,
  zoneOwnerId: string,
  authCode: string,
): Promise<void> {
  const id = authorizationCodeId(vpcOwnerUid, zoneOwnerId);
  if (!matches(plane, await tx.get('vpcAuthorizationCode', id), authCode)) throw invalidCode();
  tx.delete('vpcAuthorizationCode', id);
}
