import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MemoryState } from '../memory/memory-journal.js';
import { journalFile, journalGenerations, SNAPSHOT_TEMP_FILE, syncDirectoryAsync } from './files.js';
import type { Journal, JournalObserver } from './journal.js';
import { writeSnapshot } from './snapshot-file.js';

export interface CompactionEvents {
  compacted(info: { sequence: number; snapshotBytes: number; journalsRemoved: number; ms: number }): void;
  failed(err: unknown): void;
}

/**
 * Folds the journal into a snapshot once the journal file has grown past
 * `thresholdBytes` and past the last snapshot's size (so the work stays in
 * proportion to the writes, as Redis' auto-aof-rewrite-percentage 100 does)
 * — docs/design/persistence.md "Compaction". The journal rotates first, so
 * writes go on into the new file while the snapshot is written.
 */
export class Compactor implements JournalObserver {
  private running: Promise<void> | undefined;
  /** After a failure, wait for this much more journal before trying again. */
  private retryAtBytes = 0;

  constructor(
    private readonly dir: string,
    private readonly journal: Journal,
    private readonly capture: () => MemoryState,
    private readonly thresholdBytes: number,
    private snapshotBytes: number,
    private readonly events: CompactionEvents,
  ) {}

  flushed(journalBytes: number): void {
    if (this.running !== undefined || this.journal.closing) return;
    if (journalBytes < Math.max(this.thresholdBytes, this.snapshotBytes, this.retryAtBytes)) return;
    this.running = this.compact(journalBytes).finally(() => {
      this.running = undefined;
    });
  }

  async idle(): Promise<void> {
    await this.running;
  }

  private async compact(journalBytes: number): Promise<void> {
    const started = performance.now();
    let rotated = false;
    try {
      const generation = await this.journal.rotate();
      rotated = true;
      // Everything in older journals is in memory now, so in this capture.
      const state = this.capture();
      if (this.journal.failure !== undefined) return;
      this.snapshotBytes = await writeSnapshot(this.dir, state);
      const older = journalGenerations(this.dir).filter((g) => g < generation);
      for (const g of older) await rm(join(this.dir, journalFile(g)), { force: true });
      await syncDirectoryAsync(this.dir);
      this.retryAtBytes = 0;
      this.events.compacted({
        sequence: state.sequence,
        snapshotBytes: this.snapshotBytes,
        journalsRemoved: older.length,
        ms: Math.round(performance.now() - started),
      });
    } catch (err) {
      await rm(join(this.dir, SNAPSHOT_TEMP_FILE), { force: true }).catch(() => undefined);
      // The old journals stay, and the next compaction folds them in too.
      this.retryAtBytes = rotated ? 0 : journalBytes + this.thresholdBytes;
      this.events.failed(err);
    }
  }
}
