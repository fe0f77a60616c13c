import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dig } from '../../helpers/dig.js';
import { freePort } from '../../helpers/ports.js';

/**
 * A real unbound (Debian package `unbound`) as a VPC's resolver in front of
 * plinkd: a foreground process with a generated config in a temp directory,
 * listening on and sending from its own loopback address — which a resolver
 * binding maps to a VPC, as a VPC resolver's address would be.
 */

export interface UnboundZone {
  name: string;
  kind: 'forward' | 'stub';
  /** `127.0.0.1@5300` */
  addr: string;
}

export interface UnboundOptions {
  /** Listen and outgoing address, e.g. 127.0.0.71. */
  address: string;
  zones: UnboundZone[];
}

export interface Unbound {
  address: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

const UNBOUND = '/usr/sbin/unbound';
const CHECKCONF = '/usr/sbin/unbound-checkconf';

/** Fails with a clear message when unbound is not installed (the suite needs it: .ci/run installs it). */
export function requireUnbound(): void {
  try {
    execFileSync(UNBOUND, ['-V'], { stdio: 'pipe' });
  } catch {
    throw new Error('unbound is not installed (Debian package "unbound"; .ci/run installs it): the resolver tests need the real thing');
  }
}

export function unboundConfig(options: UnboundOptions, port: number, dir: string): string {
  const lines = [
    'server:',
    '  do-daemonize: no',
    `  interface: ${options.address}@${port}`,
    '  interface-automatic: no',
    `  outgoing-interface: ${options.address}`,
    '  access-control: 127.0.0.0/8 allow',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${dir}"`,
    `  pidfile: "${join(dir, 'unbound.pid')}"`,
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 1',
    '  num-threads: 1',
    '  so-reuseport: no',
    '  do-ip6: no',
    '  module-config: "iterator"',
    '  do-not-query-localhost: no',
    '  qname-minimisation: no',
    '',
  ];
  for (const zone of options.zones) {
    lines.push(`${zone.kind}-zone:`, `  name: "${zone.name}."`, `  ${zone.kind}-addr: ${zone.addr}`, '');
  }
  return lines.join('\n');
}

export async function startUnbound(options: UnboundOptions): Promise<Unbound> {
  requireUnbound();
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-unbound-'));
  const port = await freePort(options.address);
  const configFile = join(dir, 'unbound.conf');
  writeFileSync(configFile, unboundConfig(options, port, dir));
  execFileSync(CHECKCONF, [configFile], { stdio: 'pipe' });
  const child: ChildProcess = spawn(UNBOUND, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready once it answers anything on its port.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`unbound exited with ${child.exitCode}:\n${output}`);
    try {
      await dig({ host: options.address, port }, ['localhost', 'A', '+time=1'], 3000);
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`unbound did not answer within 15 s: ${String(err)}\n${output}`, { cause: err });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { address: options.address, port, output: () => output, stop };
}
