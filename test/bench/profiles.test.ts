import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shareByArea, topSelfTime } from '../../bench/common/cpu-profile.js';
import { allocationByArea, topAllocators } from '../../bench/common/heap-profile.js';

/**
 * The benches' profile readers on real V8 profiles: a CPU profile written by `node --cpu-prof`
 * and a sampling heap profile taken through the inspector, each read by the one frame reader
 * both share (bench/common/profile-frames.ts).
 */
const scratch = mkdtempSync(join(tmpdir(), 'plinkd-profiles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bench profile readers', () => {
  it('find the function that spent the CPU, with its file and line, and its area', () => {
    const script = join(scratch, 'spin.js');
    writeFileSync(
      script,
      [
        'function spinHard(until) {',
        '  let x = 0;',
        '  while (Date.now() < until) for (let i = 0; i < 1e5; i++) x = (x * 31 + i) | 0;',
        '  return x;',
        '}',
        'console.log(spinHard(Date.now() + 400));',
      ].join('\n'),
    );
    const dir = join(scratch, 'cpu');
    const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const top = topSelfTime(dir, 3);
    expect(top[0]).toMatchObject({ fn: 'spinHard', where: expect.stringMatching(/spin\.js:1$/) as unknown });
    expect(top[0]!.percent).toBeGreaterThan(50);
    const [spin, gc] = shareByArea(dir, [
      { name: 'spin', pattern: /spin\.js$/ },
      { name: 'gc', pattern: /^\(garbage collector\)$/ },
    ]);
    expect(spin!.percent).toBeGreaterThan(50);
    expect(spin!.percent + gc!.percent).toBeLessThanOrEqual(100);
  });

  it('find the function that allocated, and the bytes of its area', async () => {
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    const kept: string[][] = [];
    function allocateLots(): void {
      for (let i = 0; i < 2000; i++) kept.push(Array.from({ length: 50 }, (_, j) => `item ${i} ${j}`));
    }
    allocateLots();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    const dir = join(scratch, 'heap');
    mkdirSync(dir);
    writeFileSync(join(dir, 'test.heapprofile'), JSON.stringify(profile));
    expect(kept).toHaveLength(2000);
    const top = topAllocators(dir, 50);
    expect(top.map((t) => t.fn)).toContain('allocateLots');
    expect(top.find((t) => t.fn === 'allocateLots')!.where).toMatch(/^test\/bench\/profiles\.test\.ts:\d+$/);
    const { total, byArea } = allocationByArea(dir, [{ name: 'test', pattern: /profiles\.test\.ts$/ }]);
    expect(byArea[0]!.bytes).toBeGreaterThan(0);
    expect(byArea[0]!.bytes).toBeLessThanOrEqual(total);
  });
});
