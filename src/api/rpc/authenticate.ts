import type { AccessKey, Account } from '../../model/types.js';
import type { Caller } from './action.js';
import { CloudError } from '../../errors/catalogue.js';
import type { RpcRequest } from './rpc-request.js';
import { readV1Claim } from './claim-v1.js';
import { readV3Claim } from './claim-v3.js';

/** Requests outside ±15 minutes of our clock are refused (docs/design/signatures.md). */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

export interface CredentialSource {
  findAccessKey(accessKeyId: string): AccessKey | undefined;
  findAccount(uid: string): Account | undefined;
  /** True when the nonce was not seen before within the window (replay protection). */
  claimNonce(accessKeyId: string, nonce: string): Promise<boolean>;
  now(): number;
}

/**
 * Checks the signature, v1 or V3, in an order that never reveals whether a secret
 * matched before the MAC comparison: format checks, then the key, then the signature
 * (constant time), and only then the nonce — so a stranger cannot burn someone else's nonces.
 */
export async function authenticate(request: RpcRequest, source: CredentialSource): Promise<Caller> {
  const claim =
    request.signing.protocol === 'v3' ? readV3Claim(request.method, request.signing) : readV1Claim(request.method, request.params);
  if (Math.abs(source.now() - claim.signedAt) > TIMESTAMP_WINDOW_MS) throw new CloudError('InvalidTimeStamp.Expired');

  const key = source.findAccessKey(claim.accessKeyId);
  const account = key === undefined ? undefined : source.findAccount(key.uid);
  if (key === undefined || account === undefined) throw new CloudError('InvalidAccessKeyId.NotFound');
  if (!claim.matches(key.secret)) throw new CloudError('SignatureDoesNotMatch', { detail: claim.serverStringToSign });
  if (!(await source.claimNonce(claim.accessKeyId, claim.nonce))) throw new CloudError('SignatureNonceUsed');
  return { account, accessKeyId: claim.accessKeyId };
}
