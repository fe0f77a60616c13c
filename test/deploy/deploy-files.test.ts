import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readyLine } from '../helpers/plinkd.js';
import { freePort } from '../helpers/ports.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

/**
 * The ways to run plinkd (docs/deploy.md) start the real process with their own flags and
 * environment: the systemd unit's ExecStart, the Dockerfile's ENV + CMD (and its HEALTHCHECK
 * command), compose.yaml's api and DNS services against a real Redis. Only listen addresses,
 * the state directory and the Redis host are swapped for loopback ports and temporary
 * directories; a flag the program does not take fails here. (Building the image and
 * verifying the files with their own tools: `npm run deploy:check`.)
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'dist/main.js');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Running {
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

const started: Running[] = [];
const dirs: string[] = [];
let redis: RedisServer | undefined;

afterAll(async () => {
  for (const process of started) await process.stop();
  await redis?.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-deploy-'));
  dirs.push(dir);
  return dir;
}

/** `node dist/main.js <args>` with exactly `env` added; resolves once it logs "ready". */
async function start(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Running> {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const running: Running = {
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
  started.push(running);
  await readyLine(child, () => output, 30_000, `plinkd ${args.join(' ')}`);
  return running;
}

async function health(port: number): Promise<{ status: number; body: { status: string; role: string } }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as { status: string; role: string } };
}

/** Replaces the value after `flag` (which must be there). */
function withValue(args: string[], flag: string, value: string): string[] {
  const i = args.indexOf(flag);
  expect(i, `${flag} in ${args.join(' ')}`).toBeGreaterThanOrEqual(0);
  return [...args.slice(0, i + 1), value, ...args.slice(i + 2)];
}

describe('the systemd unit', () => {
  it("starts plinkd with the unit's ExecStart flags, answers /healthz, and stops cleanly on SIGTERM", async () => {
    const unit = read('deploy/plinkd.service');
    const execStart = /^ExecStart=(.+)$/m.exec(unit)?.[1];
    expect(execStart).toBeDefined();
    const words = execStart!.trim().split(/\s+/);
    expect(words.slice(0, 2)).toEqual(['/usr/bin/node', '/opt/plinkd/dist/main.js']);
    expect(unit).toMatch(/^DynamicUser=yes$/m);
    expect(unit).toMatch(/^AmbientCapabilities=CAP_NET_BIND_SERVICE$/m);
    expect(unit).toMatch(/^StateDirectory=plinkd$/m);
    const state = tempDir();
    const [apiPort, dnsPort] = [await freePort(), await freePort()];
    let args = words.slice(2).map((word) => (word === '${STATE_DIRECTORY}' ? state : word));
    expect(args).toContain(state);
    args = withValue(args, '--dns', `127.0.0.1:${dnsPort}`);
    args = withValue(args, '--api', `127.0.0.1:${apiPort}`);
    const plinkd = await start(args, {});
    expect(await health(apiPort)).toMatchObject({ status: 200, body: { status: 'ok', role: 'all' } });
    // --data-dir: the generated API token is kept in the state directory.
    expect(readFileSync(join(state, 'credentials'), 'utf8')).toContain('PLINKD_API_TOKENS=');
    expect(await plinkd.stop()).toBe(0);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const json = (instruction: string): string[] => {
    const match = new RegExp(`^${instruction} (\\[.*\\])$`, 'm').exec(dockerfile.replace(/\\\n\s*/g, ''));
    expect(match, instruction).not.toBeNull();
    return JSON.parse(match![1]!) as string[];
  };

  it('is two stages and runs as an unprivileged user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER \$\{PLINKD_UID\}:\$\{PLINKD_UID\}$/m);
    expect(dockerfile).toMatch(/^ARG PLINKD_UID=[1-9]\d+$/m);
  });

  it('starts with its ENV and CMD, and its HEALTHCHECK passes while plinkd is up and fails once it is gone', async () => {
    const env = Object.fromEntries(
      [...dockerfile.replace(/\\\n\s*/g, ' ').matchAll(/(PLINKD_[A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!] as const),
    );
    expect(env).toMatchObject({ PLINKD_API: '0.0.0.0:8080', PLINKD_DNS: '0.0.0.0:5300' });
    const [apiPort, dnsPort] = [await freePort(), await freePort()];
    const containerEnv = { ...env, PLINKD_API: `127.0.0.1:${apiPort}`, PLINKD_DNS: `127.0.0.1:${dnsPort}` };
    const entrypoint = json('ENTRYPOINT');
    expect(entrypoint).toEqual(['node', 'dist/main.js']);
    const cmd = withValue(json('CMD'), '--data-dir', tempDir());
    const plinkd = await start(cmd, containerEnv);

    const healthcheck = json('HEALTHCHECK(?: --\\S+)* CMD');
    expect(healthcheck[0]).toBe('node');
    const check = (): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, healthcheck.slice(1), { env: { ...process.env, ...containerEnv }, stdio: 'ignore' });
        child.once('exit', (code) => resolve(code));
      });
    expect(await check()).toBe(0);
    expect(await plinkd.stop()).toBe(0);
    expect(await check()).toBe(1);
  });
});

