import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { MemoryJournal } from '../memory/memory-journal.js';
import type { WriteRecord } from '../tracked-transaction.js';
import { StoreUnavailableError } from '../types.js';
import { batchEntry, claimEntry, journalHeader } from './entries.js';
import { FILE_MODE, journalFile, syncDirectoryAsync } from './files.js';
import { frame } from './frame.js';

/** Told after every fsync how large the journal file is; waited for before the journal closes. */
export interface JournalObserver {
  flushed(journalBytes: number): void;
  idle(): Promise<void>;
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * The append-only log of a persistent memory store (docs/design/persistence.md
 * "Writes"). Entries queue in commit order; one flush writes all that are
 * queued and fdatasyncs once (group commit), then releases every commit that
 * was waiting for them. File operations run one at a time on a chain, so a
 * rotation (compaction) falls between two flushes. After a failed write or
 * fsync nothing is acknowledged any more: the page cache may hold data the disk
 * does not (fsync(2) reports such an error once), so retrying could report a
 * write as durable that is not; a restart replays what the disk has.
 */
export class Journal implements MemoryJournal {
  observer: JournalObserver | undefined;
  private queue: Buffer[] = [];
  private appended = 0;
  private flushedUpTo = 0;
  private readonly waiters: Waiter[] = [];
  private flushScheduled = false;
  private tail: Promise<unknown> = Promise.resolve();
  private failed: Error | undefined;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private generation: number,
    private handle: FileHandle,
    private bytes: number,
    private readonly onFailure: (err: Error) => void,
  ) {}

  /** Appends to `generation`'s file, creating it (with its header) when missing or empty. */
  static async open(dir: string, generation: number, onFailure: (err: Error) => void): Promise<Journal> {
    const { handle, bytes } = await openJournalFile(dir, generation);
    return new Journal(dir, generation, handle, bytes, onFailure);
  }

  get failure(): Error | undefined {
    return this.failed;
  }

  /** True once close() began: no compaction should start any more. */
  get closing(): boolean {
    return this.closed;
  }

  appendBatch(sequence: number, writes: readonly WriteRecord[]): void {
    this.enqueue(batchEntry(sequence, writes));
  }

  appendClaim(key: string, expiresAt: number): void {
    this.enqueue(claimEntry(key, expiresAt));
  }

  durable(): Promise<void> {
    if (this.failed !== undefined) return Promise.reject(new StoreUnavailableError(this.failed));
    if (this.flushedUpTo >= this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ upTo: this.appended, resolve, reject }));
  }

  /**
   * Starts a new journal file and returns its generation; every entry appended
   * before the call is in an older file. Runs between two flushes; a file that
   * cannot be created leaves the journal as it was.
   */
  rotate(): Promise<number> {
    return this.run(async () => {
      await this.flush();
      const next = await openJournalFile(this.dir, this.generation + 1);
      await this.handle.close();
      this.handle = next.handle;
      this.bytes = next.bytes;
      this.generation += 1;
      return this.generation;
    });
  }

  /** Writes what is queued and closes the file; later appends are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.observer?.idle();
    await this.run(async () => this.flush()).catch(() => undefined);
    this.failed ??= new Error('closed');
    await this.handle.close();
  }

  private enqueue(payload: string): void {
    if (this.failed !== undefined) throw new StoreUnavailableError(this.failed);
    if (this.closed) throw new StoreUnavailableError(new Error('the store is closing'));
    this.queue.push(frame(payload));
    this.appended += 1;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    void this.run(async () => this.flush()).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.queue.length === 0) return;
    const records = this.queue;
    const upTo = this.appended;
    this.queue = [];
    const data = records.length === 1 ? records[0]! : Buffer.concat(records);
    try {
      for (let written = 0; written < data.length;) {
        const { bytesWritten } = await this.handle.write(data, written, data.length - written);
        written += bytesWritten;
      }
      await this.handle.datasync();
    } catch (err) {
      this.fail(err);
      throw err;
    }
    this.bytes += data.length;
    this.flushedUpTo = upTo;
    while (this.waiters.length > 0 && this.waiters[0]!.upTo <= upTo) this.waiters.shift()!.resolve();
    this.observer?.flushed(this.bytes);
  }

  /** Runs file operations one after another, none after a failed flush. */
  private run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      if (this.failed !== undefined) throw new StoreUnavailableError(this.failed);
      return operation();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private fail(err: unknown): void {
    if (this.failed !== undefined) return;
    this.failed = new Error(`journal ${journalFile(this.generation)}: ${err instanceof Error ? err.message : String(err)}`);
    this.queue = [];
    const unavailable = new StoreUnavailableError(this.failed);
    for (const waiter of this.waiters.splice(0)) waiter.reject(unavailable);
    this.onFailure(this.failed);
  }
}

async function openJournalFile(dir: string, generation: number): Promise<{ handle: FileHandle; bytes: number }> {
  const handle = await open(join(dir, journalFile(generation)), 'a', FILE_MODE);
  try {
    let bytes = (await handle.stat()).size;
    if (bytes === 0) {
      const header = frame(journalHeader());
      await handle.write(header);
      await handle.datasync();
      await syncDirectoryAsync(dir);
      bytes = header.length;
    }
    return { handle, bytes };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
