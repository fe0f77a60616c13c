import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEADER_BYTES } from '../../src/store/durable/frame.js';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { call, clientsFor, until } from '../helpers/scenario.js';
import { flipBits, lastJournal, scratchDir } from '../store/durable-support.js';
import { allVpcs, logLines, runToExit, vpcBatches } from './data-dir-support.js';
import { health, stopAll } from './support.js';

/**
 * `--data-dir` against kill -9 (docs/design/persistence.md): the API
 * acknowledges a write only after its journal record is fsynced, so a restart
 * on the same directory has every acknowledged write — and no half of one.
 */
describe('--data-dir across kill -9 and damage', () => {
  let dir: ReturnType<typeof scratchDir>;
  let plinkd: PlinkdProcess | undefined;
  const start = (ports?: { apiPort: number; dnsPort: number }): Promise<PlinkdProcess> =>
    startPlinkd({ accessKeys: ACCESS_KEYS, extraArgs: ['--data-dir', dir.path], ...ports });

  beforeEach(() => {
    dir = scratchDir();
  });
  afterEach(async () => {
    if (plinkd !== undefined) await stopAll([plinkd]);
    plinkd = undefined;
    dir.remove();
  });

  it('keeps every CreateVpc acknowledged before a SIGKILL, each exactly once with its ClientToken', async () => {
    plinkd = await start();
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const acknowledged = new Map<string, string>(); // ClientToken → VpcId
    const inFlight = new Set<string>();
    let killed = false;
    const writer = async (name: string): Promise<void> => {
      for (let n = 0; !killed && n < 2000; n++) {
        const token = `${name}-${n}`;
        inFlight.add(token);
        try {
          const { VpcId } = (await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16', ClientToken: token })) as { VpcId: string };
          if (killed) return; // answered after the kill was decided: not counted
          acknowledged.set(token, VpcId);
          inFlight.delete(token);
        } catch {
          return; // the process died under this call
        }
      }
    };
    const writers = ['a', 'b', 'c', 'd'].map(writer);
    await until(
      async () => acknowledged.size,
      (n) => n >= 150,
      30_000,
    );
    const positionBefore = (await health(plinkd.apiUrl)).body.replica.position;
    killed = true;
    await plinkd.stop(true);
    await Promise.all(writers);
    expect(inFlight.size).toBeLessThanOrEqual(4);

    plinkd = await start({ apiPort: plinkd.apiPort, dnsPort: plinkd.dnsPort });
    const again = clientsFor(plinkd.apiUrl, 'consumer');
    const listed = await allVpcs(again.vpc);
    for (const [token, vpcId] of acknowledged) expect(listed.has(vpcId), `${token} → ${vpcId}`).toBe(true);
    expect(listed.size).toBeLessThanOrEqual(acknowledged.size + inFlight.size);
    for (const vpc of listed.values()) {
      expect(vpc).toMatchObject({ CidrBlock: '10.0.0.0/16', Status: 'Available' });
      expect(String(vpc['OwnerId'])).toBe('2222222222222222');
    }

    // Each VPC was written with its ClientToken record in one transaction: a
    // retry finds the VPC it made, and a VPC without its record would get a twin.
    for (const [token, vpcId] of acknowledged) {
      const { VpcId } = (await call(again.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16', ClientToken: token })) as { VpcId: string };
      expect(VpcId).toBe(vpcId);
    }
    for (const token of inFlight) await call(again.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16', ClientToken: token });
    expect((await allVpcs(again.vpc)).size).toBe(acknowledged.size + inFlight.size);

    // The stream positions go on from where they were.
    const positionAfter = (await health(plinkd.apiUrl)).body.replica.position;
    expect(Number(positionAfter.split('-')[1])).toBeGreaterThan(Number(positionBefore.split('-')[1]));
  }, 90_000);

  it('drops a torn last record with a warning and keeps every record before it', async () => {
    plinkd = await start();
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push(((await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16' })) as { VpcId: string }).VpcId);
    await plinkd.stop(true);

    // Cut the journal inside the record of the last VPC: as if the machine died mid-append.
    const journal = lastJournal(dir.path);
    const last = vpcBatches(journal).find((b) => b.vpcIds.includes(created.at(-1)!))!;
    truncateSync(journal, last.offset + HEADER_BYTES + 10);

    plinkd = await start({ apiPort: plinkd.apiPort, dnsPort: plinkd.dnsPort });
    const warning = logLines(plinkd.output()).find((l) => l['level'] === 'warn' && /torn write/.test(String(l['msg'])));
    expect(warning).toMatchObject({ offset: last.offset, droppedBytes: HEADER_BYTES + 10 });
    const listed = await allVpcs(clientsFor(plinkd.apiUrl, 'consumer').vpc);
    expect([...listed.keys()].sort()).toEqual(created.slice(0, -1).sort());
  });

  it('refuses to start, exit 2 with one line naming the byte, when a record in the middle is damaged', async () => {
    plinkd = await start();
    const consumer = clientsFor(plinkd.apiUrl, 'consumer');
    for (let i = 0; i < 6; i++) await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16' });
    await plinkd.stop();
    plinkd = undefined;

    const journal = lastJournal(dir.path);
    const middle = vpcBatches(journal)[2]!.offset;
    const bytes = readFileSync(journal);
    flipBits(bytes, middle + HEADER_BYTES + 5, 0x20);
    writeFileSync(journal, bytes);
    const { code, stderr } = await runToExit(['--data-dir', dir.path]);
    expect(code).toBe(2);
    const errors = stderr.split('\n').filter((l) => l.startsWith('plinkd:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^plinkd: --data-dir \\(PLINKD_DATA_DIR\\): .*journal-\\d+\\.log, byte ${middle}: .*refusing to start`),
    );
  });
});
