import type { HttpRequest } from '../http/http-server.js';
import { CloudError } from '../../errors/catalogue.js';

/** Signature v1: the signature and its inputs are parameters (AccessKeyId, Signature, …). */
export interface V1Signing {
  protocol: 'v1';
}

/** Signature V3: the Authorization header signs the query, the listed headers and the body. */
export interface V3Signing {
  protocol: 'v3';
  authorization: string | undefined;
  path: string;
  /** Parameters of the query string only (the body is covered by its hash). */
  query: ReadonlyArray<readonly [string, string]>;
  /** Lowercase header name → every value received, in order. */
  headers: ReadonlyMap<string, readonly string[]>;
  body: Buffer;
}

/** One call of the cloud's RPC API, whichever way it is signed (docs/design/signatures.md). */
export interface RpcRequest {
  method: string;
  /** Query and form parameters together; a name given twice is refused. */
  params: ReadonlyMap<string, string>;
  /** From the `Action` / `Version` parameters (v1) or the `x-acs-action` / `x-acs-version` headers (V3). */
  action: string | undefined;
  version: string | undefined;
  signing: V1Signing | V3Signing;
}

/**
 * `GET /?…` or `POST /` with an `application/x-www-form-urlencoded` body. A request is
 * V3 when it carries an Authorization header, or an `x-acs-action` header and no
 * `Signature` parameter (a V3 request whose Authorization got lost); otherwise v1.
 * The SDKs' v2 mode sends both the v1 parameters and `x-acs-action`: v1.
 */
export function readRpcRequest(request: HttpRequest): RpcRequest {
  const query = formPairs(request.query);
  const params = new Map<string, string>();
  addParams(params, query);
  if (request.method === 'POST' && request.body.length > 0) {
    const type = String(request.headers['content-type'] ?? '');
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      throw new CloudError('IllegalParamFormat', { param: 'Content-Type', reason: 'must be application/x-www-form-urlencoded' });
    }
    addParams(params, formPairs(request.body.toString('utf8')));
  }
  const headerAction = single(request.headers['x-acs-action']);
  const isV3 = request.headers['authorization'] !== undefined || (headerAction !== undefined && !params.has('Signature'));
  if (!isV3)
    return { method: request.method, params, action: params.get('Action'), version: params.get('Version'), signing: { protocol: 'v1' } };
  return {
    method: request.method,
    params,
    action: headerAction,
    version: single(request.headers['x-acs-version']),
    signing: {
      protocol: 'v3',
      authorization: single(request.headers['authorization']),
      path: request.path,
      query,
      headers: headerValues(request.rawHeaders),
      body: request.body,
    },
  };
}

function formPairs(encoded: string): Array<[string, string]> {
  return encoded === '' ? [] : [...new URLSearchParams(encoded)];
}

function addParams(into: Map<string, string>, pairs: ReadonlyArray<readonly [string, string]>): void {
  for (const [name, value] of pairs) {
    // A repeated name would make the string to sign ambiguous.
    if (into.has(name)) throw new CloudError('IllegalParamFormat', { param: name, reason: 'is given more than once' });
    into.set(name, value);
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** Node joins or drops repeated headers in `headers`; the canonical form needs each value. */
function headerValues(raw: readonly string[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const list = values.get(name);
    if (list === undefined) values.set(name, [raw[i + 1]!]);
    else list.push(raw[i + 1]!);
  }
  return values;
}
