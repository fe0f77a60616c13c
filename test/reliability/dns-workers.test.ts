import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEYS } from '../helpers/cloud.js';
import { dig, type DigResult } from '../helpers/dig.js';
import { startPlinkd, type PlinkdProcess } from '../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork, until } from '../helpers/scenario.js';
import { API_TOKEN, health } from './support.js';

/** The pids of a process's children (/proc/<pid>/task/<pid>/children). */
async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '')
    .map(Number);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * docs/design/scale-out.md "DNS workers": `--role dns --dns-workers 2` serves one DNS
 * address from two processes (node:cluster shares the UDP socket and the TCP
 * listener), each its own replica of the Redis store, fed by the change stream.
 * Every query below may land on either worker, so one worker without the change
 * would fail about half of them.
 */
describe('--dns-workers 2: two replicas behind one DNS address', () => {
  let redis: RedisServer;
  let api: PlinkdProcess;
  let dns: PlinkdProcess;
  let domain: string;
  let zonesDir: string;
  const writeZone = (address: string): void =>
    writeFileSync(
      join(zonesDir, 'example.net.zone'),
      `$ORIGIN example.net.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 192.0.2.53\nwww IN A ${address}\n`,
    );

  const outputMatches = (p: PlinkdProcess, pattern: RegExp): Promise<string> =>
    until(
      () => Promise.resolve(p.output()),
      (out) => pattern.test(out),
      60_000,
    );

  /** `count` queries over UDP and as many over TCP, each from a fresh socket. */
  const askMany = async (count: number): Promise<DigResult[]> => {
    const target = { host: dns.dnsHost, port: dns.dnsPort };
    const results: DigResult[] = [];
    for (let i = 0; i < count; i++) results.push(await dig(target, [domain, 'A']), await dig(target, ['+tcp', domain, 'A']));
    return results;
  };

  beforeAll(async () => {
    zonesDir = mkdtempSync(join(tmpdir(), 'plinkd-workers-zones-'));
    writeZone('192.0.2.10');
    redis = await startRedis();
    api = await startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, apiTokens: API_TOKEN, role: 'api', transitionDelayMs: 50 });
    dns = await startPlinkd({
      store: redis.url,
      apiTokens: API_TOKEN,
      role: 'dns',
      extraArgs: ['--dns-workers', '2', '--zones-dir', zonesDir],
    });
    await outputMatches(dns, /"msg":"dns workers ready"/);
  }, 120_000);
  afterAll(async () => {
    await dns?.stop();
    await api?.stop();
    await redis?.destroy();
    rmSync(zonesDir, { recursive: true, force: true });
  });

  it('answers a change made after the start over UDP and TCP from every worker', async () => {
    expect(await childrenOf(dns.child.pid!)).toHaveLength(2);
    const provider = clientsFor(api.apiUrl, 'provider');
    const consumer = clientsFor(api.apiUrl, 'consumer');
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    const network = await createNetwork(consumer, 21, ['cn-hangzhou-h']);
    domain = (await createConnectedEndpoint(consumer, network, serviceId, ['cn-hangzhou-h'])).endpointDomain;
    await until(
      () => dig({ host: dns.dnsHost, port: dns.dnsPort }, [domain, 'A']),
      (r) => r.answer.length === 1,
    );
    const answers = await askMany(12);
    for (const r of answers)
      expect({ status: r.status, data: r.answer[0]?.data }).toMatchObject({ status: 'NOERROR', data: /^10\.21\.0\.\d+$/ });
    // The HTTP port is shared too: every worker's /healthz is a dns replica's.
    expect((await health(dns.apiUrl)).body).toMatchObject({ status: 'ok', role: 'dns' });
  }, 60_000);

  it('replaces a worker that dies, and the new one loads the replica before it serves', async () => {
    const [victim, other] = await childrenOf(dns.child.pid!);
    process.kill(victim!, 'SIGKILL');
    await outputMatches(dns, /"msg":"dns worker exited; starting another"[\s\S]*"msg":"ready"/);
    const now = await until(
      () => childrenOf(dns.child.pid!),
      (pids) => pids.length === 2 && !pids.includes(victim!),
      30_000,
    );
    expect(now).toContain(other);
    const answers = await askMany(12);
    for (const r of answers) expect(r.answer[0]?.data).toMatch(/^10\.21\.0\.\d+$/);
  }, 90_000);

  it('passes SIGHUP on to every worker: all of them reload the static zones', async () => {
    writeZone('192.0.2.11');
    dns.child.kill('SIGHUP');
    const target = { host: dns.dnsHost, port: dns.dnsPort };
    await until(
      () => dig(target, ['www.example.net', 'A']),
      (r) => r.answer[0]?.data === '192.0.2.11',
    );
    // Both workers reload at about the same moment; give the other a little longer.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let i = 0; i < 12; i++) {
      expect((await dig(target, ['www.example.net', 'A'])).answer[0]?.data).toBe('192.0.2.11');
      expect((await dig(target, ['+tcp', 'www.example.net', 'A'])).answer[0]?.data).toBe('192.0.2.11');
    }
  }, 60_000);

  it('stops every worker on SIGTERM and exits 0', async () => {
    const workers = await childrenOf(dns.child.pid!);
    expect(await dns.stop()).toBe(0);
    for (const pid of workers)
      await until(
        () => Promise.resolve(alive(pid)),
        (a) => !a,
        10_000,
      );
    expect(dns.output()).toMatch(/"msg":"stopping dns workers"/);
  }, 30_000);

  it('refuses more than one worker without --role dns, with one line and exit 2', async () => {
    const { stderr, code } = await promisify(execFile)(process.execPath, ['dist/main.js', 'serve', '--dns-workers', '2']).then(
      (r) => ({ ...r, code: 0 }),
      (err: { stderr: string; code: number }) => err,
    );
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--dns-workers \(PLINKD_DNS_WORKERS\): above 1 .* --role dns with a redis:\/\/ store/);
  });
});
