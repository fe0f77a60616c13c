import { execFile } from 'node:child_process';

export interface DnsperfResult {
  qps: number;
  completed: number;
  lostPercent: number;
  avgLatencyMs: number;
}

export interface DnsperfOptions {
  port: number;
  queryFile: string;
  seconds: number;
  /** Simulated clients (source ports) and queries in flight. */
  clients: number;
  outstanding: number;
}

/** Runs dnsperf (Debian package) over UDP against 127.0.0.1 and reads its summary. */
export function dnsperf(options: DnsperfOptions): Promise<DnsperfResult> {
  const args = [
    '-s',
    '127.0.0.1',
    '-p',
    String(options.port),
    '-d',
    options.queryFile,
    '-l',
    String(options.seconds),
    '-c',
    String(options.clients),
    '-q',
    String(options.outstanding),
  ];
  return new Promise((resolve, reject) => {
    execFile('dnsperf', args, { timeout: (options.seconds + 30) * 1000 }, (err, stdout, stderr) => {
      const qps = /Queries per second:\s+([\d.]+)/.exec(stdout);
      const completed = /Queries completed:\s+(\d+)/.exec(stdout);
      const lost = /Queries lost:\s+\d+ \(([\d.]+)%\)/.exec(stdout);
      const latency = /Average Latency \(s\):\s+([\d.]+)/.exec(stdout);
      if (err !== null || qps === null) {
        reject(new Error(`dnsperf ${args.join(' ')} failed: ${err?.message ?? 'no summary'}\n${stdout}${stderr}`));
        return;
      }
      resolve({
        qps: Number(qps[1]),
        completed: Number(completed?.[1] ?? Number.NaN),
        lostPercent: Number(lost?.[1] ?? Number.NaN),
        avgLatencyMs: Number(latency?.[1] ?? Number.NaN) * 1000,
      });
    });
  });
}
