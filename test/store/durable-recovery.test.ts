import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirError } from '../../src/store/durable/dir-lock.js';
import { SNAPSHOT_FILE, SNAPSHOT_TEMP_FILE } from '../../src/store/durable/files.js';
import { HEADER_BYTES } from '../../src/store/durable/frame.js';
import { flipBits, lastJournal, openStoreIn, putVpcs, recordOffsets, scratchDir, vpc } from './durable-support.js';

/**
 * Loading a data directory after a crash (docs/design/persistence.md
 * "Recovery"): a torn last record is dropped with a warning, anything damaged
 * with intact records behind it stops the start.
 */
describe('recovery of a data directory', () => {
  let dir: ReturnType<typeof scratchDir>;
  const ids = Array.from({ length: 10 }, (_, i) => `vpc-${i}`);
  beforeEach(async () => {
    dir = scratchDir();
    const { store } = await openStoreIn(dir.path);
    await putVpcs(store, ids);
    await store.close();
  });
  afterEach(() => dir.remove());

  /** Record offsets of the journal: [header, vpc-0, …, vpc-9]. */
  const records = (): number[] => recordOffsets(lastJournal(dir.path));

  it.each([
    ['inside the last header', 5],
    ['inside the last payload', HEADER_BYTES + 20],
  ])('drops a record torn %s with a warning, keeps the ones before it, and appends cleanly after it', async (_where, into) => {
    const journal = lastJournal(dir.path);
    const lastRecord = records().at(-1)!;
    truncateSync(journal, lastRecord + into);

    const { store, lines } = await openStoreIn(dir.path);
    const warning = lines.find((l) => l.level === 'warn');
    expect(warning?.msg).toMatch(/torn write/);
    expect(warning?.fields).toMatchObject({ offset: lastRecord, droppedBytes: into });
    for (const id of ids.slice(0, -1)) expect(await store.get('vpc', id)).toEqual(vpc(id));
    expect(await store.get('vpc', 'vpc-9')).toBeUndefined();
    expect(statSync(journal).size).toBe(lastRecord);
    await putVpcs(store, ['vpc-after']);
    await store.close();

    const again = await openStoreIn(dir.path);
    expect(again.lines.filter((l) => l.level === 'warn')).toEqual([]);
    expect(await again.store.get('vpc', 'vpc-after')).toEqual(vpc('vpc-after'));
    expect((await again.store.snapshot()).position).toBe('0-10');
    await again.store.close();
  });

  it('drops a zero-filled tail (a file extended by a crash) with a warning and loses nothing', async () => {
    appendFileSync(lastJournal(dir.path), Buffer.alloc(4096));
    const { store, lines } = await openStoreIn(dir.path);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    for (const id of ids) expect(await store.get('vpc', id)).toEqual(vpc(id));
    await store.close();
  });

  it.each([
    ['a payload byte', HEADER_BYTES + 3],
    ['a length byte', 1],
  ])('refuses to start when %s of a record in the middle is damaged', async (_what, at) => {
    const journal = lastJournal(dir.path);
    const middle = records()[5]!;
    const bytes = readFileSync(journal);
    flipBits(bytes, middle + at, 0x40);
    writeFileSync(journal, bytes);
    const opening = openStoreIn(dir.path);
    await expect(opening).rejects.toThrow(DataDirError);
    await expect(opening).rejects.toThrow(new RegExp(`byte ${middle}: a damaged record .*refusing to start`));
    expect(readFileSync(journal).equals(bytes)).toBe(true); // nothing cut off
  });

  it('refuses to start when a whole record is missing from the middle', async () => {
    const journal = lastJournal(dir.path);
    const offsets = records();
    const bytes = readFileSync(journal);
    writeFileSync(journal, Buffer.concat([bytes.subarray(0, offsets[4]!), bytes.subarray(offsets[5]!)]));
    await expect(openStoreIn(dir.path)).rejects.toThrow(/batch 5 follows batch 3 \(batches in between are missing\)/);
  });

  it('ignores the temp file of a compaction that did not finish, and refuses a damaged snapshot', async () => {
    writeFileSync(join(dir.path, SNAPSHOT_TEMP_FILE), 'half a snapshot');
    const { store } = await openStoreIn(dir.path, 4096);
    await putVpcs(
      store,
      Array.from({ length: 40 }, (_, i) => `vpc-more-${i}`),
    );
    await store.close();
    const snapshot = join(dir.path, SNAPSHOT_FILE);
    const bytes = readFileSync(snapshot);
    flipBits(bytes, bytes.length >> 1, 0x01);
    writeFileSync(snapshot, bytes);
    await expect(openStoreIn(dir.path)).rejects.toThrow(/snapshot is damaged .*refusing to start/);
  });
});
