import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { dig } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';

const TOUR = fileURLToPath(new URL('../../examples/tour.mjs', import.meta.url));

/** The README's 30-second tour works as written: examples/tour.mjs, then dig the name it prints. */
describe('README tour', () => {
  let plinkd: PlinkdProcess;
  beforeAll(async () => {
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, transitionDelayMs: 100 });
  });
  afterAll(async () => {
    await plinkd.stop();
  });

  it('creates an endpoint whose printed name dig resolves to the printed zonal addresses', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [TOUR, plinkd.apiUrl],
        { env: { ...process.env, PLINKD_ACCESS_KEYS: ACCESS_KEYS }, timeout: 30_000 },
        (err, stdout, stderr) => (err === null ? resolve(stdout) : reject(new Error(`${err.message}\n${stdout}${stderr}`))),
      );
    });
    const name = /region-wide name: (\S+)/.exec(output)?.[1];
    const zonal = [...output.matchAll(/→ (\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]);
    expect(name).toMatch(/^ep-[a-z0-9]+\.epsrv-[a-z0-9]+\.cn-hangzhou\.privatelink\.aliyuncs\.com$/);
    expect(zonal).toHaveLength(2);
    const answer = await dig({ host: plinkd.dnsHost, port: plinkd.dnsPort }, [name!, 'A']);
    expect(answer.answer.map((r) => r.data).sort()).toEqual([...zonal].sort());
  });
});