describe('compose.yaml', () => {
  const compose = read('deploy/compose.yaml');
  /** A service's block: its lines up to the next top-level service. */
  const block = (name: string): string => {
    const match = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)+)`, 'm').exec(compose);
    expect(match, `service ${name}`).not.toBeNull();
    return match![1]!;
  };
  const command = (service: string): string[] => {
    const line = /^ {4}command: (\[.*\])$/m.exec(block(service))?.[1];
    expect(line, `${service} command`).toBeDefined();
    return JSON.parse(line!.replace(/'/g, '"')) as string[];
  };
  /** The service's environment with compose's `${VAR:-default}` and `${VAR:?message}` resolved from `given`. */
  const environment = (service: string, given: Readonly<Record<string, string>>): Record<string, string> => {
    const section = /^ {4}environment:\n((?: {6}.*\n)+)/m.exec(block(service))?.[1] ?? '';
    const out: Record<string, string> = {};
    for (const [, name, value] of section.matchAll(/^ {6}([A-Z_]+): (.*)$/gm)) {
      out[name!] = value!.replace(/\$\{([A-Z_]+):([-?])([^}]*)\}/g, (_, variable: string, kind: string, rest: string) => {
        const set = given[variable];
        if (set !== undefined && set !== '') return set;
        if (kind === '?') throw new Error(`compose refuses to start without ${variable}: ${rest}`);
        return rest;
      });
    }
    return out;
  };

  it('lists redis, one api and two DNS services, with host ports configurable and loopback by default', () => {
    for (const service of ['redis', 'api', 'dns1', 'dns2']) block(service);
    expect(compose).toContain("'${PLINKD_BIND:-127.0.0.1}:${PLINKD_API_PORT:-8080}:8080'");
    expect(compose).toContain("'${PLINKD_BIND:-127.0.0.1}:${PLINKD_DNS1_PORT:-5301}:5300/udp'");
    expect(compose).toContain("'${PLINKD_BIND:-127.0.0.1}:${PLINKD_DNS2_PORT:-5302}:5300/udp'");
    expect(() => environment('api', {})).toThrow(/PLINKD_API_TOKENS/);
  });

  it('runs its api and both DNS replicas with their own commands and environment on one Redis', async () => {
    redis = await startRedis({ appendonly: true });
    const token = 'deploy-test-token-0123456789';
    const replicas: Array<{ service: string; port: number }> = [];
    for (const service of ['api', 'dns1', 'dns2']) {
      const args = command(service).map((word) => (word === 'redis://redis:6379' ? redis!.url : word));
      expect(args).toContain(redis.url);
      const [apiPort, dnsPort] = [await freePort(), await freePort()];
      // The image's ENV (Dockerfile) gives the listen addresses; here they are loopback ports.
      await start(args, {
        ...environment(service, { PLINKD_API_TOKENS: token }),
        PLINKD_API: `127.0.0.1:${apiPort}`,
        PLINKD_DNS: `127.0.0.1:${dnsPort}`,
      });
      replicas.push({ service, port: apiPort });
    }
    for (const { service, port } of replicas) {
      expect(await health(port), service).toMatchObject({ status: 200, body: { status: 'ok', role: service === 'api' ? 'api' : 'dns' } });
      const authorize = await fetch(`http://127.0.0.1:${port}/v1/authorize`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ endpointId: 'ep-none', action: 'oss:GetObject', resource: 'acs:oss:*:1:b/k' }),
      });
      expect(authorize.status, service).toBe(404);
    }
  });
});
