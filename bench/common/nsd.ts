import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { track } from './cleanup.js';
import type { FleetEndpoint } from './fleet.js';

export const NSD_BINARY = '/usr/sbin/nsd';

/** SOA and NS as plinkd's region zone has them (src/dns/projection/region-zone.ts). */
export interface ZoneHead {
  origin: string;
  /** The address plinkd gives ns1.<origin> (its DNS listen address). */
  nsAddress: string;
}

/**
 * The RFC 1035 master file of the same names and addresses plinkd serves for
 * the fleet, written as the fleet is generated (one pass, nothing kept).
 */
export class ZoneFileWriter {
  private readonly out: WriteStream;
  private readonly suffix: string;
  records = 0;

  constructor(
    readonly path: string,
    head: ZoneHead,
  ) {
    this.out = createWriteStream(path);
    this.suffix = `.${head.origin}`;
    const serial = Math.floor(Date.now() / 1000);
    this.out.write(
      [
        `$ORIGIN ${head.origin}.`,
        `@ 600 IN SOA ns1 hostmaster ${serial} 3600 600 86400 30`,
        '@ 3600 IN NS ns1',
        `ns1 3600 IN A ${head.nsAddress}`,
        '',
      ].join('\n'),
    );
  }

  add(endpoints: readonly FleetEndpoint[]): void {
    let text = '';
    for (const { names } of endpoints) {
      for (const { name, a, aaaa } of names) {
        const owner = name.endsWith(this.suffix) ? name.slice(0, -this.suffix.length) : `${name}.`;
        for (const address of a) text += `${owner} 60 IN A ${address}\n`;
        for (const address of aaaa) text += `${owner} 60 IN AAAA ${address}\n`;
        this.records += a.length + aaaa.length;
      }
    }
    this.out.write(text);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

function rateLimitSupported(confPath: string): boolean {
  try {
    execFileSync('nsd-checkconf', [confPath], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * NSD in the foreground: one server process (`server-count: 1`), response rate
 * limiting off, minimal responses (as plinkd: no NS in positive answers),
 * no chroot, no privilege drop, everything in `dir`.
 */
export function startNsd(dir: string, port: number, origin: string, zoneFile: string): ChildProcess {
  if (!existsSync(NSD_BINARY)) throw new Error(`NSD is not installed at ${NSD_BINARY} (Debian: apt-get install nsd)`);
  const conf = (rrl: boolean): string =>
    [
      'server:',
      `  ip-address: 127.0.0.1@${port}`,
      '  server-count: 1',
      '  verbosity: 0',
      '  username: ""',
      '  chroot: ""',
      `  zonesdir: "${dir}"`,
      `  pidfile: "${join(dir, 'nsd.pid')}"`,
      `  xfrdfile: "${join(dir, 'xfrd.state')}"`,
      `  zonelistfile: "${join(dir, 'zone.list')}"`,
      '  database: ""',
      '  hide-version: yes',
      '  minimal-responses: yes',
      '  round-robin: no',
      ...(rrl ? ['  rrl-ratelimit: 0', '  rrl-whitelist-ratelimit: 0'] : []),
      'remote-control:',
      '  control-enable: no',
      'zone:',
      `  name: ${origin}`,
      `  zonefile: "${zoneFile}"`,
      '',
    ].join('\n');
  const confPath = join(dir, 'nsd.conf');
  writeFileSync(confPath, conf(true));
  // A build without --enable-ratelimit rejects the rrl options: it has no rate limiting to turn off.
  if (!rateLimitSupported(confPath)) writeFileSync(confPath, conf(false));
  return track(spawn(NSD_BINARY, ['-d', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] }));
}
