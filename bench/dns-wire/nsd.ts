import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NSD_BINARY, startNsd as startNsdOnZone } from '../common/nsd.js';
import { BENCH_ORIGIN, benchZoneFile } from './bench-zone.js';

/** NSD as bench:dns runs it (bench/common/nsd.ts), serving this bench's zone of `names` names. */
export async function startNsd(dir: string, port: number, names: number): Promise<ChildProcess> {
  const zoneFile = join(dir, 'bench.zone');
  await writeFile(zoneFile, benchZoneFile(names));
  return startNsdOnZone(dir, port, BENCH_ORIGIN, zoneFile);
}

export function nsdAvailable(): boolean {
  return existsSync(NSD_BINARY);
}
