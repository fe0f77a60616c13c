import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_MODE } from './files.js';

export const LOCK_FILE = 'plinkd.lock';

export class DataDirError extends Error {
  override name = 'DataDirError';
}

export interface DirLock {
  /** The pid of a dead process whose lock was taken over, if any. */
  readonly tookOverFrom: number | undefined;
  release(): void;
}

/**
 * One plinkd per data directory: `plinkd.lock` holds the owner's pid. The file
 * appears complete or not at all (written under a name of our own, then
 * link(2)ed into place, which fails if it exists). A lock whose pid is dead —
 * or is our own pid, left by an earlier life of a container's fixed pid — is
 * stale and taken over: renamed aside and checked to be the one judged stale,
 * so two processes racing for it cannot both win.
 */
export function lockDirectory(dir: string): DirLock {
  const lockPath = join(dir, LOCK_FILE);
  const mine = join(dir, `${LOCK_FILE}.${process.pid}`);
  try {
    writeFileSync(mine, `${process.pid}\n`, { mode: FILE_MODE });
  } catch (err) {
    throw new DataDirError(`cannot write in ${dir}: ${errorText(err)}`);
  }
  let tookOverFrom: number | undefined;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, lockPath);
        return { tookOverFrom, release: () => release(lockPath) };
      } catch (err) {
        if (codeOf(err) !== 'EEXIST') throw new DataDirError(`cannot create ${lockPath}: ${errorText(err)}`);
      }
      const holder = readPid(lockPath);
      if (holder === 'gone') continue;
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new DataDirError(
          `${dir} is in use by plinkd pid ${holder} (lock file ${lockPath}); stop that process, or delete the file if the pid is not a plinkd`,
        );
      }
      const aside = `${lockPath}.stale.${process.pid}`;
      try {
        renameSync(lockPath, aside);
      } catch (err) {
        if (codeOf(err) === 'ENOENT') continue;
        throw new DataDirError(`cannot take over ${lockPath}: ${errorText(err)}`);
      }
      if (readPid(aside) !== holder) {
        // A live process locked it between our read and the rename: put its lock back.
        tryIgnore(() => linkSync(aside, lockPath));
      } else {
        tookOverFrom = holder;
      }
      tryIgnore(() => unlinkSync(aside));
    }
    throw new DataDirError(`cannot take ${lockPath}: it keeps changing hands`);
  } finally {
    tryIgnore(() => unlinkSync(mine));
  }
}

function release(lockPath: string): void {
  if (readPid(lockPath) === process.pid) tryIgnore(() => unlinkSync(lockPath));
}

/** The pid in a lock file; undefined when unreadable as one (stale), 'gone' when the file vanished. */
function readPid(path: string): number | undefined | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return 'gone';
    throw new DataDirError(`cannot read ${path}: ${errorText(err)}`);
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM'; // exists, owned by someone else
  }
}

function codeOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

export function errorText(err: unknown): string {
  return codeOf(err) ?? (err instanceof Error ? err.message : String(err));
}

function tryIgnore(action: () => void): void {
  try {
    action();
  } catch {
    // best effort: the caller's outcome does not depend on it
  }
}
