import { MemoryStore } from '../memory/memory-store.js';
import { Compactor } from './compaction.js';
import type { DataDir } from './data-dir.js';
import { Journal } from './journal.js';
import { recover } from './recovery.js';

/** Journal bytes after which compaction runs by default (`--data-compact-bytes`). */
export const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;

/** What the store reports while it runs (the app logs it). */
export interface DurableStoreLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface DurableStoreOptions {
  compactBytes?: number;
  streamLength?: number;
  log: DurableStoreLog;
}

/**
 * The memory store kept in a data directory (`--data-dir`,
 * docs/design/persistence.md): loads the snapshot and the journal, then
 * journals every commit before acknowledging it. Throws DataDirError when the
 * directory holds damage it will not guess past.
 */
export async function openDurableStore(dataDir: DataDir, options: DurableStoreOptions): Promise<MemoryStore> {
  const { log } = options;
  const started = performance.now();
  const recovered = recover(dataDir.path);
  for (const torn of recovered.tornTails) {
    log.warn('dropped a torn write at the end of the journal (an append interrupted by a crash: never acknowledged)', {
      file: torn.file,
      offset: torn.offset,
      droppedBytes: torn.droppedBytes,
      reason: torn.reason,
    });
  }
  const journal = await Journal.open(dataDir.path, recovered.generation, (err) =>
    log.error('journal write failed: the store refuses writes until plinkd is restarted', { err: err.message }),
  );
  const store = new MemoryStore({ initial: recovered.state, journal, streamLength: options.streamLength });
  journal.observer = new Compactor(
    dataDir.path,
    journal,
    () => store.copyState(),
    options.compactBytes ?? DEFAULT_COMPACT_BYTES,
    recovered.snapshotBytes,
    {
      compacted: (info) => log.info('journal compacted into a snapshot', info),
      failed: (err) => log.warn('journal compaction failed; the journal is kept and compaction retried later', { err }),
    },
  );
  log.info('data directory loaded', {
    dataDir: dataDir.path,
    position: `0-${recovered.state.sequence}`,
    documents: recovered.state.docs.size,
    replayedBatches: recovered.replayed,
    ms: Math.round(performance.now() - started),
  });
  return store;
}
