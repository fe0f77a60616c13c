import { closeSync, fsyncSync, openSync, rmSync, statSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { docKey } from '../doc-key.js';
import type { MemoryState } from '../memory/memory-journal.js';
import { DataDirError } from './dir-lock.js';
import { decodeJournalEntry, UnknownEntryError } from './entries.js';
import { journalFile, journalGenerations, SNAPSHOT_FILE, SNAPSHOT_TEMP_FILE } from './files.js';
import { DamagedRecordError, readFrames } from './frame.js';
import { readSnapshot } from './snapshot-file.js';

/** A torn last write dropped on load: what an interrupted append leaves (docs/design/persistence.md "Recovery"). */
export interface TornTail {
  file: string;
  offset: number;
  droppedBytes: number;
  reason: string;
}

export interface Recovered {
  state: MemoryState;
  /** The journal generation to append to (its file may not exist yet). */
  generation: number;
  snapshotBytes: number;
  /** Batches replayed from the journal on top of the snapshot. */
  replayed: number;
  tornTails: TornTail[];
}

/**
 * Loads a data directory: the snapshot, then every journal in order, replaying
 * the batches the snapshot does not hold. Batch numbers must run on without a
 * hole. A torn tail is cut off (the file truncated, so appends follow good
 * records); a damaged record with records behind it stops the start with a
 * message saying what to do — losing acknowledged writes silently is never an option.
 */
export function recover(dir: string, now: number = Date.now()): Recovered {
  rmSync(join(dir, SNAPSHOT_TEMP_FILE), { force: true }); // a compaction that did not finish
  const snapshot = readSnapshot(dir, now);
  const state: MemoryState = snapshot ?? { sequence: 0, docs: new Map(), claims: new Map() };
  const snapshotBytes = snapshot === undefined ? 0 : statSync(join(dir, SNAPSHOT_FILE)).size;
  const generations = journalGenerations(dir);
  const tornTails: TornTail[] = [];
  let replayed = 0;

  for (const generation of generations) {
    const path = join(dir, journalFile(generation));
    const refuse = (offset: number, why: string): DataDirError =>
      new DataDirError(
        `${path}, byte ${offset}: ${why}; refusing to start rather than lose the writes after it. ` +
          'Restore the directory from a backup, or truncate the file to that byte to accept the loss',
      );
    let headerSeen = false;
    let end;
    try {
      end = readFrames(path, (payload, offset) => {
        let entry;
        try {
          entry = decodeJournalEntry(payload);
        } catch (err) {
          if (err instanceof UnknownEntryError) throw refuse(offset, `an unreadable record (${err.message})`);
          throw err;
        }
        if (!headerSeen) {
          if (entry.type !== 'header') throw refuse(offset, 'no journal header');
          headerSeen = true;
          return;
        }
        if (entry.type === 'header') throw refuse(offset, 'a second journal header');
        if (entry.type === 'claim') {
          if (entry.expiresAt > now && (state.claims.get(entry.key) ?? 0) < entry.expiresAt) state.claims.set(entry.key, entry.expiresAt);
          return;
        }
        if (entry.sequence <= state.sequence) return; // already in the snapshot
        if (entry.sequence !== state.sequence + 1)
          throw refuse(offset, `batch ${entry.sequence} follows batch ${state.sequence} (batches in between are missing)`);
        for (const [kind, id, raw] of entry.changes) {
          if (raw === null) state.docs.delete(docKey(kind, id));
          else state.docs.set(docKey(kind, id), raw);
        }
        state.sequence = entry.sequence;
        replayed += 1;
      });
    } catch (err) {
      if (err instanceof DamagedRecordError)
        throw refuse(err.offset, `a damaged record (${err.reason}) with ${err.following} bytes after it`);
      throw err;
    }
    if (end.kind === 'torn') {
      const size = statSync(path).size;
      truncateDurably(path, end.offset);
      tornTails.push({ file: path, offset: end.offset, droppedBytes: size - end.offset, reason: end.reason });
    }
  }
  return { state, generation: generations.at(-1) ?? 1, snapshotBytes, replayed, tornTails };
}

function truncateDurably(path: string, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
