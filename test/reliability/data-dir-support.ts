import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type RPCClient from '@alicloud/pop-core';
import { decodeJournalEntry } from '../../src/store/durable/entries.js';
import { readFrames } from '../../src/store/durable/frame.js';
import { freePort } from '../helpers/ports.js';
import { call } from '../helpers/scenario.js';

/** Shared by the --data-dir tests with real plinkd processes (docs/design/persistence.md). */

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Runs `plinkd serve <args>` that is expected to exit at start; its exit code and stderr. */
export async function runToExit(args: string[], timeoutMs = 15_000): Promise<{ code: number | null; stderr: string }> {
  const base = ['--api', `127.0.0.1:${await freePort()}`, '--dns', `127.0.0.1:${await freePort()}`];
  const child = spawn(process.execPath, [MAIN, 'serve', ...base, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`plinkd did not exit within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** Every VPC of the client's account in the region, by id. */
export async function allVpcs(client: RPCClient): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let page = 1; ; page++) {
    const answer = (await call(client, 'DescribeVpcs', { PageSize: 50, PageNumber: page })) as {
      TotalCount: number;
      Vpcs: { Vpc: Array<Record<string, unknown>> };
    };
    for (const vpc of answer.Vpcs.Vpc) found.set(vpc['VpcId'] as string, vpc);
    if (answer.Vpcs.Vpc.length === 0 || found.size >= answer.TotalCount) return found;
  }
}

/** Offsets of the journal's batch records, with the ids of the VPCs each one writes. */
export function vpcBatches(journal: string): Array<{ offset: number; vpcIds: string[] }> {
  const batches: Array<{ offset: number; vpcIds: string[] }> = [];
  readFrames(journal, (payload, offset) => {
    const entry = decodeJournalEntry(payload);
    if (entry.type !== 'batch') return;
    batches.push({ offset, vpcIds: entry.changes.filter(([kind, , raw]) => kind === 'vpc' && raw !== null).map(([, id]) => id) });
  });
  return batches;
}

/** The log lines (JSON) a plinkd wrote, parsed. */
export function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
