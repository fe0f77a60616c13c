import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything a bench started — child processes and temp directories — is
 * registered here and removed however the bench ends: normal exit, an error,
 * Ctrl-C, SIGTERM, or its own time limit. Children are killed by their pid
 * (never by name), synchronously, so nothing outlives the bench.
 */
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
let installed = false;

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  children.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the bench's processes`);
      killAll();
      process.exit(130);
    });
  }
}

export function track(child: ChildProcess): ChildProcess {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function tempDir(label: string): string {
  install();
  const dir = mkdtempSync(join(tmpdir(), `plinkd-bench-${label}-`));
  dirs.add(dir);
  return dir;
}

/** Stops a child gently (SIGTERM, then SIGKILL after `graceMs`) and waits for it. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Ends the bench (with cleanup) if it runs past `seconds`: every bench is
 * bounded in time, whatever the machine does.
 */
export function timeLimit(seconds: number): void {
  install();
  const timer = setTimeout(() => {
    console.error(`\nbench exceeded its time limit of ${seconds} s; stopping`);
    killAll();
    process.exit(124);
  }, seconds * 1000);
  timer.unref();
}

/** Removes temp dirs and kills what is left; call at the normal end. */
export function cleanupNow(): void {
  killAll();
}

/** Runs a bench's main function, then cleans up and exits 0, or prints the error, cleans up and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main()
    .then(() => {
      cleanupNow();
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      cleanupNow();
      process.exit(1);
    });
}
