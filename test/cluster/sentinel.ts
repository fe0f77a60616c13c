import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/ports.js';
import { waitForPort } from '../helpers/redis.js';

export interface SentinelSetup {
  masterName: string;
  masterPort: number;
  replicaPort: number;
  sentinelPort: number;
  /** `redis-sentinel://127.0.0.1:<sentinel>/<masterName>` for `--store`. */
  url: string;
  /** SIGKILLs the current master (sentinel then promotes the replica). */
  killMaster(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A master, a replica of it and one sentinel (`redis-server <conf> --sentinel`,
 * quorum 1, down after 1 s) on loopback, each in its own temp directory. The
 * sentinel rewrites its config file, so it gets a writable one.
 */
/** Until the replica reports its link to the master up (initial sync done). */
async function waitForLink(replicaPort: number): Promise<void> {
  const client = new Redis({ host: '127.0.0.1', port: replicaPort });
  try {
    const deadline = Date.now() + 10_000;
    while (!/master_link_status:up/.test(await client.info('replication'))) {
      if (Date.now() > deadline) throw new Error('replica did not sync with its master within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    client.disconnect();
  }
}

export async function startSentinelSetup(): Promise<SentinelSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-sentinel-'));
  const children: ChildProcess[] = [];
  const masterName = 'plinkd-master';
  const [masterPort, replicaPort, sentinelPort] = [await freePort(), await freePort(), await freePort()];
  const server = async (port: number, name: string, extra: string[]): Promise<ChildProcess> => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--dbfilename', `${name}.rdb`, '--save', '', '--appendonly', 'no', ...extra], { stdio: 'ignore' });
    children.push(child);
    await waitForPort(port, 10_000);
    return child;
  };
  // Redis 7 waits 5 s before a diskless full sync by default; the test cannot.
  const master = await server(masterPort, 'master', ['--repl-diskless-sync-delay', '0']);
  await server(replicaPort, 'replica', ['--replicaof', '127.0.0.1', String(masterPort)]);
  await waitForLink(replicaPort);
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 1`,
      `sentinel down-after-milliseconds ${masterName} 1000`,
      `sentinel failover-timeout ${masterName} 5000`,
      '',
    ].join('\n'),
  );
  children.push(spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' }));
  await waitForPort(sentinelPort, 10_000);
  const kill = (child: ChildProcess): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return {
    masterName,
    masterPort,
    replicaPort,
    sentinelPort,
    url: `redis-sentinel://127.0.0.1:${sentinelPort}/${masterName}`,
    killMaster: () => kill(master),
    async destroy() {
      for (const child of children) await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
