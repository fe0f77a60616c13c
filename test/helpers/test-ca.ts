import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCa {
  /** The CA certificate (PEM) a client trusts. */
  caPem: string;
  caPath: string;
  /** The server certificate it issued for localhost, 127.0.0.1 and ::1, and its key. */
  certPath: string;
  keyPath: string;
  remove(): Promise<void>;
}

/**
 * A throwaway CA and a server certificate it signed, made with the real openssl in a
 * temporary directory: what an operator with their own PKI hands to --api-tls-cert/--api-tls-key.
 */
export async function createTestCa(): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'plinkd-ca-'));
  const path = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=plinkd test CA',
  ]);
  await run('openssl', ['req', ...ec, '-keyout', path('server.key'), '-out', path('server.csr'), '-subj', '/CN=localhost']);
  await writeFile(
    path('server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    path('server.csr'),
    '-CA',
    path('ca.pem'),
    '-CAkey',
    path('ca.key'),
    '-CAcreateserial',
    '-out',
    path('server.pem'),
    '-days',
    '2',
    '-extfile',
    path('server.ext'),
  ]);
  return {
    caPem: await readFile(path('ca.pem'), 'utf8'),
    caPath: path('ca.pem'),
    certPath: path('server.pem'),
    keyPath: path('server.key'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
