import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/config.js';
import { ACCESS_KEYS, ACCOUNTS } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';

const QUICKSTART = fileURLToPath(new URL('../../../examples/sdk-quickstart.mjs', import.meta.url));

interface ScriptRun {
  ok: boolean;
  output: string;
}

/** The README's SDK example (examples/sdk-quickstart.mjs) as a user runs it: nothing about TLS in it. */
function runQuickstart(endpoint: string, env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [QUICKSTART],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          PLINKD_ENDPOINT: endpoint,
          ALIBABA_CLOUD_ACCESS_KEY_ID: ACCOUNTS.consumer.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: ACCOUNTS.consumer.secret,
          ...env,
        },
        timeout: 30_000,
      },
      (err, stdout, stderr) => resolve({ ok: err === null, output: `${stdout}${stderr}` }),
    );
  });
}

describe('HTTPS listener with a generated self-signed certificate', () => {
  let stateHome: string;
  let plinkd: PlinkdProcess;
  const certPath = (): string => join(stateHome, 'plinkd', 'api-tls-cert.pem');
  const keyPath = (): string => join(stateHome, 'plinkd', 'api-tls-key.pem');

  beforeAll(async () => {
    stateHome = await mkdtemp(join(tmpdir(), 'plinkd-state-'));
    plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, https: {}, env: { XDG_STATE_HOME: stateHome } });
  });
  afterAll(async () => {
    await plinkd.stop();
    await rm(stateHome, { recursive: true, force: true });
  });

  it('generates the pair in the XDG state directory, key readable by its owner only, and says how to trust it', async () => {
    expect(plinkd.output()).toContain(`NODE_EXTRA_CA_CERTS=${certPath()}`);
    expect((await stat(keyPath())).mode & 0o777).toBe(0o600);
    const cert = new X509Certificate(await readFile(certPath()));
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(plinkd.output()).not.toContain('PRIVATE KEY');
  });

  it('serves the official SDK on its defaults once NODE_EXTRA_CA_CERTS names the certificate, and only then', async () => {
    const endpoint = plinkd.apiHttpsEndpoint!;
    const trusted = await runQuickstart(endpoint, { NODE_EXTRA_CA_CERTS: certPath() });
    expect(trusted.output).toMatch(/^created vpc-[a-z0-9]+: 10\.0\.0\.0\/16, 1 VPC\n$/);
    expect(trusted.ok).toBe(true);
    const untrusted = await runQuickstart(endpoint, {});
    expect(untrusted.ok).toBe(false);
    expect(untrusted.output).toMatch(/self[- ]signed certificate/i);
  });

  it('reuses the pair on the next start (a client keeps trusting it)', async () => {
    const before = await readFile(certPath(), 'utf8');
    const again = await startPlinkd({ accessKeys: ACCESS_KEYS, https: {}, env: { XDG_STATE_HOME: stateHome } });
    try {
      expect(again.output()).not.toContain('Generated a self-signed certificate');
      expect(await readFile(certPath(), 'utf8')).toBe(before);
      expect((await runQuickstart(again.apiHttpsEndpoint!, { NODE_EXTRA_CA_CERTS: certPath() })).ok).toBe(true);
    } finally {
      await again.stop();
    }
  });
});

describe('HTTPS configuration', () => {
  const load = (argv: string[], env: Record<string, string> = {}): ReturnType<typeof loadConfig> => loadConfig(argv, env);

  it('reads --api-https, --api-tls-cert and --api-tls-key or their env twins; HTTPS is off by default', () => {
    expect(load([])).toMatchObject({ apiHttps: undefined, apiTlsCert: undefined, apiTlsKey: undefined });
    expect(load(['--api-https', '[::1]:8443'], { PLINKD_API_TLS_CERT: '/etc/c.pem', PLINKD_API_TLS_KEY: '/etc/k.pem' })).toMatchObject({
      apiHttps: { host: '::1', port: 8443 },
      apiTlsCert: '/etc/c.pem',
      apiTlsKey: '/etc/k.pem',
    });
  });

  it('refuses a certificate without its key, and TLS files without --api-https', () => {
    expect(() => load(['--api-https', '127.0.0.1:8443', '--api-tls-cert', '/c.pem'])).toThrow(/go together/);
    expect(() => load(['--api-tls-cert', '/c.pem', '--api-tls-key', '/k.pem'])).toThrow(/give --api-https/);
    expect(() => load(['--api-https', 'nowhere'])).toThrow(ConfigError);
  });

  it('fails to start, naming the file, when a given certificate cannot be read', async () => {
    await expect(
      startPlinkd({ accessKeys: ACCESS_KEYS, https: { certPath: '/nonexistent/cert.pem', keyPath: '/nonexistent/key.pem' } }),
    ).rejects.toThrow(/--api-tls-(cert|key) \/nonexistent\/(cert|key)\.pem: ENOENT/);
  });
});
