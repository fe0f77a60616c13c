import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCertificate } from './self-signed.js';

/** The certificate and key the HTTPS listener serves (PEM). */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** Where the certificate is, for the operator's messages. */
  certPath: string;
  /** True when this start generated it. */
  generated: boolean;
}

export interface ApiTlsOptions {
  /** --api-tls-cert / --api-tls-key; both undefined for the generated pair. */
  certPath: string | undefined;
  keyPath: string | undefined;
  /** The --api-https host, added to the generated certificate's names when it is specific. */
  listenHost: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Generated certificates last 825 days, the longest TLS clients commonly accept. */
const GENERATED_DAYS = 825;
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * The generated pair lives in the XDG state directory, `$XDG_STATE_HOME/plinkd`
 * (default `~/.local/state/plinkd`), so it survives restarts and a client told to trust it
 * once keeps trusting it; it is made again only when missing or expired
 * (docs/design/signatures.md "HTTPS").
 */
export function generatedTlsDir(env: Readonly<Record<string, string | undefined>>): string {
  const stateHome =
    env['XDG_STATE_HOME'] !== undefined && env['XDG_STATE_HOME'] !== '' ? env['XDG_STATE_HOME'] : join(homedir(), '.local', 'state');
  return join(stateHome, 'plinkd');
}

export async function loadApiTls(options: ApiTlsOptions): Promise<TlsMaterial> {
  if (options.certPath !== undefined && options.keyPath !== undefined) {
    const [cert, key] = await Promise.all([readPem(options.certPath, '--api-tls-cert'), readPem(options.keyPath, '--api-tls-key')]);
    return { cert, key, certPath: options.certPath, generated: false };
  }
  const dir = generatedTlsDir(options.env);
  const certPath = join(dir, 'api-tls-cert.pem');
  const keyPath = join(dir, 'api-tls-key.pem');
  const existing = await readPair(certPath, keyPath);
  if (existing !== undefined && new Date(new X509Certificate(existing.cert).validTo).getTime() > Date.now() + 24 * 60 * 60 * 1000) {
    return { ...existing, certPath, generated: false };
  }
  const wildcard = options.listenHost === '0.0.0.0' || options.listenHost === '::' || LOOPBACK_NAMES.includes(options.listenHost);
  const pair = selfSignedCertificate('plinkd API', wildcard ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, options.listenHost], GENERATED_DAYS);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, pair.keyPem, { mode: 0o600 });
  await chmod(keyPath, 0o600); // an older file keeps its mode through writeFile
  await writeFile(certPath, pair.certPem, { mode: 0o644 });
  return { cert: pair.certPem, key: pair.keyPem, certPath, generated: true };
}

async function readPem(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`${flag} ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

async function readPair(certPath: string, keyPath: string): Promise<{ cert: string; key: string } | undefined> {
  try {
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  } catch {
    return undefined;
  }
}
