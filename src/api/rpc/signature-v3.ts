import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { percentEncode } from './signature-v1.js';

/**
 * Alibaba Cloud signature V3, ACS3-HMAC-SHA256 — what today's generated SDKs
 * (@alicloud/openapi-core and its siblings in every language) send by default
 * (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature):
 *
 *   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n
 *                      CanonicalHeaders \n SignedHeaders \n HashedRequestPayload
 *   StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA-256(CanonicalRequest))
 *   Signature        = hex(HMAC-SHA256(secret, StringToSign))
 *   Authorization    = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2;…>,Signature=<hex>
 *
 * CanonicalQueryString: the query parameters (never the form body, which the payload hash
 * covers) sorted by name, names and values percent-encoded per RFC 3986 §2.3, `name=value`
 * joined by `&`. CanonicalHeaders: one `name:value\n` per signed header, in SignedHeaders
 * order, names lowercase, values trimmed (repeated headers: values sorted, joined by `,`).
 * Pure functions: the server verifies with them and a client (the CLI) can sign with them.
 */
export const ACS3_HMAC_SHA256 = 'ACS3-HMAC-SHA256';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalQueryV3(query: Iterable<readonly [string, string]>): string {
  return [...query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

export interface CanonicalRequestV3 {
  method: string;
  /** The request path as sent (plinkd serves RPC at `/`). */
  path: string;
  query: Iterable<readonly [string, string]>;
  /** Lowercase header name → its values, in the order received. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** Lowercase names, in the order the Authorization header lists them. */
  signedHeaders: readonly string[];
  /** hex(SHA-256(body)); of the empty string for no body. */
  payloadHash: string;
}

export function canonicalRequestV3(request: CanonicalRequestV3): string {
  const headerLines = request.signedHeaders
    .map((name) => {
      const values = (request.headers.get(name) ?? []).map((v) => v.trim()).sort();
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
  return [
    request.method.toUpperCase(),
    request.path,
    canonicalQueryV3(request.query),
    headerLines,
    request.signedHeaders.join(';'),
    request.payloadHash,
  ].join('\n');
}

export function stringToSignV3(canonicalRequest: string): string {
  return `${ACS3_HMAC_SHA256}\n${sha256Hex(canonicalRequest)}`;
}

export function computeSignatureV3(secret: string, stringToSign: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

export function authorizationV3(accessKeyId: string, signedHeaders: readonly string[], signature: string): string {
  return `${ACS3_HMAC_SHA256} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
}

/** Compares two hex MACs in constant time over their bytes (docs/design/signatures.md). */
export function signatureV3Matches(expected: string, given: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ParsedAuthorizationV3 {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const TOKEN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Reads `ALGORITHM Credential=…,SignedHeaders=…,Signature=…` (spaces after the commas
 * tolerated); undefined when it is not of that shape.
 */
export function parseAuthorizationV3(header: string): ParsedAuthorizationV3 | undefined {
  const space = header.indexOf(' ');
  if (space <= 0) return undefined;
  const algorithm = header.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const name = part.slice(0, eq).trim();
    if (fields.has(name)) return undefined;
    fields.set(name, part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (fields.size !== 3 || accessKeyId === undefined || accessKeyId === '' || signed === undefined || signature === undefined)
    return undefined;
  const signedHeaders = signed.split(';');
  if (!signedHeaders.every((name) => TOKEN.test(name)) || new Set(signedHeaders).size !== signedHeaders.length) return undefined;
  return { algorithm, accessKeyId, signedHeaders, signature };
}

export interface SignV3Input {
  method: string;
  path: string;
  query: Iterable<readonly [string, string]>;
  /** Headers to send and sign (any case); host and the x-acs-* headers at least. */
  headers: Readonly<Record<string, string>>;
  body: string | Buffer;
  accessKeyId: string;
  secret: string;
}

/** The Authorization header for a request, as a client computes it. */
export function signV3(input: SignV3Input): string {
  const headers = new Map<string, string[]>();
  for (const [name, value] of Object.entries(input.headers)) headers.set(name.toLowerCase(), [value]);
  const signedHeaders = [...headers.keys()].sort();
  const canonical = canonicalRequestV3({
    method: input.method,
    path: input.path,
    query: input.query,
    headers,
    signedHeaders,
    payloadHash: sha256Hex(input.body),
  });
  return authorizationV3(input.accessKeyId, signedHeaders, computeSignatureV3(input.secret, stringToSignV3(canonical)));
}
