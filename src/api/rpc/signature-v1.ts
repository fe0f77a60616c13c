import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Alibaba Cloud RPC signature v1 (the one @alicloud/pop-core computes, and the generated SDKs
 * with `signatureAlgorithm: 'v2'`):
 *   StringToSign = METHOD & percent("/") & percent(canonicalized query)
 *   Signature    = base64(HMAC-SHA1(secret + "&", StringToSign))
 * The canonicalized query is every parameter except Signature, sorted by name,
 * each name and value percent-encoded per RFC 3986 with the SDK's extra rules.
 */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: ReadonlyMap<string, string>): string {
  const names = [...params.keys()].filter((name) => name !== 'Signature').sort();
  return names.map((name) => `${percentEncode(name)}=${percentEncode(params.get(name)!)}`).join('&');
}

export function stringToSign(method: string, params: ReadonlyMap<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function computeSignature(secret: string, text: string): string {
  return createHmac('sha1', `${secret}&`).update(text, 'utf8').digest('base64');
}

/** Compares in constant time over the decoded MAC bytes (docs/reliability.md). */
export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'base64');
  const b = Buffer.from(given, 'base64');
  // Base64 decoding skips stray characters; insist the text is exactly canonical.
  if (b.toString('base64') !== given) return false;
  // Equal length first (timingSafeEqual demands it); the length of a SHA-1 MAC is public.
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
