/**
 * One run, one machine: dnsperf against bare node:dgram echo servers, plinkd's
 * DNS server, a dns-packet decode+encode server and (if installed) NSD, all on
 * the same names, each in its own process, with dnsperf pushing as hard as it
 * can. Two measures per server and round:
 *   - queries/s;
 *   - server CPU µs per answered query over the same run, read from /proc
 *     (the whole process tree: NSD forks). When other jobs share the machine a
 *     server gets less of a core and answers fewer queries/s, but each query
 *     still costs it the same CPU, so this one is the steadier comparison.
 * Servers are measured in interleaved rounds; medians and ratios are printed and written to
 * bench/results/<date>-dns-wire.md.
 *
 *   npm run bench:dns-wire -- [--seconds 8] [--rounds 5] [--names 3000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { encodeQuery } from '../../src/dns/wire/index.js';
import { BENCH_ORIGIN, queryFile } from './bench-zone.js';
import { machineInfo, machineLines } from '../common/machine.js';
import { treeCpuSeconds } from '../common/proc.js';
import { Report } from '../common/report.js';
import { freePort } from '../../test/helpers/ports.js';
import { dnsperf } from './dnsperf.js';
import { nsdAvailable, startNsd } from './nsd.js';

type Kind = 'echo' | 'echo-direct' | 'plinkd' | 'dns-packet' | 'nsd';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const SECONDS = flag('seconds', 8);
const ROUNDS = flag('rounds', 5);
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
  const child =
    kind === 'nsd'
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

interface Sample {
  qps: number;
  microsPerQuery: number;
}

async function measure(kind: Kind, port: number, queries: string): Promise<Sample> {
  const child = await start(kind, port);
  try {
    const perf = { port, queryFile: queries, clients: CLIENTS, outstanding: OUTSTANDING };
    await dnsperf({ ...perf, seconds: WARMUP_SECONDS });
    const cpuBefore = await treeCpuSeconds(child.pid ?? -1);
    const run = await dnsperf({ ...perf, seconds: SECONDS });
    const cpu = (await treeCpuSeconds(child.pid ?? -1)) - cpuBefore;
    return { qps: run.qps, microsPerQuery: (cpu * 1e6) / run.completed };
  } finally {
    await stop(child);
  }
}

const LABELS: Record<Kind, string> = {
  echo: 'bare node:dgram echo',
  'echo-direct': 'bare echo, direct send',
  plinkd: "plinkd's DNS server",
  'dns-packet': 'dns-packet decode + encode',
  nsd: 'NSD',
};

async function main(): Promise<void> {
  await mkdir(workDir, { recursive: true });
  const queries = join(workDir, 'queries.txt');
  await writeFile(queries, queryFile(NAMES));
  const kinds: Kind[] = ['echo', 'echo-direct', 'plinkd', 'dns-packet', ...(nsdAvailable() ? (['nsd'] as const) : [])];
  const samples = new Map<Kind, Sample[]>(kinds.map((k) => [k, []]));
  const report = new Report('dns-wire');
  report.line(`# DNS wire bench: plinkd's DNS server against bare sockets, dns-packet and NSD — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['nsd', 'dnsperf']))) report.line(line);
  report.line(
    `- ${NAMES} names; ${ROUNDS} interleaved rounds × ${SECONDS} s per server (after ${WARMUP_SECONDS} s warm-up); ` +
      `dnsperf -c ${CLIENTS} -q ${OUTSTANDING} over UDP on 127.0.0.1; medians quoted`,
  );
  report.line("- CPU µs/query: the server process tree's CPU time over the run ÷ answered queries (steadier than q/s on a shared machine)");
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of kinds) {
      const sample = await measure(kind, await freePort(), queries);
      samples.get(kind)?.push(sample);
      console.log(
        `  round ${round} ${kind.padEnd(12)} ${sample.qps.toFixed(0).padStart(8)} q/s   ${sample.microsPerQuery.toFixed(2).padStart(6)} µs CPU/query`,
      );
    }
  }
  const med = (kind: Kind, pick: (s: Sample) => number): number => median((samples.get(kind) ?? []).map(pick));
  report.line();
  report.table(
    ['server', 'q/s (median)', 'CPU µs/query (median)', 'q/s rounds'],
    kinds.map((kind) => [
      LABELS[kind],
      med(kind, (s) => s.qps).toFixed(0),
      med(kind, (s) => s.microsPerQuery).toFixed(2),
      (samples.get(kind) ?? []).map((s) => s.qps.toFixed(0)).join(', '),
    ]),
  );
  report.line();
  const ratios = kinds
    .filter((k) => k !== 'plinkd')
    .map((kind) => ({
      kind,
      qps: med('plinkd', (s) => s.qps) / med(kind, (s) => s.qps),
      cost: med(kind, (s) => s.microsPerQuery) / med('plinkd', (s) => s.microsPerQuery),
    }));
  report.table(
    ['plinkd relative to', 'q/s ratio', 'CPU-cost ratio (peer ÷ plinkd; > 1: plinkd is cheaper)'],
    ratios.map((r) => [LABELS[r.kind], r.qps.toFixed(2), r.cost.toFixed(2)]),
  );
  report.line();
  // The verdict: against NSD when it is installed, else against the bare-socket ceiling.
  const peer = ratios.find((r) => r.kind === 'nsd') ?? ratios.find((r) => r.kind === 'echo');
  if (peer !== undefined) {
    report.line(
      `- **plinkd / ${LABELS[peer.kind]} q/s: ${peer.qps.toFixed(2)}**; CPU cost ${LABELS[peer.kind]} ÷ plinkd per query: ${peer.cost.toFixed(2)} ` +
        `(${NAMES} names, ${ROUNDS} rounds × ${SECONDS} s)`,
    );
  }
  report.write();
}

await main();
