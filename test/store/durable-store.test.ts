import { pbkdf2 } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirError } from '../../src/store/durable/dir-lock.js';
import { openDataDir } from '../../src/store/durable/data-dir.js';
import { decodeJournalEntry } from '../../src/store/durable/entries.js';
import { journalGenerations, SNAPSHOT_FILE } from '../../src/store/durable/files.js';
import { readFrames } from '../../src/store/durable/frame.js';
import { comparePositions, ORIGIN_POSITION } from '../../src/store/position.js';
import type { ChangeBatch } from '../../src/store/types.js';
import { lastJournal, openStoreIn, putVpcs, scratchDir, vpc } from './durable-support.js';

const pbkdf2Async = promisify(pbkdf2);

/**
 * The memory store kept in a data directory (docs/design/persistence.md),
 * reopened in the same process: what a restart on the same --data-dir sees.
 */
describe('memory store in a data directory', () => {
  let dir: ReturnType<typeof scratchDir>;
  beforeEach(() => {
    dir = scratchDir();
  });
  afterEach(() => dir.remove());

  it('keeps every committed write, deletion and update, and continues the stream positions after a reopen', async () => {
    const first = await openStoreIn(dir.path);
    await putVpcs(
      first.store,
      Array.from({ length: 20 }, (_, i) => `vpc-${i}`),
    );
    await first.store.transact(async (tx) => {
      tx.delete('vpc', 'vpc-3');
      tx.put('vpc', 'vpc-4', vpc('vpc-4', 'updated'));
    });
    const { position: last } = await first.store.transact(async (tx) => tx.delete('vpc', 'vpc-5'));
    await first.store.close();

    const second = await openStoreIn(dir.path);
    expect(await second.store.get('vpc', 'vpc-0')).toEqual(vpc('vpc-0'));
    expect(await second.store.get('vpc', 'vpc-19')).toEqual(vpc('vpc-19'));
    expect(await second.store.get('vpc', 'vpc-3')).toBeUndefined();
    expect(await second.store.get('vpc', 'vpc-5')).toBeUndefined();
    expect((await second.store.get('vpc', 'vpc-4'))?.description).toBe('updated');
    const snapshot = await second.store.snapshot();
    expect(snapshot.position).toBe(last);
    let count = 0;
    snapshot.forEach(() => (count += 1));
    expect(count).toBe(18);
    const { position: next } = await second.store.transact(async (tx) => tx.put('vpc', 'vpc-new', vpc('vpc-new')));
    expect(comparePositions(next!, last!)).toBe(1);
    expect(second.lines.find((l) => l.msg === 'data directory loaded')?.fields).toMatchObject({ replayedBatches: 22, documents: 18 });
    await second.store.close();
  });

  it('resolves a commit only once its record is written to the journal file', async () => {
    const { store } = await openStoreIn(dir.path);
    const inFile = (): number[] => {
      const sequences: number[] = [];
      readFrames(lastJournal(dir.path), (payload) => {
        const entry = decodeJournalEntry(payload);
        if (entry.type === 'batch') sequences.push(entry.sequence);
      });
      return sequences;
    };
    // Keep libuv's thread pool busy so the journal's write waits in its queue: a
    // commit that resolved before its write would find its record missing here.
    const poolSize = Number(process.env['UV_THREADPOOL_SIZE'] ?? 4);
    const busy = Array.from({ length: 2 * poolSize }, () => pbkdf2Async('busy', 'salt', 50_000, 32, 'sha256'));
    // Concurrent commits share one fsync (group commit); each still waits for its own record.
    const commits = Array.from({ length: 20 }, (_, i) =>
      store
        .transact(async (tx) => tx.put('vpc', `vpc-${i}`, vpc(`vpc-${i}`)))
        .then(({ position }) => {
          expect(inFile()).toContain(Number(position!.split('-')[1]));
        }),
    );
    await Promise.all([...commits, ...busy]);
    expect(inFile()).toHaveLength(20);
    await store.close();
  });

  it('streams to a follower from the loaded position, and gives one from before it a gap', async () => {
    const first = await openStoreIn(dir.path);
    await putVpcs(first.store, ['vpc-a', 'vpc-b']);
    await first.store.close();

    const { store } = await openStoreIn(dir.path);
    const loaded = (await store.snapshot()).position;
    const batches: ChangeBatch[] = [];
    let gaps = 0;
    const current = store.follow(loaded, { onBatch: (b) => batches.push(b), onGap: () => (gaps += 1) });
    const stale = store.follow(ORIGIN_POSITION, { onBatch: () => undefined, onGap: () => (gaps += 10) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gaps).toBe(10);
    await putVpcs(store, ['vpc-c']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches.map((b) => b.changes[0]?.id)).toEqual(['vpc-c']);
    current.stop();
    stale.stop();
    await store.close();
  });

  it('keeps signature nonce claims until they expire', async () => {
    const first = await openStoreIn(dir.path);
    expect(await first.store.claimOnce('LTAIkey:nonce-long', 600)).toBe(true);
    expect(await first.store.claimOnce('LTAIkey:nonce-short', 1)).toBe(true);
    await first.store.close();

    const second = await openStoreIn(dir.path);
    expect(await second.store.claimOnce('LTAIkey:nonce-long', 600)).toBe(false);
    expect(await second.store.claimOnce('LTAIkey:nonce-short', 1)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await second.store.claimOnce('LTAIkey:nonce-short', 1)).toBe(true);
    await second.store.close();
  });

  it('compacts the journal into a snapshot past the threshold, and loses nothing across several rounds and reopens', async () => {
    const written: string[] = [];
    for (let round = 0; round < 4; round++) {
      const { store, lines } = await openStoreIn(dir.path, 4096);
      for (const id of written) expect(await store.get('vpc', id), `${id} after reopen ${round}`).toEqual(vpc(id));
      const ids = Array.from({ length: 60 }, (_, i) => `vpc-r${round}-${i}`);
      // Each round rewrites its documents, so its journal outgrows the snapshot of all earlier
      // rounds (compaction waits for that: docs/design/persistence.md "Compaction").
      for (const description of ['draft', 'reviewed', 'final']) {
        for (const id of ids) await store.transact(async (tx) => tx.put('vpc', id, vpc(id, description)));
      }
      await putVpcs(store, ids);
      written.push(...ids);
      await store.close(); // waits for a compaction under way
      expect(lines.filter((l) => l.msg === 'journal compacted into a snapshot').length, `round ${round}`).toBeGreaterThan(0);
      expect(existsSync(join(dir.path, SNAPSHOT_FILE))).toBe(true);
      // The journals a snapshot holds are gone: the current one, at most one more.
      expect(journalGenerations(dir.path).length).toBeLessThanOrEqual(2);
    }
    const { store } = await openStoreIn(dir.path, 4096);
    for (const id of written) expect(await store.get('vpc', id)).toEqual(vpc(id));
    expect((await store.snapshot()).position).toBe(`0-${written.length * 4}`); // four commits per document
    await store.close();
  });

  it('refuses a --data-dir that is a file, or that cannot be created', () => {
    const file = join(dir.path, 'a-file');
    writeFileSync(file, 'x');
    expect(() => openDataDir(file)).toThrow(DataDirError);
    expect(() => openDataDir(file)).toThrow(/is not a directory/);
    expect(() => openDataDir(join(file, 'below'))).toThrow(/cannot create .*ENOTDIR/);
  });
});
