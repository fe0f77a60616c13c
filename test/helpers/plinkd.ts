import RPCClient from '@alicloud/pop-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface PlinkdProcess {
  apiUrl: string;
  apiPort: number;
  /** The HTTPS listener (options.https), as the SDKs' `endpoint` wants it: `127.0.0.1:<port>`. */
  apiHttpsEndpoint: string | undefined;
  dnsPort: number;
  dnsHost: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM (or SIGKILL when hard) and wait for the exit code. */
  stop(hard?: boolean): Promise<number | null>;
  child: ChildProcess;
}

export interface PlinkdOptions {
  store?: string;
  accessKeys?: string;
  apiTokens?: string;
  transitionDelayMs?: number;
  role?: 'all' | 'api' | 'dns';
  extraArgs?: string[];
  env?: Record<string, string>;
  /**
   * Serve the API over HTTPS too (--api-https on a free port): with `certPath`/`keyPath`,
   * or without them for plinkd's generated self-signed pair.
   */
  https?: { certPath?: string; keyPath?: string };
  /** Reuse ports (for restarts). */
  apiPort?: number;
  dnsPort?: number;
  /**
   * The accounts of `accessKeys` open PrivateLink once plinkd is ready (default
   * true), as accounts that use it have in the cloud; false leaves them as new
   * accounts are, refused endpoint services and endpoints (NeedOpenProduct).
   */
  openPrivateLink?: boolean;
  /** Handed the process's output so far, as soon as it is spawned (to watch it before it is ready). */
  onSpawn?: (output: () => string) => void;
}

/** Starts `node dist/main.js serve` on free loopback ports and waits for its "ready" log line. */
export async function startPlinkd(options: PlinkdOptions = {}): Promise<PlinkdProcess> {
  const apiPort = options.apiPort ?? (await freePort());
  const dnsPort = options.dnsPort ?? (await freePort());
  const args = [
    MAIN,
    'serve',
    '--api',
    `127.0.0.1:${apiPort}`,
    '--dns',
    `127.0.0.1:${dnsPort}`,
    '--store',
    options.store ?? 'memory',
    '--transition-delay',
    String(options.transitionDelayMs ?? 0),
    '--role',
    options.role ?? 'all',
    ...(options.extraArgs ?? []),
  ];
  const httpsPort = options.https === undefined ? undefined : await freePort();
  if (options.https !== undefined) {
    args.push('--api-https', `127.0.0.1:${httpsPort}`);
    if (options.https.certPath !== undefined) args.push('--api-tls-cert', options.https.certPath);
    if (options.https.keyPath !== undefined) args.push('--api-tls-key', options.https.keyPath);
  }
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...(options.env ?? {}) };
  if (options.accessKeys !== undefined) env['PLINKD_ACCESS_KEYS'] = options.accessKeys;
  if (options.apiTokens !== undefined) env['PLINKD_API_TOKENS'] = options.apiTokens;
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  options.onSpawn?.(() => output);
  await readyLine(child, () => output, 20_000, 'plinkd');
  if (options.accessKeys !== undefined && options.role !== 'dns' && options.openPrivateLink !== false)
    await openPrivateLinkFor(`http://127.0.0.1:${apiPort}`, options.accessKeys);
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    apiPort,
    apiHttpsEndpoint: httpsPort === undefined ? undefined : `127.0.0.1:${httpsPort}`,
    dnsPort,
    dnsHost: '127.0.0.1',
    output: () => output,
    child,
    stop: (hard = false) =>
      new Promise((resolve) => {
        // A process that already ended (also by a signal: exitCode stays null then) has nothing left to stop.
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve(child.exitCode);
          return;
        }
        child.once('exit', (code) => resolve(code));
        child.kill(hard ? 'SIGKILL' : 'SIGTERM');
      }),
  };
}

/** OpenPrivateLinkService for every `<uid>:<accessKeyId>:<secret>[:operator]` entry; one already open (OrderOpend) is fine. */
export async function openPrivateLinkFor(apiUrl: string, accessKeys: string): Promise<void> {
  for (const entry of accessKeys.split(',').filter((e) => e.trim() !== '')) {
    const [, accessKeyId = '', accessKeySecret = ''] = entry.trim().split(':');
    const client = new RPCClient({ endpoint: apiUrl, apiVersion: '2020-04-15', accessKeyId, accessKeySecret });
    try {
      await client.request('OpenPrivateLinkService', {}, { method: 'POST', timeout: 20_000 });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'OrderOpend') throw err;
    }
  }
}

/** Resolves at the process's "ready" log line; rejects when it exits first or `timeoutMs` passes. */
export function readyLine(child: ChildProcess, output: () => string, timeoutMs: number, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not become ready in ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = (): void => {
      if (!output().includes('"msg":"ready"')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before ready:\n${output()}`));
    });
  });
}
