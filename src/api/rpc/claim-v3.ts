import { CloudError } from '../../errors/catalogue.js';
import { checkNonce, parseSignedAt, type SignatureClaim } from './claim.js';
import type { V3Signing } from './rpc-request.js';
import {
  ACS3_HMAC_SHA256,
  canonicalRequestV3,
  computeSignatureV3,
  parseAuthorizationV3,
  sha256Hex,
  signatureV3Matches,
  stringToSignV3,
} from './signature-v3.js';

/**
 * Headers a V3 request must sign: the action, version, date, nonce and body hash decide what
 * the request does and when it may be replayed; host names the server it was meant for.
 * Anything else the client lists (accept, user-agent, content-type, …) is signed too.
 */
const MUST_SIGN = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** Signature V3 (ACS3-HMAC-SHA256): the Authorization header and the x-acs-* headers. */
export function readV3Claim(method: string, signing: V3Signing): SignatureClaim {
  const authorization = signing.authorization === undefined ? undefined : parseAuthorizationV3(signing.authorization);
  if (authorization === undefined) throw new CloudError('IncompleteSignature');
  if (authorization.algorithm !== ACS3_HMAC_SHA256) throw new CloudError('InvalidSignatureMethod');
  if (!HEX_SHA256.test(authorization.signature)) throw new CloudError('IncompleteSignature');
  const one = (name: string): string | undefined => {
    const values = signing.headers.get(name);
    return values?.length === 1 ? values[0]!.trim() : undefined;
  };
  for (const name of MUST_SIGN) {
    if (!authorization.signedHeaders.includes(name) || one(name) === undefined || one(name) === '')
      throw new CloudError('IncompleteSignature');
  }
  const nonce = checkNonce(one('x-acs-signature-nonce')!, 'x-acs-signature-nonce');
  const signedAt = parseSignedAt(one('x-acs-date')!);
  const declaredPayloadHash = one('x-acs-content-sha256')!;
  if (!HEX_SHA256.test(declaredPayloadHash)) throw new CloudError('IncompleteSignature');

  // The payload line is the hash of the body received, not the header's claim: a body
  // changed in flight fails the MAC, and the signed header must agree with it as well.
  const payloadHash = sha256Hex(signing.body);
  const canonical = canonicalRequestV3({
    method,
    path: signing.path,
    query: signing.query,
    headers: signing.headers,
    signedHeaders: authorization.signedHeaders,
    payloadHash,
  });
  const bodyAsDeclared = declaredPayloadHash.toLowerCase() === payloadHash;
  return {
    accessKeyId: authorization.accessKeyId,
    nonce,
    signedAt,
    serverStringToSign: canonical,
    matches: (secret) => {
      const macMatches = signatureV3Matches(computeSignatureV3(secret, stringToSignV3(canonical)), authorization.signature);
      return macMatches && bodyAsDeclared;
    },
  };
}
