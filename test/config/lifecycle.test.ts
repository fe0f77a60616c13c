import RPCClient from '@alicloud/pop-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSIONS } from '../helpers/cloud.js';
import { freePort } from '../helpers/ports.js';
import { alive, bindable, launch, logLine, MAIN, REPO, scratch, until } from './serve-process.js';

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

/**
 * The running process (README.md "Running it, and signals"): the ready line, --pid-file, SIGHUP
 * reloading, SIGTERM/SIGINT stopping cleanly at any point, however plinkd was started;
 * and the first screen a new user pastes from.
 */
describe('plinkd serve as a process', () => {
  it('prints a first screen to paste from, says ready with pid, version and addresses, reloads on HUP, stops on TERM', async () => {
    const { dir, env } = scratch();
    const [api, dns] = [await freePort(), await freePort()];
    const pidFile = join(dir, 'plinkd.pid');
    const plinkd = launch(
      process.execPath,
      [MAIN, 'serve', '--api', `127.0.0.1:${api}`, '--dns', `127.0.0.1:${dns}`, '--pid-file', pidFile],
      env,
      dir,
    );
    try {
      await plinkd.waitFor(/"msg":"ready"/);
      // stdout and stderr are two pipes: the screen, written before the ready line, may arrive after it.
      await plinkd.waitFor(/node examples\/tour\.mjs/);
      const { stdout, stderr } = plinkd.output();
      expect(logLine(stderr, 'ready')).toMatchObject({
        pid: plinkd.child.pid,
        version,
        api: `127.0.0.1:${api}`,
        dns: [`udp/127.0.0.1:${dns}`, `tcp/127.0.0.1:${dns}`],
      });
      expect(readFileSync(pidFile, 'utf8')).toBe(`${plinkd.child.pid}\n`);

      // One line exports the key, one the token; what a shell makes of them works.
      const keyLine = stdout.split('\n').find((line) => line.includes('ALIBABA_CLOUD_ACCESS_KEY_ID='))!;
      expect(keyLine).toMatch(/^ {2}export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI\w+ ALIBABA_CLOUD_ACCESS_KEY_SECRET=\S+$/);
      const tokenLine = stdout.split('\n').find((line) => line.includes('PLINKD_API_TOKEN='))!;
      const pasted = execFileSync('sh', ['-c', `${keyLine}\n${tokenLine}\nenv`], { encoding: 'utf8', env: {} });
      const exported = Object.fromEntries(
        pasted.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(stdout).toContain(`cloud API http://127.0.0.1:${api}`);
      expect(stdout).toContain(`DNS 127.0.0.1:${dns} (UDP+TCP)`);
      expect(stdout).toContain(`PLINKD_API=http://127.0.0.1:${api} PLINKD_DNS=127.0.0.1:${dns} node examples/tour.mjs`);
      const vpc = new RPCClient({
        endpoint: `http://127.0.0.1:${api}`,
        apiVersion: VERSIONS.vpc,
        accessKeyId: exported['ALIBABA_CLOUD_ACCESS_KEY_ID']!,
        accessKeySecret: exported['ALIBABA_CLOUD_ACCESS_KEY_SECRET']!,
      });
      await vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }, { method: 'POST' });
      const topology = await fetch(`http://127.0.0.1:${api}/v1/topology`, {
        headers: { authorization: `Bearer ${exported['PLINKD_API_TOKEN']}` },
      });
      expect(topology.status).toBe(200);
      // Secrets go to the terminal, never to the log.
      expect(stderr).not.toContain(exported['ALIBABA_CLOUD_ACCESS_KEY_SECRET']);
      expect(stderr).not.toContain(exported['PLINKD_API_TOKEN']);

      const health = await (await fetch(`http://127.0.0.1:${api}/healthz`)).text();
      expect(health.endsWith('}\n')).toBe(true);

      process.kill(plinkd.child.pid!, 'SIGHUP');
      await plinkd.waitFor(/"msg":"reloading"/);
      expect(alive(plinkd.child.pid!)).toBe(true);
    } finally {
      plinkd.child.kill('SIGTERM');
    }
    expect(await plinkd.exited).toBe(0);
    expect(plinkd.output().stderr).toContain('"msg":"stopped"');
    expect(existsSync(pidFile)).toBe(false);
    expect(await bindable(api)).toBe(true);
    expect(await bindable(dns)).toBe(true);
  });

  it('stops on SIGTERM or SIGINT while it still waits for its store', async () => {
    const { dir, env } = scratch();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const args = ['serve', '--api', `127.0.0.1:${await freePort()}`, '--dns', `127.0.0.1:${await freePort()}`];
      const plinkd = launch(
        process.execPath,
        [MAIN, ...args, '--store', `redis://127.0.0.1:${await freePort()}`, '--pid-file', join(dir, 'pid')],
        env,
        dir,
      );
      await plinkd.waitFor(/"msg":"store not reachable; retrying"/);
      plinkd.child.kill(signal);
      expect(await plinkd.exited).toBe(0);
      expect(existsSync(join(dir, 'pid'))).toBe(false);
    }
  });

  /**
   * `npm start` (package.json: `exec node dist/main.js serve`): npm passes TERM and INT to
   * plinkd; npm itself dies of HUP, and plinkd, orphaned, stops rather than keep the ports.
   * HUP for a reload goes to plinkd's own pid (--pid-file). `--ignore-scripts` skips the
   * build (prestart) the suite has done already.
   */
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'under npm start, %s to npm leaves no plinkd behind',
    async (signal) => {
      const { dir, env } = scratch();
      const [api, dns] = [await freePort(), await freePort()];
      const pidFile = join(dir, 'plinkd.pid');
      const npm = launch(
        'npm',
        ['start', '--ignore-scripts', '--silent', '--', '--api', `127.0.0.1:${api}`, '--dns', `127.0.0.1:${dns}`, '--pid-file', pidFile],
        { ...env, npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false' },
        REPO,
      );
      try {
        await npm.waitFor(/"msg":"ready"/, 60_000);
        const pid = Number(readFileSync(pidFile, 'utf8'));
        expect(pid).not.toBe(npm.child.pid);
        // The reload signal reaches plinkd by its pid file, npm or not.
        process.kill(pid, 'SIGHUP');
        await npm.waitFor(/"msg":"reloading"/);
        npm.child.kill(signal);
        await until(() => !alive(pid), 10_000, `plinkd (pid ${pid}) gone after ${signal} to npm`);
        await until(() => bindable(api), 5_000, 'the API port free');
        expect(await bindable(dns)).toBe(true);
        expect(existsSync(pidFile)).toBe(false);
      } finally {
        npm.child.kill('SIGKILL');
      }
    },
    90_000,
  );
});
