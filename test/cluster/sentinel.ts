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
  /**
   * Waits until the replica holds everything the master has written so far
   * (`waitForReplica`), then SIGKILLs the master; the sentinel then promotes
   * the replica.
   */
  killMaster(): Promise<void>;
  destroy(): Promise<void>;
}

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

/** `<name>:<integer>` from an INFO section. */
function infoNumber(info: string, name: string): number {
  const match = new RegExp(`^${name}:(\\d+)\\r?$`, 'm').exec(info);
  if (match === null) throw new Error(`INFO has no ${name}`);
  return Number(match[1]);
}

/**
 * Until the replica has processed the master's replication stream up to the
 * master's offset at the time of the call: everything written before is then
 * on the replica.
 *
 * Redis replicates asynchronously, so a master that dies takes with it what it
 * had not yet sent (Redis docs, "Replication": "Redis uses by default
 * asynchronous replication"; Sentinel docs: acknowledged writes can be lost in
 * a failover). `master_link_status:up` does not mean the stream flows yet:
 * after a diskless full sync the master holds the command stream back until it
 * takes a REPLCONF ACK from the replica as the sign it loaded the RDB (its log:
 * "Waiting for REPLCONF ACK from slave to enable streaming"). The replica sends
 * one at once, but if that arrives before the master has noticed its RDB child
 * finished, the next one comes with the replica's once-a-second cron — so for
 * up to a second every write stays in the master's buffer. A SIGKILL in that
 * window lost plinkd's bootstrap keys and first VPC (replica promoted at
 * offset 0), about one run in four.
 */
async function waitForReplica(masterPort: number, replicaPort: number, timeoutMs = 10_000): Promise<void> {
  const master = new Redis({ host: '127.0.0.1', port: masterPort });
  const replica = new Redis({ host: '127.0.0.1', port: replicaPort });
  try {
    const target = infoNumber(await master.info('replication'), 'master_repl_offset');
    const deadline = Date.now() + timeoutMs;
    while (infoNumber(await replica.info('replication'), 'slave_repl_offset') < target) {
      if (Date.now() > deadline) throw new Error(`replica did not reach the master's replication offset ${target} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    master.disconnect();
    replica.disconnect();
  }
}

/**
 * A master, a replica of it and one sentinel (`redis-server <conf> --sentinel`,
 * quorum 1, down after 1 s) on loopback, each in its own temp directory. The
 * sentinel rewrites its config file, so it gets a writable one.
 */
export async function startSentinelSetup(): Promise<SentinelSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-sentinel-'));
  const children: ChildProcess[] = [];
  const masterName = 'plinkd-master';
  const [masterPort, replicaPort, sentinelPort] = [await freePort(), await freePort(), await freePort()];
  const server = async (port: number, name: string, extra: string[]): Promise<ChildProcess> => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--dbfilename',
        `${name}.rdb`,
        '--save',
        '',
        '--appendonly',
        'no',
        ...extra,
      ],
      { stdio: 'ignore' },
    );
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
    async killMaster() {
      await waitForReplica(masterPort, replicaPort);
      await kill(master);
    },
    async destroy() {
      for (const child of children) await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
