import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** What a result is worth depends on where it was measured: recorded with every result file. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  loadAtStart: string;
  versions: Record<string, string>;
  commit: string;
}

function run(command: string, args: string[], pick: (text: string) => string): string {
  // Some tools print their version on stderr or exit non-zero (nsd -v, wrk -v): read both streams.
  const out = spawnSync(command, args, { encoding: 'utf8', timeout: 5000 });
  if (out.error !== undefined) return (out.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : 'unknown';
  return pick(`${out.stdout}${out.stderr}`).trim() || 'unknown';
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** Machine, load average now, and the versions of every tool a bench may use. */
export function machineInfo(tools: ReadonlyArray<'nsd' | 'dnsperf' | 'redis' | 'wrk'>): MachineInfo {
  const versions: Record<string, string> = { node: process.version, ioredis: packageVersion('ioredis') };
  for (const tool of tools) {
    if (tool === 'nsd') versions['nsd'] = run('/usr/sbin/nsd', ['-v'], (t) => /NSD version (\S+)/.exec(t)?.[1] ?? t.split('\n')[0] ?? '');
    if (tool === 'dnsperf') versions['dnsperf'] = run('dnsperf', ['-h'], (t) => /Version (\S+)/.exec(t)?.[1] ?? '');
    if (tool === 'redis') versions['redis'] = run('redis-server', ['--version'], (t) => /v=(\S+)/.exec(t)?.[1] ?? t);
    if (tool === 'wrk') versions['wrk'] = run('wrk', ['-v'], (t) => t.split(' Copyright')[0] ?? t);
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 2 ** 30,
    kernel: `${os.type()} ${os.release()}`,
    loadAtStart: loadAverage(),
    versions,
    commit: run('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD'], (t) => t),
  };
}

export function machineLines(info: MachineInfo): string[] {
  return [
    `- machine: ${info.cpu} × ${info.cores} cores, ${info.memoryGiB.toFixed(1)} GiB, ${info.kernel}`,
    `- versions: ${Object.entries(info.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; plinkd commit ${info.commit}`,
    `- load average at start: ${info.loadAtStart} (the machine is shared: compare ratios measured in the same run)`,
  ];
}
