import { execFile } from 'node:child_process';

/** Shared by the reliability tests: small reads of a running plinkd's HTTP port. */

export interface Health {
  status: 'ok' | 'degraded';
  role: string;
  store: { kind: string; health: string };
  replica: { health: string; position: string; resyncs: number };
  reconciler?: { leader: boolean };
}

export async function health(apiUrl: string): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${apiUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as Health };
}

/** The value of the first line of a metric in /metrics. */
export async function metric(apiUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (line === undefined) throw new Error(`no ${name} in /metrics:\n${text}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

export const API_TOKEN = 'reliability-token-0123456789';

export async function authorize(apiUrl: string, endpointId: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${apiUrl}/v1/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      endpointId,
      principal: 'acs:ram::2222222222222222:user/x',
      action: 'oss:GetObject',
      resource: 'acs:oss:*:2222222222222222:bucket/key',
    }),
  });
  return { status: response.status, body: await response.json() };
}

/** Runs redis-cli against a loopback port and returns its output. */
export function redisCli(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 5000 }, (err, stdout, stderr) => {
      if (err !== null) reject(new Error(`redis-cli ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Stops processes still running. (The shared helper's stop() waits for an exit
 * event that a process already killed with SIGKILL has emitted long ago.)
 */
export async function stopAll(
  processes: ReadonlyArray<{ child: { exitCode: number | null; signalCode: NodeJS.Signals | null }; stop(): Promise<unknown> }>,
): Promise<void> {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.stop();
}
