import { CloudError } from '../../errors/catalogue.js';

/** What a signed request claims, read from it without any secret (claim-v1.ts, claim-v3.ts). */
export interface SignatureClaim {
  accessKeyId: string;
  nonce: string;
  /** The signed date, in milliseconds since the epoch. */
  signedAt: number;
  /**
   * Echoed after "server string to sign is:" in SignatureDoesNotMatch, as the cloud does:
   * v1's StringToSign; V3's canonical request (the input of the hash that is signed).
   * Built from the request alone: it never holds a secret.
   */
  serverStringToSign: string;
  /** Whether `secret` yields the signature given; compared in constant time. */
  matches(secret: string): boolean;
}

/** ISO 8601 UTC, as the SDKs send it: 2026-11-25T08:30:00Z (milliseconds tolerated). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;

export function parseSignedAt(text: string): number {
  const when = TIMESTAMP.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(when)) throw new CloudError('InvalidTimeStamp.Format');
  return when;
}

/** Nonces are stored (for the window) per key: bound their size. */
export function checkNonce(nonce: string, name: string): string {
  if (nonce.length > 128) throw new CloudError('IllegalParamFormat', { param: name, reason: 'is longer than 128 characters' });
  return nonce;
}
