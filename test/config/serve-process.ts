import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A scratch directory as a new user's: HOME and XDG_STATE_HOME inside it, nothing of this machine's. */
export function scratch(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-startup-'));
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: dir, XDG_STATE_HOME: join(dir, 'state') };
  return { dir, env };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/main.js <args>` to its end (killed after `timeoutMs`). */
export function runToEnd(args: string[], env: Record<string, string>, cwd: string, timeoutMs = 20_000): Promise<Finished> {
  const child = spawn(process.execPath, [MAIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`plinkd ${args.join(' ')} did not end within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // The pipes may still hold the last bytes: let them drain.
      setImmediate(() => resolve({ code, stdout, stderr }));
    });
  });
}

export interface Running {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** Resolves once `pattern` appears on stdout or stderr (rejects after `timeoutMs` or at exit). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

export function launch(command: string, args: string[], env: Record<string, string>, cwd: string): Running {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = pattern.exec(stdout + stderr);
          if (found === null) return;
          cleanup();
          resolve(found[0]);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${stdout}${stderr}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => {
          if (!listeners.has(check)) return;
          cleanup();
          reject(new Error(`exited before ${pattern}:\n${stdout}${stderr}`));
        });
        check();
      }),
  };
}

/** The JSON log line whose msg is `msg`. */
export function logLine(stderr: string, msg: string): Record<string, unknown> | undefined {
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (entry['msg'] === msg) return entry;
  }
  return undefined;
}

/** Whether host:port can be bound now over TCP and UDP (a stopped plinkd left nothing behind). */
export async function bindable(port: number, host = '127.0.0.1'): Promise<boolean> {
  const tcp = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
  const udp = await new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
  return tcp && udp;
}

/** Whether a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
