import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir, track } from './cleanup.js';
import { percentileSorted } from './stats.js';

export interface DnsperfRun {
  qps: number;
  sent: number;
  completed: number;
  lostPercent: number;
  /** Response codes as dnsperf counted them ("NOERROR 123 (45.6%), …"). */
  rcodes: string;
  avgLatencyMs: number;
}

export interface LatencyRun extends DnsperfRun {
  /** Milliseconds, from dnsperf's per-query lines (-v). */
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface DnsperfOptions {
  port: number;
  queryFile: string;
  seconds: number;
  /** Simulated clients (source ports); default 4. */
  clients?: number;
  /** Queries in flight; default 200. */
  outstanding?: number;
  /** Fixed send rate (-Q); unbounded when absent. */
  rate?: number;
}

function args(options: DnsperfOptions, verbose: boolean): string[] {
  return [
    '-s',
    '127.0.0.1',
    '-p',
    String(options.port),
    '-d',
    options.queryFile,
    '-l',
    String(options.seconds),
    '-c',
    String(options.clients ?? 4),
    '-q',
    String(options.outstanding ?? 200),
    '-t',
    '2',
    ...(options.rate === undefined ? [] : ['-Q', String(Math.round(options.rate))]),
    ...(verbose ? ['-v'] : []),
  ];
}

function summary(text: string, command: string): DnsperfRun {
  const num = (re: RegExp): number => Number(re.exec(text)?.[1] ?? Number.NaN);
  const qps = num(/Queries per second:\s+([\d.]+)/);
  if (!Number.isFinite(qps)) throw new Error(`dnsperf gave no summary: ${command}\n${text.slice(-2000)}`);
  return {
    qps,
    sent: num(/Queries sent:\s+(\d+)/),
    completed: num(/Queries completed:\s+(\d+)/),
    lostPercent: num(/Queries lost:\s+\d+ \(([\d.]+)%\)/),
    rcodes: /Response codes:\s+(.*)/.exec(text)?.[1]?.trim() ?? '',
    avgLatencyMs: num(/Average Latency \(s\):\s+([\d.]+)/) * 1000,
  };
}

/**
 * Runs dnsperf (Debian package) over UDP to 127.0.0.1. With `verbose`, every
 * answered query's latency (dnsperf -v prints "> RCODE name type seconds") is
 * kept for percentiles. dnsperf writes to a file, read once it has finished:
 * parsing its lines while it runs would take CPU from the server being
 * measured on a 2-core machine.
 */
function runDnsperf(options: DnsperfOptions, verbose: boolean): Promise<{ run: DnsperfRun; latencies: Float64Array }> {
  const argv = args(options, verbose);
  const command = `dnsperf ${argv.join(' ')}`;
  const outFile = join(tempDir('dnsperf'), 'out.txt');
  const out = openSync(outFile, 'w');
  return new Promise((resolve, reject) => {
    const child = track(spawn('dnsperf', argv, { stdio: ['ignore', out, 'pipe'] }));
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 30) * 1000);
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', (err) => reject(new Error(`cannot run dnsperf (Debian: apt-get install dnsperf): ${err.message}`)));
    child.once('close', () => {
      clearTimeout(timer);
      closeSync(out);
      try {
        const text = readFileSync(outFile, 'latin1');
        rmSync(dirname(outFile), { recursive: true, force: true });
        const latencies: number[] = [];
        let tail = '';
        for (const line of text.split('\n')) {
          if (line.startsWith('> ')) {
            const seconds = Number(line.slice(line.lastIndexOf(' ') + 1));
            if (Number.isFinite(seconds)) latencies.push(seconds * 1000);
          } else tail += `${line}\n`;
        }
        resolve({ run: summary(tail + stderr, command), latencies: Float64Array.from(latencies) });
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** As many queries per second as the server answers (dnsperf keeps `outstanding` in flight). */
export async function throughput(options: DnsperfOptions): Promise<DnsperfRun> {
  return (await runDnsperf(options, false)).run;
}

/** Latency percentiles at a fixed rate (-Q): the server below saturation. */
export async function latencyAtRate(options: DnsperfOptions & { rate: number }): Promise<LatencyRun> {
  const { run, latencies } = await runDnsperf(options, true);
  const sorted = Float64Array.from(latencies).sort();
  return {
    ...run,
    p50Ms: percentileSorted(sorted, 50),
    p99Ms: percentileSorted(sorted, 99),
    p999Ms: percentileSorted(sorted, 99.9),
    maxMs: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
  };
}
