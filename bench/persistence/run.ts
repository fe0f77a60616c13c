/**
 * `npm run bench:persistence` — what `--data-dir` costs a write
 * (docs/design/persistence.md "Cost"). See USAGE; results go to
 * bench/results/<date>-persistence.md.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import RPCClient from '@alicloud/pop-core';
import { ACCESS_KEYS, ACCOUNTS, VERSIONS } from '../../test/helpers/cloud.js';
import { openDataDir } from '../../src/store/durable/data-dir.js';
import { openDurableStore } from '../../src/store/durable/durable-store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/types.js';
import type { Vpc } from '../../src/model/types.js';
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { Flags } from '../common/flags.js';
import { machineInfo, machineLines } from '../common/machine.js';
import { startPlinkd } from '../common/processes.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, percentiles } from '../common/stats.js';

const USAGE = `npm run bench:persistence -- [flags]

Measures, on this machine's disk (the OS temp dir), what keeping the memory
store in a data directory costs a write, each against its peer without it in
the same run:
  1. the floor: appending a 300-byte record with and without fdatasync(2);
  2. the store: Store.transact of one VPC document, one writer in a loop and
     32 writers at once (their commits share fsyncs: group commit);
  3. the API: CreateVpc through @alicloud/pop-core against a real plinkd,
     --store memory with and without --data-dir, 1 and 16 clients.

  --writes 2000       records / commits per store run (default 2000)
  --calls 500         CreateVpc calls per API run (default 500)
  --time-limit 600    seconds before the bench stops itself (default 600)

Time: about 1-2 minutes. Binds only to free ports on 127.0.0.1; every process
and temp dir is removed on exit.`;

const flags = new Flags(process.argv.slice(2), USAGE, ['writes', 'calls', 'time-limit']);
const WRITES = flags.count('writes', 2000);
const CALLS = flags.count('calls', 500);
timeLimit(flags.count('time-limit', 600));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A peer and its subject run in alternating rounds, so a shared machine's load drifts over both alike. */
const ROUNDS = 5;

class Run {
  /** Per-operation latencies, ms. */
  readonly latencies: number[] = [];
  private operations = 0;
  private seconds = 0;

  /** Operations per second over the rounds. */
  get rate(): number {
    return this.operations / this.seconds;
  }

  /** `concurrency` loops, each running `operation` until `total` have started. */
  async round(total: number, concurrency: number, operation: () => Promise<void> | void): Promise<void> {
    let started = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (started < total) {
          started += 1;
          const t = performance.now();
          await operation();
          this.latencies.push(performance.now() - t);
        }
      }),
    );
    this.seconds += (performance.now() - t0) / 1000;
    this.operations += total;
  }
}

async function alternate(
  total: number,
  concurrency: number,
  peer: () => Promise<void> | void,
  subject: () => Promise<void> | void,
): Promise<[Run, Run]> {
  const runs: [Run, Run] = [new Run(), new Run()];
  for (let r = 0; r < ROUNDS; r++) {
    await runs[0].round(Math.ceil(total / ROUNDS), concurrency, peer);
    await runs[1].round(Math.ceil(total / ROUNDS), concurrency, subject);
  }
  return runs;
}

/** Appends through node:fs/promises, as the journal does (the syscalls run on libuv's thread pool). */
async function appender(dir: string, name: string, sync: boolean): Promise<{ append: () => Promise<void>; close: () => Promise<void> }> {
  const handle = await open(join(dir, name), 'a');
  const record = Buffer.alloc(300, 0x61);
  return {
    append: async () => {
      await handle.write(record);
      if (sync) await handle.datasync();
    },
    close: () => handle.close(),
  };
}

function vpc(id: string): Vpc {
  return {
    vpcId: id,
    uid: '2222222222222222',
    regionId: 'cn-hangzhou',
    vpcName: 'bench',
    description: 'a document the size of a real VPC record',
    cidrBlock: '10.0.0.0/16',
    ipv6CidrBlock: null,
    status: 'Available',
    createdAt: new Date().toISOString(),
    resourceGroupId: '',
    dependents: {},
  };
}

let written = 0;
function putVpc(store: Store): () => Promise<void> {
  return async () => {
    const id = `vpc-${written++}`;
    await store.transact(async (tx) => tx.put('vpc', id, vpc(id)));
  };
}

