import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

/** The scale-out flags (docs/architecture.md): roles, store URLs, lease and connection limits, validated at start. */
describe('scale-out configuration', () => {
  const load = (argv: string[], env: Record<string, string> = {}): ReturnType<typeof loadConfig> => loadConfig(argv, env);

  it('reads --role, --lease-ttl and --http-max-connections, or their env twins', () => {
    const config = load(['--role', 'dns', '--store', 'redis-cluster://10.0.0.1:7000,10.0.0.2:7000', '--lease-ttl', '2500'], {
      PLINKD_HTTP_MAX_CONNECTIONS: '64',
    });
    expect(config).toMatchObject({ role: 'dns', leaseTtlMs: 2500, httpMaxConnections: 64 });
    expect(load([])).toMatchObject({ role: 'all', store: 'memory', leaseTtlMs: 10_000, httpMaxConnections: 1024 });
  });

  it('refuses split roles on the per-process memory store', () => {
    expect(() => load(['--role', 'api'])).toThrow(ConfigError);
    expect(() => load(['--role', 'dns', '--store', 'memory'])).toThrow(/use a redis:\/\/ store/);
  });

  it('reads --data-dir and --data-compact-bytes, or their env twins, and keeps --data-dir to the memory store', () => {
    expect(load([], { PLINKD_DATA_DIR: '/var/lib/plinkd' })).toMatchObject({
      dataDir: '/var/lib/plinkd',
      dataCompactBytes: 64 * 1024 * 1024,
    });
    expect(load(['--data-dir', './data', '--data-compact-bytes', '4096'])).toMatchObject({ dataDir: './data', dataCompactBytes: 4096 });
    expect(load([]).dataDir).toBeUndefined();
    expect(() => load(['--data-dir', 'd', '--store', 'redis://10.0.0.1:6379'])).toThrow(
      /^--data-dir \(PLINKD_DATA_DIR\): keeps the memory store on disk/,
    );
  });

  it.each([
    ['--data-dir', ' ', /expected a directory path/],
    ['--data-compact-bytes', '100', /4096\.\.1099511627776/],
    ['--store', 'redis-sentinel://10.0.0.1:26379', /master name/],
    ['--store', 'redis://a:1,b:2', /exactly one host/],
    ['--store', 'redis://h:99999', /invalid port/],
    ['--store', 'postgres://h', /expected memory or a redis/],
    ['--lease-ttl', '100', /500\.\.600000/],
    ['--http-max-connections', '0', /1\.\.1000000/],
    ['--role', 'worker', /expected all, api or dns/],
  ])('refuses %s %s with a clear message', (flag, value, message) => {
    expect(() => load([flag, value])).toThrow(message);
  });
});
