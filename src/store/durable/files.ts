import { closeSync, fsyncSync, openSync, readdirSync, renameSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files of a data directory (docs/design/persistence.md "Files"). Every one
 * is created mode 0600: the documents include access key secrets.
 */
export const FILE_MODE = 0o600;
export const SNAPSHOT_FILE = 'snapshot';
export const SNAPSHOT_TEMP_FILE = 'snapshot.tmp';

const JOURNAL_NAME = /^journal-(\d{8})\.log$/;

export function journalFile(generation: number): string {
  return `journal-${String(generation).padStart(8, '0')}.log`;
}

/** The journal generations present, oldest first. */
export function journalGenerations(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => JOURNAL_NAME.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
}

/**
 * A rename or a new file is durable only once its directory is (fsync(2):
 * "an explicit fsync() on a file descriptor for the directory is also needed").
 */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function syncDirectoryAsync(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `name` in `dir` with `text` all at once: temp file, fsync, rename, fsync of the directory. */
export function replaceFileDurably(dir: string, name: string, text: string): void {
  const temp = join(dir, `${name}.tmp`);
  const fd = openSync(temp, 'w', FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(dir, name));
  syncDirectory(dir);
}
