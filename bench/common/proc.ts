import { readdir, readFile } from 'node:fs/promises';

/** Linux clock ticks per second for /proc/<pid>/stat times (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in ticks. */
  cpu: number;
}

async function stat(pid: number): Promise<ProcStat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state(0) ppid(1) … utime(11) stime(12).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by a process and its descendants (NSD forks its
 * server process). CPU per query is what other jobs on a shared machine
 * distort least, unlike queries/s at saturation.
 */
export async function treeCpuSeconds(root: number): Promise<number> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const stats = (await Promise.all(pids.map(stat))).filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const queue = stats.filter((s) => s.pid === root);
  while (queue.length > 0) {
    const next = queue.pop() as ProcStat;
    ticks += next.cpu;
    queue.push(...(children.get(next.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

async function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match === null ? Number.NaN : Number(match[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of one process in bytes (VmRSS), or NaN when it is gone. */
export const rssBytes = (pid: number): Promise<number> => statusBytes(pid, 'VmRSS');

/** The most the process has had resident since it started (VmHWM, the high-water mark), or NaN. */
export const peakRssBytes = (pid: number): Promise<number> => statusBytes(pid, 'VmHWM');
