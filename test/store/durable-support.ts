import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir } from '../../src/store/durable/data-dir.js';
import { openDurableStore } from '../../src/store/durable/durable-store.js';
import { journalFile, journalGenerations } from '../../src/store/durable/files.js';
import { readFrames } from '../../src/store/durable/frame.js';
import type { Vpc } from '../../src/model/types.js';
import { vpcDocument } from '../helpers/store-documents.js';
import type { MemoryStore } from '../../src/store/memory/memory-store.js';

/** Shared by the data-directory tests: a scratch directory, a store on it, and its log lines. */

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields: Record<string, unknown> | undefined;
}

export function scratchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'plinkd-durable-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function openStoreIn(dir: string, compactBytes = 64 * 1024 * 1024): Promise<{ store: MemoryStore; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, msg, fields });
    };
  const dataDir = openDataDir(dir);
  try {
    const store = await openDurableStore(dataDir, { compactBytes, log: { info: at('info'), warn: at('warn'), error: at('error') } });
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      dataDir.release();
    };
    return { store, lines };
  } catch (err) {
    dataDir.release();
    throw err;
  }
}

/** The VPC document the data-directory tests write. */
export const vpc = (id: string, description = ''): Vpc => vpcDocument(id, description);

export async function putVpcs(store: MemoryStore, ids: readonly string[]): Promise<void> {
  for (const id of ids) await store.transact(async (tx) => tx.put('vpc', id, vpc(id)));
}

/** The newest journal file of a data directory. */
export function lastJournal(dir: string): string {
  const generation = journalGenerations(dir).at(-1);
  if (generation === undefined) throw new Error(`no journal in ${dir}`);
  return join(dir, journalFile(generation));
}

/** Byte offsets of the records in a file, and the file's size. */
export function recordOffsets(path: string): number[] {
  const offsets: number[] = [];
  readFrames(path, (_payload, offset) => offsets.push(offset));
  return offsets;
}

/** Damages one byte in place. */
export function flipBits(bytes: Buffer, at: number, mask: number): void {
  bytes.writeUInt8(bytes.readUInt8(at) ^ mask, at);
}
