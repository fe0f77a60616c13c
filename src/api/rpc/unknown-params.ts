import type { ParamsSpec } from './params.js';

/**
 * Parameters a request may carry beside its action's own: the RPC protocol's common ones
 * (https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism) and the owner fields
 * the SDKs' request models add to many actions. They are never "unknown".
 */
export const COMMON_RPC_PARAMS: ReadonlySet<string> = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'RegionId',
  'SecurityToken',
  'BearerToken',
  'OwnerId',
  'OwnerAccount',
  'ResourceOwnerId',
  'ResourceOwnerAccount',
]);

/** How many unknown names one log line carries, and how much of each (names are the caller's text). */
const MAX_LOGGED = 20;
const MAX_NAME_LENGTH = 64;

/**
 * The names in `raw` that neither the protocol nor the action's spec knows — a misspelt
 * parameter (`Zone.1.Ip` for `Zone.1.ip`) or one plinkd does not model. Names only: a value may
 * be a secret. Lists are known as `Name.N` (and `Name` itself, the JSON style); object lists as
 * `Name.N.Field` for their declared fields.
 */
export function unknownParams(spec: ParamsSpec, raw: ReadonlyMap<string, string>): string[] {
  const unknown: string[] = [];
  for (const name of raw.keys()) {
    if (COMMON_RPC_PARAMS.has(name) || isDeclared(spec, name)) continue;
    unknown.push(name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH)}…` : name);
    if (unknown.length === MAX_LOGGED) break;
  }
  return unknown;
}

function isDeclared(spec: ParamsSpec, name: string): boolean {
  if (Object.hasOwn(spec, name)) return true;
  const dot = name.indexOf('.');
  if (dot < 0) return false;
  const head = name.slice(0, dot);
  const param = Object.hasOwn(spec, head) ? spec[head] : undefined;
  if (param === undefined) return false;
  const rest = name.slice(dot + 1).split('.');
  if (!/^[1-9]\d*$/.test(rest[0]!)) return false;
  if (param.type === 'list') return rest.length === 1;
  if (param.type === 'objects') return rest.length === 2 && Object.hasOwn(param.fields, rest[1]!);
  return false;
}