/** CreateVpc as the consumer account, through the cloud's own client. */
function createVpc(apiUrl: string): () => Promise<void> {
  const { accessKeyId, secret } = ACCOUNTS.consumer;
  const client = new RPCClient({ endpoint: apiUrl, apiVersion: VERSIONS.vpc, accessKeyId, accessKeySecret: secret });
  return async () => {
    await client.request('CreateVpc', { RegionId: 'cn-hangzhou', CidrBlock: '10.0.0.0/16' }, { method: 'POST' });
  };
}

const row = (name: string, run: Run, peer?: Run): string[] => {
  const [p50, p99] = percentiles(run.latencies, [50, 99]);
  return [name, fmt(p50!, 3), fmt(p99!, 3), fmtInt(run.rate), peer === undefined ? '1' : fmt(peer.rate / run.rate, 1)];
};
const HEADER = ['run', 'p50 ms', 'p99 ms', 'per second', 'slowdown vs peer'];

runBench(async () => {
  const report = new Report('persistence');
  report.line(`# Persistence benchmark: the cost of --data-dir per write — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo([]))) report.line(line);
  report.line(`- disk: the OS temp dir; ${WRITES} records/commits per store run, ${CALLS} CreateVpc calls per API run`);
  report.line();

  const scratch = tempDir('persistence');
  const [plainFile, syncedFile] = [await appender(scratch, 'plain.log', false), await appender(scratch, 'synced.log', true)];
  const [plain, synced] = await alternate(WRITES, 1, plainFile.append, syncedFile.append);
  await Promise.all([plainFile.close(), syncedFile.close()]);
  report.line('### 1. The floor: append a 300-byte record');
  report.line();
  report.table(HEADER, [row('write', plain), row('write + fdatasync', synced, plain)]);
  report.line();

  const memory = new MemoryStore();
  const durable = await openDurableStore(openDataDir(join(scratch, 'store')), { log: quiet });
  const [memory1, durable1] = await alternate(WRITES, 1, putVpc(memory), putVpc(durable));
  const [memory32, durable32] = await alternate(WRITES, 32, putVpc(memory), putVpc(durable));
  await memory.close();
  await durable.close();
  report.line('### 2. The store: Store.transact of one VPC document');
  report.line();
  report.table(HEADER, [
    row('memory, 1 writer', memory1),
    row('memory + data dir, 1 writer', durable1, memory1),
    row('memory, 32 writers', memory32),
    row('memory + data dir, 32 writers (group commit)', durable32, memory32),
  ]);
  report.line();

  const inMemory = await startPlinkd({ store: 'memory', accessKeys: ACCESS_KEYS });
  const onDisk = await startPlinkd({ store: 'memory', accessKeys: ACCESS_KEYS, extraArgs: ['--data-dir', join(scratch, 'api')] });
  const [peerCall, subjectCall] = [createVpc(inMemory.apiUrl), createVpc(onDisk.apiUrl)];
  for (let i = 0; i < 20; i++) await Promise.all([peerCall(), subjectCall()]); // warm-up
  const [api1, apiDisk1] = await alternate(CALLS, 1, peerCall, subjectCall);
  const [api16, apiDisk16] = await alternate(CALLS, 16, peerCall, subjectCall);
  await Promise.all([stopChild(inMemory.child), stopChild(onDisk.child)]);
  report.line('### 3. The API: CreateVpc through @alicloud/pop-core, real plinkd');
  report.line();
  report.table(HEADER, [
    row('--store memory, 1 client', api1),
    row('--store memory --data-dir, 1 client', apiDisk1, api1),
    row('--store memory, 16 clients', api16),
    row('--store memory --data-dir, 16 clients', apiDisk16, api16),
  ]);
  report.line();
  const [syncP50] = percentiles(synced.latencies, [50]);
  const [plainP50] = percentiles(plain.latencies, [50]);
  report.line(
    `- **fdatasync costs ${fmt(syncP50! - plainP50!, 3)} ms per append here (p50)**; a commit waits for one, so one writer's ` +
      `commits run ${fmt(memory1.rate / durable1.rate, 0)}× slower than in memory, 32 writers sharing fsyncs ${fmt(memory32.rate / durable32.rate, 0)}× slower, ` +
      `and CreateVpc from one client ${fmt(api1.rate / apiDisk1.rate, 1)}× slower (16 clients: ${fmt(api16.rate / apiDisk16.rate, 1)}×).`,
  );
  report.write();
});
