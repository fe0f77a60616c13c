import { existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { docKey, splitDocKey } from '../doc-key.js';
import type { MemoryState } from '../memory/memory-journal.js';
import type { EncodedChanges } from '../tracked-transaction.js';
import { DataDirError } from './dir-lock.js';
import { claimsEntry, decodeSnapshotEntry, docsEntry, endEntry, snapshotHeader, UnknownEntryError } from './entries.js';
import { FILE_MODE, SNAPSHOT_FILE, SNAPSHOT_TEMP_FILE, syncDirectoryAsync } from './files.js';
import { DamagedRecordError, frame, readFrames } from './frame.js';

/** Documents per record stop growing past this many bytes of JSON; writes go out in chunks of about a megabyte. */
const RECORD_BYTES = 256 * 1024;
const WRITE_BYTES = 1024 * 1024;

/**
 * Writes `state` as the new snapshot (docs/design/persistence.md "Compaction"):
 * to a temp file, fsync, rename over the old one, fsync the directory. Returns
 * its size in bytes.
 */
export async function writeSnapshot(dir: string, state: MemoryState): Promise<number> {
  const temp = join(dir, SNAPSHOT_TEMP_FILE);
  const handle = await open(temp, 'w', FILE_MODE);
  let total = 0;
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const put = async (payload: string): Promise<void> => {
      const record = frame(payload);
      pending.push(record);
      pendingBytes += record.length;
      if (pendingBytes >= WRITE_BYTES) await drain();
    };
    const drain = async (): Promise<void> => {
      const data = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      for (let written = 0; written < data.length;) written += (await handle.write(data, written)).bytesWritten;
      total += data.length;
    };

    await put(snapshotHeader(state.sequence));
    let docs: EncodedChanges = [];
    let docsBytes = 0;
    for (const [key, raw] of state.docs) {
      const [kind, id] = splitDocKey(key);
      docs.push([kind, id, raw]);
      docsBytes += raw.length + id.length;
      if (docsBytes >= RECORD_BYTES) {
        await put(docsEntry(docs));
        docs = [];
        docsBytes = 0;
      }
    }
    if (docs.length > 0) await put(docsEntry(docs));
    const claims = [...state.claims];
    for (let i = 0; i < claims.length; i += 4096) await put(claimsEntry(claims.slice(i, i + 4096)));
    await put(endEntry(state.docs.size, claims.length));
    await drain();
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, join(dir, SNAPSHOT_FILE));
  await syncDirectoryAsync(dir);
  return total;
}

/**
 * Reads the snapshot, if there is one. It was fsynced before it was renamed into
 * place, so anything but a whole snapshot is damage: a refusal, never a guess.
 */
export function readSnapshot(dir: string, now: number): MemoryState | undefined {
  const path = join(dir, SNAPSHOT_FILE);
  if (!existsSync(path)) return undefined;
  const state: MemoryState = { sequence: -1, docs: new Map(), claims: new Map() };
  let claimCount = 0;
  let ended: { docs: number; claims: number } | undefined;
  const damaged = (why: string): DataDirError =>
    new DataDirError(
      `${path} is damaged (${why}); refusing to start. Restore the directory from a backup, or move the snapshot aside to start from the journal alone`,
    );
  try {
    const end = readFrames(path, (payload) => {
      const entry = decodeSnapshotEntry(payload);
      if (ended !== undefined) throw damaged('records after its end');
      if (entry.type === 'header') {
        if (state.sequence !== -1) throw damaged('a second header');
        state.sequence = entry.sequence;
        return;
      }
      if (state.sequence === -1) throw damaged('no header');
      if (entry.type === 'docs') for (const [kind, id, raw] of entry.docs) state.docs.set(docKey(kind, id), raw!);
      else if (entry.type === 'claims') {
        claimCount += entry.claims.length;
        for (const [key, expiresAt] of entry.claims) if (expiresAt > now) state.claims.set(key, expiresAt);
      } else ended = { docs: entry.docs, claims: entry.claims };
    });
    if (end.kind === 'torn') throw damaged(`cut short at byte ${end.offset}: ${end.reason}`);
  } catch (err) {
    if (err instanceof DamagedRecordError) throw damaged(`the record at byte ${err.offset} fails its checksum`);
    if (err instanceof UnknownEntryError) throw damaged(err.message);
    throw err;
  }
  if (ended === undefined) throw damaged('no end record');
  if (ended.docs !== state.docs.size || ended.claims !== claimCount) throw damaged('its counts do not match its records');
  return state;
}
