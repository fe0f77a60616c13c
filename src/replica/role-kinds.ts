import { KINDS, type Kind } from '../store/types.js';

/**
 * Kinds only the cloud API reads: access keys and accounts (request signatures), IP
 * allocations (placing ENIs), idempotency records (ClientToken), PrivateZone's cross-account
 * authorizations and their codes (BindZoneVpc checks them; DNS reads only the bindings). A process that serves
 * DNS only — and /v1, which authenticates with its own bearer tokens — neither loads nor
 * follows them: it never holds an AccessKeySecret (least privilege: DNS replicas sit
 * closest to the VPCs), and a million endpoints' allocations cost ~170 B each (bench:scale).
 */
const API_ONLY: ReadonlySet<Kind> = new Set<Kind>([
  'accessKey',
  'account',
  'ipAllocation',
  'idempotency',
  'userVpcAuthorization',
  'vpcAuthorizationCode',
]);

/** The kinds a process's replica holds: all of them when it serves the API. */
export function replicaKinds(servesApi: boolean): readonly Kind[] {
  return servesApi ? KINDS : KINDS.filter((kind) => !API_ONLY.has(kind));
}
