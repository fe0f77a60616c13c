import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Server as NetServer } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNameOf, FLAGS } from '../../src/config/flags.js';
import { freePort } from '../helpers/ports.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { REPO, runToEnd, scratch } from './serve-process.js';

/**
 * `plinkd serve` as a new user meets it (README.md "Configuration"): every configuration
 * mistake ends the start with exit 2 and one line on stderr naming the flag and its env twin,
 * before anything is created (the data directory), printed (credentials) or left listening.
 */
describe('plinkd serve fails fast on a bad configuration', () => {
  const { dir, env } = scratch();
  let takenTcp: NetServer;
  let takenUdp: Socket;
  let takenTcpPort: number;
  let takenUdpPort: number;

  beforeAll(async () => {
    takenTcpPort = await freePort();
    takenUdpPort = await freePort();
    takenTcp = createServer();
    await new Promise<void>((resolve) => takenTcp.listen(takenTcpPort, '127.0.0.1', resolve));
    takenUdp = createSocket('udp4');
    await new Promise<void>((resolve) => takenUdp.bind(takenUdpPort, '127.0.0.1', resolve));
    writeFileSync(join(dir, 'a-file'), 'not a directory');
  });
  afterAll(() => {
    takenTcp.close();
    takenUdp.close();
  });

  const key = (secret: string): string => `1234567890123456:LTAIexample0001:${secret}`;
  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['an unknown flag', ['--bogus'], {}, /^plinkd: unknown flag --bogus /],
    ['a stray argument', ['extra'], {}, /^plinkd: unexpected argument 'extra'/],
    ['a flag given twice', ['--role', 'all', '--role', 'all'], {}, /^plinkd: --role \(PLINKD_ROLE\): is given twice$/],
    ['a flag without its value', ['--region'], {}, /^plinkd: --region \(PLINKD_REGION\): needs a value$/],
    [
      'a value taken from the next flag',
      ['--region', '--role', 'all'],
      {},
      /^plinkd: --region \(PLINKD_REGION\): needs a value, got the flag --role/,
    ],
    // The switch takes no value, so the next flag is read as a flag (and its bad value found).
    [
      'a switch before a flag',
      ['--query-log', '--lease-ttl', '5'],
      {},
      /^plinkd: --lease-ttl \(PLINKD_LEASE_TTL\): expected an integer 500\.\.600000, got '5'$/,
    ],
    [
      'a switch with a bad value',
      ['--query-log=maybe'],
      {},
      /^plinkd: --query-log \(PLINKD_QUERY_LOG\): expected true or false, got 'maybe'$/,
    ],
    [
      'an env twin with a bad value',
      [],
      { PLINKD_ACCESS_LOG: 'loud' },
      /^plinkd: --access-log \(PLINKD_ACCESS_LOG\): expected true or false, got 'loud'$/,
    ],
    ['bad --access-keys', [], { PLINKD_ACCESS_KEYS: 'nonsense' }, /^plinkd: --access-keys \(PLINKD_ACCESS_KEYS\): entry 1: expected <uid>/],
    [
      'one AccessKeyId with two secrets',
      ['--access-keys', `${key('secret-one')},${key('secret-two')}`],
      {},
      /^plinkd: --access-keys \(PLINKD_ACCESS_KEYS\): AccessKeyId LTAIexample0001 is given twice, differently \(entries 1 and 2\)/,
    ],
    ['a store URL of another kind', ['--store', 'postgres://db'], {}, /^plinkd: --store \(PLINKD_STORE\): expected memory or a redis:\/\//],
    [
      'a Redis database that is no number',
      ['--store', 'redis://127.0.0.1:6379/x'],
      {},
      /^plinkd: --store \(PLINKD_STORE\): invalid Redis database '\/x'/,
    ],
    [
      'a database of a Redis Cluster',
      ['--store', 'redis-cluster://127.0.0.1:7000/3'],
      {},
      /^plinkd: --store \(PLINKD_STORE\): Redis Cluster has database 0 only/,
    ],
    [
      'a --zones-dir that does not exist',
      ['--zones-dir', join(dir, 'nowhere')],
      {},
      /^plinkd: --zones-dir \(PLINKD_ZONES_DIR\): '.*nowhere' does not exist$/,
    ],
    [
      'a --zones-dir that is a file',
      ['--zones-dir', join(dir, 'a-file')],
      {},
      /^plinkd: --zones-dir \(PLINKD_ZONES_DIR\): '.*a-file' is not a directory$/,
    ],
    [
      'split roles on the memory store',
      [],
      { PLINKD_ROLE: 'dns' },
      /^plinkd: --role \(PLINKD_ROLE\): --role dns runs beside other processes/,
    ],
  ];

  it.each(cases)('%s: exit 2, one line, nothing created', async (_what, args, extraEnv, message) => {
    const dataDir = join(dir, `data-${Math.random().toString(36).slice(2)}`);
    const ports = ['--api', `127.0.0.1:${await freePort()}`, '--dns', `127.0.0.1:${await freePort()}`];
    // --data-dir is given too (but with a Redis store, where it is a mistake of its own): it must not be created.
    const withDir = args.some((a) => a.startsWith('redis') || a.startsWith('postgres')) ? [] : ['--data-dir', dataDir];
    const result = await runToEnd(['serve', ...ports, ...withDir, ...args], { ...env, ...extraEnv }, dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(dataDir)).toBe(false);
  });

  it.each([
    ['api', 'tcp'],
    ['dns', 'tcp'],
    ['dns', 'udp'],
    ['api-https', 'tcp'],
  ] as const)('a taken --%s port (%s): exit 2 naming it, before any credential or directory exists', async (flag, protocol) => {
    const taken = protocol === 'tcp' ? takenTcpPort : takenUdpPort;
    const addresses: Record<string, string> = {
      api: `127.0.0.1:${await freePort()}`,
      dns: `127.0.0.1:${await freePort()}`,
    };
    addresses[flag] = `127.0.0.1:${taken}`;
    const args = Object.entries(addresses).flatMap(([name, value]) => [`--${name}`, value]);
    const dataDir = join(dir, `data-${flag}-${protocol}`);
    const result = await runToEnd(['serve', ...args, '--data-dir', dataDir], env, dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`plinkd: --${flag} (${envNameOf(flag)}): 127.0.0.1:${taken}/${protocol} is already in use\n`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('two flags naming one port are caught too', async () => {
    const port = await freePort();
    const result = await runToEnd(
      ['serve', '--api', `127.0.0.1:${port}`, '--dns', `127.0.0.1:${await freePort()}`, '--api-https', `127.0.0.1:${port}`],
      env,
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`plinkd: --api-https (PLINKD_API_HTTPS): 127.0.0.1:${port}/tcp is also given to --api\n`);
    const dns = await freePort();
    const twice = await runToEnd(['serve', '--dns', `127.0.0.1:${dns},127.0.0.1:${dns}`], env, dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe(`plinkd: --dns (PLINKD_DNS): 127.0.0.1:${dns}/udp is listed twice\n`);
  });

  it('serve --help and -h print every flag of the table with its env twin, exit 0; --version the package version', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await runToEnd(['serve', flag], env, dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      for (const spec of FLAGS) {
        expect(result.stdout).toContain(`--${spec.name}`);
        expect(result.stdout).toContain(`env ${envNameOf(spec.name)}`);
      }
    }
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['serve', '--version'], ['--version']]) {
      const result = await runToEnd(args, env, dir);
      expect(result).toMatchObject({ code: 0, stdout: `plinkd ${version}\n`, stderr: '' });
    }
  });
});

/**
 * A Redis store that is there but not as the URL says: the database refused at SELECT, or a
 * cluster node behind redis://, ends the start as a bad flag does; an unreachable one is
 * waited for, each failed attempt logged with its reason, until --store-wait.
 */
describe('plinkd serve and its Redis store', () => {
  const { dir, env } = scratch();
  let redis: RedisServer;
  let protected_: RedisServer;
  let clusterNode: RedisServer;
  let http: Server;
  let httpPort: number;

  beforeAll(async () => {
    [redis, protected_, clusterNode] = await Promise.all([
      startRedis(),
      startRedis({ extraArgs: ['--requirepass', 'the-password'] }),
      startRedis({ extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'] }),
    ]);
    httpPort = await freePort();
    http = createHttpServer((_req, res) => res.end('hello\n'));
    await new Promise<void>((resolve) => http.listen(httpPort, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    http?.close();
    await Promise.all([redis?.destroy(), protected_?.destroy(), clusterNode?.destroy()]);
  });

  const serve = async (store: string, extra: string[] = []): Promise<Awaited<ReturnType<typeof runToEnd>>> =>
    runToEnd(
      ['serve', '--api', `127.0.0.1:${await freePort()}`, '--dns', `127.0.0.1:${await freePort()}`, '--store', store, ...extra],
      env,
      dir,
    );

  it('refuses a database the server does not have (exit 2, --store named), and writes nothing in database 0', async () => {
    const result = await serve(`${redis.url}/99`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      `plinkd: --store (PLINKD_STORE): ${redis.url}/99: the server has no database 99 (it has redis.conf 'databases', 16 by default, numbered from 0)`,
    );
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.port, '127.0.0.1');
    try {
      expect(await client.dbsize()).toBe(0);
    } finally {
      client.disconnect();
    }
  });

  it('refuses a cluster node behind redis:// (exit 2)', async () => {
    const result = await serve(clusterNode.url);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^plinkd: --store \(PLINKD_STORE\): .* is a Redis Cluster node: use redis-cluster:\/\//,
    );
  });

  it.each([
    ['nothing listening', () => `redis://127.0.0.1:${unusedPort}`, /connection refused/],
    ['an HTTP server', () => `redis://127.0.0.1:${httpPort}`, /not a Redis server: it answered in another protocol/],
    ['no password for a protected server', () => protected_.url, /authentication failed: the server wants a password/],
    ['a wrong password', () => `redis://:wrong@127.0.0.1:${protected_.port}`, /authentication failed: wrong user name or password/],
    [
      'redis-cluster:// at a standalone server',
      () => redis.url.replace('redis://', 'redis-cluster://'),
      /not a Redis Cluster: use redis:\/\//,
    ],
  ])('logs why each attempt failed (%s) and gives up after --store-wait with exit 1', async (_what, url, reason) => {
    const result = await serve(url(), ['--store-wait', '1500']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    const attempts = lines.filter((line) => line.includes('"msg":"store not reachable; retrying"'));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    for (const attempt of attempts) expect((JSON.parse(attempt) as { reason: string }).reason).toMatch(reason);
    expect(lines.at(-1)).toMatch(/^plinkd: store unavailable: .* not reachable within 1500 ms: /);
    expect(lines.at(-1)).toMatch(reason);
    expect(result.stderr).not.toContain('wrong@');
  });

  let unusedPort = 0;
  beforeAll(async () => {
    unusedPort = await freePort();
  });
});
