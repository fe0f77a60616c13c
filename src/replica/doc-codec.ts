import type { DocTypes, Kind } from '../store/types.js';
import { packEndpoint, releaseEndpoint, unpackEndpoint } from './endpoint-codec.js';
import type { PackMemo } from './pack-memo.js';
import type { StringPool } from './string-pool.js';

type AnyDoc = DocTypes[Kind];

/** What the replica keeps per document: the document itself, or a string standing for it. */
export type StoredDoc = AnyDoc | string;

/**
 * How the replica stores documents of each kind. Most kinds are few and stay
 * plain objects. The two that grow with the fleet are kept small:
 *   - endpoints are packed (endpoint-codec.ts), ~250 B instead of ~2.2 KB;
 *   - IP allocations (one per vSwitch: the addresses in use as a few ranges,
 *     src/model/ipam.ts; stores of the earlier form may still hold one entry
 *     per address until the vSwitch's next allocation or release) are kept as
 *     their JSON text, one byte per character, rather than as objects. The API
 *     reads them rarely (vSwitch deletion, DescribeVSwitches); transactions
 *     read the store, not the replica.
 * Endpoints are packed into `memo.pool`. A stored string is always a packed form; a document that cannot be packed
 * is kept as it is.
 */
export function storeDoc(memo: PackMemo, kind: Kind, id: string, doc: AnyDoc): StoredDoc {
  if (kind === 'endpoint') return packEndpoint(memo, id, doc as DocTypes['endpoint']) ?? doc;
  if (kind === 'ipAllocation') return JSON.stringify(doc);
  return doc;
}

export function loadDoc(pool: StringPool, kind: Kind, id: string, stored: StoredDoc): AnyDoc {
  if (typeof stored !== 'string') return stored;
  if (kind === 'endpoint') return unpackEndpoint(pool, id, stored);
  return JSON.parse(stored) as AnyDoc;
}

/** Returns what a stored document holds in the pool (before it is replaced or dropped). */
export function releaseDoc(pool: StringPool, kind: Kind, stored: StoredDoc): void {
  if (kind === 'endpoint' && typeof stored === 'string') releaseEndpoint(pool, stored);
}
