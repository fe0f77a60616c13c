import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import RPCClient from '@alicloud/pop-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalGenerations, SNAPSHOT_FILE } from '../../src/store/durable/files.js';
import { ACCESS_KEYS, VERSIONS } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { call, clientsFor } from '../helpers/scenario.js';
import { scratchDir } from '../store/durable-support.js';
import { allVpcs, logLines, runToExit } from './data-dir-support.js';
import { stopAll } from './support.js';

/** `--data-dir` across restarts (docs/design/persistence.md): compaction, the generated credentials, the lock. */
describe('--data-dir across restarts', () => {
  let dir: ReturnType<typeof scratchDir>;
  let plinkd: PlinkdProcess | undefined;

  beforeEach(() => {
    dir = scratchDir();
  });
  afterEach(async () => {
    if (plinkd !== undefined) await stopAll([plinkd]);
    plinkd = undefined;
    dir.remove();
  });

  it('compacts the journal into a snapshot, and keeps every VPC across compactions and restarts', async () => {
    const created: string[] = [];
    let compactions = 0;
    for (let round = 0; round < 4; round++) {
      plinkd = await startPlinkd({
        accessKeys: ACCESS_KEYS,
        extraArgs: ['--data-dir', dir.path, '--data-compact-bytes', '4096'],
        apiPort: plinkd?.apiPort,
        dnsPort: plinkd?.dnsPort,
      });
      const consumer = clientsFor(plinkd.apiUrl, 'consumer');
      expect([...(await allVpcs(consumer.vpc)).keys()].sort(), `round ${round}`).toEqual([...created].sort());
      for (let i = 0; i < 15; i++)
        created.push(((await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16' })) as { VpcId: string }).VpcId);
      // Odd rounds end with SIGKILL, even ones with SIGTERM.
      await plinkd.stop(round % 2 === 1);
      compactions += logLines(plinkd.output()).filter((l) => l['msg'] === 'journal compacted into a snapshot').length;
      expect(existsSync(join(dir.path, SNAPSHOT_FILE))).toBe(true);
      expect(journalGenerations(dir.path).length).toBeLessThanOrEqual(2);
    }
    // The journal is folded in once it outgrows both the threshold and the snapshot:
    // the first rounds compact, later ones mostly replay the journal on top of the snapshot.
    expect(compactions).toBeGreaterThanOrEqual(3);
    plinkd = await startPlinkd({
      accessKeys: ACCESS_KEYS,
      extraArgs: ['--data-dir', dir.path],
      apiPort: plinkd!.apiPort,
      dnsPort: plinkd!.dnsPort,
    });
    expect([...(await allVpcs(clientsFor(plinkd.apiUrl, 'consumer').vpc)).keys()].sort()).toEqual([...created].sort());
  }, 120_000); // five starts of a real process on a shared machine

  it('keeps the generated operator key and API token, printing the secrets only on the first start', async () => {
    plinkd = await startPlinkd({ extraArgs: ['--data-dir', dir.path] });
    const first = plinkd.output();
    // The first screen: lines to paste (first-screen.ts).
    const accessKeyId = /export ALIBABA_CLOUD_ACCESS_KEY_ID=(\S+)/.exec(first)![1]!;
    const secret = /ALIBABA_CLOUD_ACCESS_KEY_SECRET=(\S+)/.exec(first)![1]!;
    const token = /export PLINKD_API_TOKEN=(\S+)/.exec(first)![1]!;
    const file = join(dir.path, 'credentials');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain(`export ALIBABA_CLOUD_ACCESS_KEY_ID=${accessKeyId}\n`);
    expect(saved).toContain(`export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${secret}\n`);
    expect(saved).toContain(`export PLINKD_API_TOKENS=${token}\n`);
    for (const line of logLines(first)) expect(JSON.stringify(line)).not.toContain(secret);

    const works = async (process: PlinkdProcess): Promise<void> => {
      const operator = new RPCClient({ endpoint: process.apiUrl, apiVersion: VERSIONS.vpc, accessKeyId, accessKeySecret: secret });
      await call(operator, 'DescribeVpcs');
      const validate = (bearer: string): Promise<Response> =>
        fetch(`${process.apiUrl}/v1/policies:validate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            policyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' }] },
          }),
        });
      expect((await validate(token)).status).toBe(200);
      expect((await validate('not-the-token-0123456789')).status).toBe(401);
    };
    await works(plinkd);

    for (const hard of [false, true]) {
      await plinkd.stop(hard);
      plinkd = await startPlinkd({ extraArgs: ['--data-dir', dir.path], apiPort: plinkd.apiPort, dnsPort: plinkd.dnsPort });
      const later = plinkd.output();
      expect(later).not.toContain(secret);
      expect(later).not.toContain(token);
      expect(later).toContain(`generated on the first start: ${file}`);
      await works(plinkd);
    }
  }, 90_000);

  it('refuses a second plinkd on the same directory, and --data-dir with a Redis store (exit 2, one line)', async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, extraArgs: ['--data-dir', dir.path] });
    const second = await runToExit(['--data-dir', dir.path]);
    expect(second.code).toBe(2);
    expect(second.stderr.trim().split('\n')).toEqual([
      `plinkd: --data-dir (PLINKD_DATA_DIR): ${dir.path} is in use by plinkd pid ${plinkd.child.pid} (lock file ${join(dir.path, 'plinkd.lock')}); stop that process, or delete the file if the pid is not a plinkd`,
    ]);
    // The first one is unharmed.
    await call(clientsFor(plinkd.apiUrl, 'consumer').vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16' });

    const redis = await runToExit(['--data-dir', dir.path, '--store', 'redis://127.0.0.1:6379']);
    expect(redis.code).toBe(2);
    expect(redis.stderr.trim()).toBe(
      'plinkd: --data-dir (PLINKD_DATA_DIR): keeps the memory store on disk; a Redis store keeps its data in Redis (appendonly yes)',
    );
  });
});
