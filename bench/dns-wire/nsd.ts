import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_ORIGIN, benchZoneFile } from './bench-zone.js';

export const NSD_BINARY = '/usr/sbin/nsd';

/** Starts NSD (one server process, no chroot, no privileges dropped) serving the bench zone. */
export async function startNsd(dir: string, port: number, names: number): Promise<ChildProcess> {
  await writeFile(join(dir, 'bench.zone'), benchZoneFile(names));
  const conf = [
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
    'remote-control:',
    '  control-enable: no',
    'zone:',
    `  name: ${BENCH_ORIGIN}`,
    '  zonefile: bench.zone',
  ].join('\n');
  const confPath = join(dir, 'nsd.conf');
  await writeFile(confPath, conf + '\n');
  const child = spawn(NSD_BINARY, ['-d', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // NSD has no "ready" line in -d mode; it is ready once its zone answers (see waitForAnswer).
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`nsd exited ${code}: ${stderr}`);
  });
  return child;
}

export function nsdAvailable(): boolean {
  return existsSync(NSD_BINARY);
}
