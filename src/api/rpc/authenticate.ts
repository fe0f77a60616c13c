import type { AccessKey, Account } from '../../model/types.js';
import type { Caller } from './action.js';
import { CloudError } from '../../errors/catalogue.js';
import { computeSignature, signatureMatches, stringToSign } from './signature.js';

/** Requests outside ±15 minutes of our clock are refused (docs/reliability.md). */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

export interface CredentialSource {
  findAccessKey(accessKeyId: string): AccessKey | undefined;
  findAccount(uid: string): Account | undefined;
  /** True when the nonce was not seen before within the window (replay protection). */
  claimNonce(accessKeyId: string, nonce: string): Promise<boolean>;
  now(): number;
}

/** ISO 8601 UTC, as the SDKs send it: 2026-11-25T08:30:00Z (milliseconds tolerated). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;

function required(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw new CloudError('MissingParam', { param: name });
  return value;
}

/**
 * Checks the common RPC parameters and the signature, in an order that never
 * reveals whether a secret matched before the MAC comparison: format checks,
 * then the key, then the signature (constant time), and only then the nonce —
 * so a stranger cannot burn someone else's nonces.
 */
export async function authenticate(method: string, params: ReadonlyMap<string, string>, source: CredentialSource): Promise<Caller> {
  const accessKeyId = required(params, 'AccessKeyId');
  const signature = required(params, 'Signature');
  const signatureMethod = required(params, 'SignatureMethod');
  if (signatureMethod !== 'HMAC-SHA1') throw new CloudError('InvalidSignatureMethod');
  const signatureVersion = required(params, 'SignatureVersion');
  if (signatureVersion !== '1.0') throw new CloudError('IllegalParamFormat', { param: 'SignatureVersion', reason: 'must be 1.0' });
  const nonce = required(params, 'SignatureNonce');
  if (nonce.length > 128) throw new CloudError('IllegalParamFormat', { param: 'SignatureNonce', reason: 'is longer than 128 characters' });
  const timestamp = required(params, 'Timestamp');
  const match = TIMESTAMP.exec(timestamp);
  const when = match === null ? NaN : Date.parse(timestamp);
  if (Number.isNaN(when)) throw new CloudError('InvalidTimeStamp.Format');
  if (Math.abs(source.now() - when) > TIMESTAMP_WINDOW_MS) throw new CloudError('InvalidTimeStamp.Expired');

  const key = source.findAccessKey(accessKeyId);
  const account = key === undefined ? undefined : source.findAccount(key.uid);
  if (key === undefined || account === undefined) throw new CloudError('InvalidAccessKeyId.NotFound');
  const expected = computeSignature(key.secret, stringToSign(method, params));
  if (!signatureMatches(expected, signature)) throw new CloudError('SignatureDoesNotMatch');
  if (!(await source.claimNonce(accessKeyId, nonce))) throw new CloudError('SignatureNonceUsed');
  return { account, accessKeyId };
}
