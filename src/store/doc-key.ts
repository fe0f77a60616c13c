import type { Kind } from './types.js';

/**
 * One document's key in a flat map: kind and id joined by NUL, which neither
 * contains. Shared by the memory store, transactions and the on-disk journal.
 */
export function docKey(kind: Kind, id: string): string {
  return `${kind}\u0000${id}`;
}

export function splitDocKey(key: string): [Kind, string] {
  const sep = key.indexOf('\u0000');
  return [key.slice(0, sep) as Kind, key.slice(sep + 1)];
}
