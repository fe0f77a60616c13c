import { randomUUID } from 'node:crypto';
import { computeSignature, stringToSign } from '../api/rpc/signature.js';
import { CallFailed } from './io.js';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
}

/** What the API answered: its JSON body and HTTP status. */
export interface RpcAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Unanswered calls give up after this: plinkd answers in milliseconds, a hung one should not hang a script. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One signed RPC call (docs/api.md "Signatures", signature v1 as @alicloud/pop-core
 * computes it, with the functions the server verifies with): the common parameters,
 * the action's, `Signature` over `POST&%2F&<canonical query>`, all in a form body.
 * Each call has a fresh nonce and timestamp, so a waiter can repeat it.
 */
export async function callRpc(
  endpoint: string,
  credentials: Credentials,
  action: { name: string; version: string },
  params: ReadonlyMap<string, string>,
): Promise<RpcAnswer> {
  const all = new Map<string, string>([
    ['Action', action.name],
    ['Version', action.version],
    ['Format', 'JSON'],
    ['AccessKeyId', credentials.accessKeyId],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureVersion', '1.0'],
    ['SignatureNonce', randomUUID()],
    // ISO 8601 UTC to the second, as the SDKs send it.
    ['Timestamp', new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')],
    ...params,
  ]);
  all.set('Signature', computeSignature(credentials.accessKeySecret, stringToSign('POST', all)));
  let response: Response;
  try {
    response = await fetch(new URL('/', endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams([...all]).toString(),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new CallFailed(`cannot reach ${endpoint}: ${reasonOf(err)}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CallFailed(`${endpoint} answered HTTP ${response.status} without JSON: ${text.slice(0, 200)}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CallFailed(`${endpoint} answered HTTP ${response.status} with JSON that is not an object`);
  }
  return { status: response.status, body: body as Record<string, unknown> };
}

/** fetch() wraps the socket's error (ECONNREFUSED, …) in its `cause`. */
export function reasonOf(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  return String(cause);
}
