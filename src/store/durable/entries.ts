import { encodeChanges, type EncodedChanges, type WriteRecord } from '../tracked-transaction.js';
import { isKind } from '../types.js';

/**
 * The JSON payloads inside the records of the journal and the snapshot
 * (docs/design/persistence.md "Format"). Documents stay the exact JSON text the
 * store compares in its compare-and-set, so they are carried as strings.
 */
export const FORMAT_VERSION = 1;

export type JournalEntry =
  { type: 'header' } | { type: 'batch'; sequence: number; changes: EncodedChanges } | { type: 'claim'; key: string; expiresAt: number };

export type SnapshotEntry =
  | { type: 'header'; sequence: number }
  | { type: 'docs'; docs: EncodedChanges }
  | { type: 'claims'; claims: Array<[string, number]> }
  | { type: 'end'; docs: number; claims: number };

export const journalHeader = (): string => JSON.stringify({ plinkd: 'journal', version: FORMAT_VERSION });
export const batchEntry = (sequence: number, writes: readonly WriteRecord[]): string => `{"s":${sequence},"c":${encodeChanges(writes)}}`;
export const claimEntry = (key: string, expiresAt: number): string => JSON.stringify({ n: key, e: expiresAt });

export const snapshotHeader = (sequence: number): string => JSON.stringify({ plinkd: 'snapshot', version: FORMAT_VERSION, sequence });
export const docsEntry = (docs: EncodedChanges): string => JSON.stringify({ docs });
export const claimsEntry = (claims: Array<[string, number]>): string => JSON.stringify({ claims });
export const endEntry = (docs: number, claims: number): string => JSON.stringify({ end: { docs, claims } });

/** Thrown for a record whose checksum holds but whose content is not one we write. */
export class UnknownEntryError extends Error {
  override name = 'UnknownEntryError';
}

export function decodeJournalEntry(payload: Buffer): JournalEntry {
  const value = parse(payload);
  if (value['plinkd'] === 'journal') {
    checkVersion(value);
    return { type: 'header' };
  }
  if (isSequence(value['s']) && isChanges(value['c'], true)) return { type: 'batch', sequence: value['s'], changes: value['c'] };
  if (typeof value['n'] === 'string' && isSequence(value['e'])) return { type: 'claim', key: value['n'], expiresAt: value['e'] };
  throw new UnknownEntryError('not a journal entry');
}

export function decodeSnapshotEntry(payload: Buffer): SnapshotEntry {
  const value = parse(payload);
  if (value['plinkd'] === 'snapshot' && isSequence(value['sequence'])) {
    checkVersion(value);
    return { type: 'header', sequence: value['sequence'] };
  }
  if (isChanges(value['docs'], false)) return { type: 'docs', docs: value['docs'] };
  const claims = value['claims'];
  if (Array.isArray(claims) && claims.every((c) => Array.isArray(c) && typeof c[0] === 'string' && isSequence(c[1])))
    return { type: 'claims', claims: claims as Array<[string, number]> };
  const end = value['end'] as Record<string, unknown> | undefined;
  if (typeof end === 'object' && end !== null && isSequence(end['docs']) && isSequence(end['claims']))
    return { type: 'end', docs: end['docs'], claims: end['claims'] };
  throw new UnknownEntryError('not a snapshot entry');
}

function parse(payload: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new UnknownEntryError('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnknownEntryError('not a JSON object');
  return value as Record<string, unknown>;
}

function checkVersion(value: Record<string, unknown>): void {
  if (value['version'] !== FORMAT_VERSION)
    throw new UnknownEntryError(`format version ${String(value['version'])}; this plinkd reads version ${FORMAT_VERSION}`);
}

function isSequence(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** [kind, id, json] triples; deletions (null) only in journal batches. */
function isChanges(value: unknown, deletions: boolean): value is EncodedChanges {
  return (
    Array.isArray(value) &&
    value.every(
      (c) =>
        Array.isArray(c) &&
        c.length === 3 &&
        typeof c[0] === 'string' &&
        isKind(c[0]) &&
        typeof c[1] === 'string' &&
        (typeof c[2] === 'string' || (deletions && c[2] === null)),
    )
  );
}
