/**
 * One run, one machine: dnsperf against a bare node:dgram echo server, plinkd's
 * DNS server, a dns-packet decode+encode server and (if installed) NSD, all on
 * the same names. Measurements are interleaved round by round, so background
 * load hits every server alike; medians and ratios are printed.
 *
 *   node bench/work/dns-wire-build/bench/dns-wire/run.js [--seconds 10] [--rounds 3] [--names 3000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { encodeQuery } from '../../src/dns/wire/index.js';
import { BENCH_ORIGIN, queryFile } from './bench-zone.js';
import { dnsperf, type DnsperfResult } from './dnsperf.js';
import { nsdAvailable, startNsd } from './nsd.js';

type Kind = 'echo' | 'plinkd' | 'dns-packet' | 'nsd';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const SECONDS = flag('seconds', 10);
const ROUNDS = flag('rounds', 3);
const NAMES = flag('names', 3000);
const WARMUP_SECONDS = 2;
const CLIENTS = 4;
const OUTSTANDING = 200;
const here = dirname(fileURLToPath(import.meta.url));
const workDir = resolve(here, '../../..', 'dns-wire-work');

/** Resolves once the server answers a real query (so startup never counts). */
async function waitForAnswer(port: number): Promise<void> {
  const query = encodeQuery({ id: 7, name: `host1.${BENCH_ORIGIN}`, type: 1 });
  for (let attempt = 0; attempt < 100; attempt++) {
    const answered = await new Promise<boolean>((done) => {
      const socket = createSocket('udp4');
      const timer = setTimeout(() => {
        socket.close();
        done(false);
      }, 100);
      socket.once('message', () => {
        clearTimeout(timer);
        socket.close();
        done(true);
      });
      socket.send(query, port, '127.0.0.1');
    });
    if (answered) return;
  }
  throw new Error(`server on port ${port} never answered`);
}

async function start(kind: Kind, port: number): Promise<ChildProcess> {
  const child = kind === 'nsd'
    ? await startNsd(workDir, port, NAMES)
    : spawn(process.execPath, [join(here, 'servers.js'), kind, String(port), String(NAMES)], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForAnswer(port);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  await mkdir(workDir, { recursive: true });
  const queries = join(workDir, 'queries.txt');
  await writeFile(queries, queryFile(NAMES));
  const kinds: Kind[] = ['echo', 'plinkd', 'dns-packet', ...(nsdAvailable() ? (['nsd'] as const) : [])];
  const results = new Map<Kind, DnsperfResult[]>(kinds.map((k) => [k, []]));
  let port = 15300 + Math.floor(Math.random() * 1000);
  console.log(`dns-wire bench: ${NAMES} names, ${ROUNDS} rounds × ${SECONDS} s per server, dnsperf -c ${CLIENTS} -q ${OUTSTANDING}`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of kinds) {
      port++;
      const child = await start(kind, port);
      try {
        await dnsperf({ port, queryFile: queries, seconds: WARMUP_SECONDS, clients: CLIENTS, outstanding: OUTSTANDING });
        const result = await dnsperf({ port, queryFile: queries, seconds: SECONDS, clients: CLIENTS, outstanding: OUTSTANDING });
        results.get(kind)?.push(result);
        console.log(`  round ${round} ${kind.padEnd(10)} ${result.qps.toFixed(0).padStart(8)} qps  lost ${result.lostPercent.toFixed(2)}%  avg ${result.avgLatencyMs.toFixed(2)} ms`);
      } finally {
        await stop(child);
      }
    }
  }
  const medians = new Map(kinds.map((k) => [k, median((results.get(k) ?? []).map((r) => r.qps))]));
  const plinkd = medians.get('plinkd') ?? Number.NaN;
  console.log('\nmedian qps');
  for (const kind of kinds) console.log(`  ${kind.padEnd(10)} ${(medians.get(kind) ?? 0).toFixed(0).padStart(8)}`);
  console.log('\nratios plinkd / peer: of the medians, and the median of the per-round ratios');
  const mine = results.get('plinkd') ?? [];
  for (const kind of kinds.filter((k) => k !== 'plinkd')) {
    const theirs = results.get(kind) ?? [];
    const perRound = median(mine.map((r, i) => r.qps / (theirs[i]?.qps ?? Number.NaN)));
    console.log(`  plinkd / ${kind.padEnd(10)} ${(plinkd / (medians.get(kind) ?? Number.NaN)).toFixed(2)}   ${perRound.toFixed(2)}`);
  }
}

await main();
