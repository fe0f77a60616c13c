import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataDirError, errorText, lockDirectory } from './dir-lock.js';

export { DataDirError } from './dir-lock.js';

/** A data directory this process has locked (`--data-dir`, docs/design/persistence.md). */
export interface DataDir {
  readonly path: string;
  /** Pid of the dead process whose stale lock was taken over, if any. */
  readonly tookOverFrom: number | undefined;
  release(): void;
}

/** Creates the directory if missing (mode 0700), checks it is a writable directory, and locks it. */
export function openDataDir(path: string): DataDir {
  const dir = resolve(path);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new DataDirError(`${dir} is not a directory`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new DataDirError(`cannot create ${dir}: ${errorText(err)}`);
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new DataDirError(`${dir} is not writable: ${errorText(err)}`);
  }
  const lock = lockDirectory(dir);
  return { path: dir, tookOverFrom: lock.tookOverFrom, release: () => lock.release() };
}
