import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { waitForPort } from './redis.js';

export interface RedisClusterNode {
  port: number;
  dir: string;
  /** Kills this node (SIGKILL when `hard`). */
  stop(hard?: boolean): Promise<void>;
}

export interface RedisCluster {
  nodes: RedisClusterNode[];
  /** `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…` for `--store`. */
  url: string;
  /** Stops every node and removes their data directories. */
  destroy(): Promise<void>;
}

export interface RedisClusterOptions {
  masters?: number;
  appendonly?: boolean;
}

/**
 * Starts a real Redis Cluster on loopback: `masters` redis-servers with
 * `--cluster-enabled yes`, each with its own config file and data directory and
 * an explicit cluster bus port (so nothing assumes port + 10000 is free), joined
 * by `redis-cli --cluster create … --cluster-replicas 0`, and waits until every
 * node reports cluster_state:ok.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const count = options.masters ?? 3;
  const nodes: Array<RedisClusterNode & { child: ChildProcess }> = [];
  try {
    for (let i = 0; i < count; i++) nodes.push(await startNode(options.appendonly === true));
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], 30_000);
    for (const node of nodes) await waitForClusterOk(node.port, 20_000);
    return {
      nodes,
      url: `redis-cluster://${addresses.join(',')}`,
      async destroy() {
        for (const node of nodes) {
          await node.stop(true);
          rmSync(node.dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    for (const node of nodes) {
      await node.stop(true);
      rmSync(node.dir, { recursive: true, force: true });
    }
    throw err;
  }
}

async function startNode(appendonly: boolean): Promise<RedisClusterNode & { child: ChildProcess }> {
  const port = await freePort();
  const busPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-cluster-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    join(dir, 'nodes.conf'),
    '--cluster-port',
    String(busPort),
    '--cluster-node-timeout',
    '2000',
    '--save',
    '',
    '--appendonly',
    appendonly ? 'yes' : 'no',
    '--appendfsync',
    'always',
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  await waitForPort(port, 10_000);
  let running: ChildProcess | null = child;
  return {
    port,
    dir,
    child,
    stop: (hard = false) =>
      new Promise<void>((resolve) => {
        const proc = running;
        running = null;
        if (proc === null || proc.exitCode !== null || proc.signalCode !== null) {
          resolve();
          return;
        }
        proc.once('exit', () => resolve());
        proc.kill(hard ? 'SIGKILL' : 'SIGTERM');
      }),
  };
}

async function waitForClusterOk(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'CLUSTER', 'INFO'], 5000).catch(() => '');
    if (/cluster_state:ok/.test(info)) return;
    if (Date.now() > deadline) throw new Error(`cluster node ${port} not ok within ${timeoutMs} ms:\n${info}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function run(tool: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err !== null) reject(new Error(`${tool} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}
