import { CloudError } from '../../errors/catalogue.js';
import { checkNonce, parseSignedAt, type SignatureClaim } from './claim.js';
import { computeSignature, signatureMatches, stringToSign } from './signature-v1.js';

function required(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw new CloudError('MissingParam', { param: name });
  return value;
}

/** Signature v1: the common parameters carry the key, the signature and its inputs. */
export function readV1Claim(method: string, params: ReadonlyMap<string, string>): SignatureClaim {
  const accessKeyId = required(params, 'AccessKeyId');
  const signature = required(params, 'Signature');
  if (required(params, 'SignatureMethod') !== 'HMAC-SHA1') throw new CloudError('InvalidSignatureMethod');
  if (required(params, 'SignatureVersion') !== '1.0')
    throw new CloudError('IllegalParamFormat', { param: 'SignatureVersion', reason: 'must be 1.0' });
  const nonce = checkNonce(required(params, 'SignatureNonce'), 'SignatureNonce');
  const signedAt = parseSignedAt(required(params, 'Timestamp'));
  const serverStringToSign = stringToSign(method, params);
  return {
    accessKeyId,
    nonce,
    signedAt,
    serverStringToSign,
    matches: (secret) => signatureMatches(computeSignature(secret, serverStringToSign), signature),
  };
}
