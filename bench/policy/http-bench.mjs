// /v1/authorize requests/s vs a bare node:http server answering a constant, in one run,
// both driven by wrk with the same POST body. The authz side is either an embedded server
// (bench/http/servers-under-test.mjs today) or, with --http-target URL, any running plinkd.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { median } from './stats.mjs';
import { REQUESTS } from './workload.mjs';
import { writeAuthorizeScript } from './wrk-script.mjs';

// The servers of the HTTP-layer bench: `bare` (the ceiling) and `today` (plinkd's HTTP server with /v1).
const serverScript = new URL('../http/servers-under-test.mjs', import.meta.url).pathname;

function startServer(mode) {
  const child = spawn(process.execPath, [serverScript, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /listening (\d+)/.exec(buffered);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a process has used, from /proc; NaN when it cannot be read. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * One wrk run; with `pid`, also the server's CPU µs per request: what load from other
 * work on a shared machine distorts least (requests/s move with wrk's own share of CPU).
 */
function measured(url, luaPath, seconds, connections, pid) {
  const before = cpuSeconds(pid);
  const run = wrk(url, luaPath, seconds, connections);
  const cpu = cpuSeconds(pid) - before;
  return { ...run, cpuMicros: (cpu * 1e6) / Math.max(1, run.requests) };
}

function wrk(url, luaPath, seconds, connections) {
  const output = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', luaPath, url], { encoding: 'utf8' });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rps) throw new Error(`unexpected wrk output:\n${output}`);
  if (/Non-2xx or 3xx responses/.test(output)) throw new Error(`wrk saw error responses from ${url}:\n${output}`);
  const latency = /Latency\s+(\S+)/.exec(output);
  const requests = /(\d+) requests in/.exec(output);
  return { rps: Number(rps[1]), latency: latency?.[1] ?? '?', requests: Number(requests?.[1] ?? Number.NaN) };
}

export async function runHttpBench({
  target,
  targetPid,
  token = 'bench-token-0123456789',
  endpointId = 'ep-bench',
  seconds = 3,
  rounds = 11,
  connections = 50,
} = {}) {
  const [request] = REQUESTS[0];
  const body = JSON.stringify({ endpointId, ...request });
  const workDir = new URL('../work/', import.meta.url).pathname;
  mkdirSync(workDir, { recursive: true });
  const luaPath = `${workDir}authorize.lua`;
  writeAuthorizeScript(luaPath, body, token);

  const bare = await startServer('bare');
  const embedded = target === undefined ? await startServer('today') : undefined;
  const authzBase = target ?? embedded.url;
  const authzUrl = `${authzBase.replace(/\/$/, '')}/v1/authorize`;
  try {
    // The authz answer must be the real one before anything is timed.
    const check = await fetch(authzUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    const answer = await check.json();
    if (check.status !== 200 || typeof answer.decision !== 'string')
      throw new Error(`authz check failed: ${check.status} ${JSON.stringify(answer)}`);

    wrk(`${bare.url}/v1/authorize`, luaPath, 2, connections); // warm-up
    wrk(authzUrl, luaPath, 2, connections);
    const bareRuns = [];
    const authzRuns = [];
    // Paired rounds in ABBA order (bare first in even rounds, plinkd first in odd ones), so a
    // machine that speeds up or slows down during the run favours neither side; each round
    // gives one ratio, and the headline is their median (docs/design/performance.md: medians and ratios).
    const bareRound = () => measured(`${bare.url}/v1/authorize`, luaPath, seconds, connections, bare.child.pid);
    const authzRound = () => measured(authzUrl, luaPath, seconds, connections, targetPid ?? embedded?.child.pid);
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        bareRuns.push(bareRound());
        authzRuns.push(authzRound());
      } else {
        authzRuns.push(authzRound());
        bareRuns.push(bareRound());
      }
    }
    const bareMedian = median(bareRuns.map((run) => run.rps));
    const authzMedian = median(authzRuns.map((run) => run.rps));
    const roundRatios = authzRuns.map((run, i) => run.rps / bareRuns[i].rps);
    const bareCpu = median(bareRuns.map((run) => run.cpuMicros));
    const authzCpu = median(authzRuns.map((run) => run.cpuMicros));
    return {
      target: authzUrl,
      embedded: target === undefined,
      answer,
      body,
      bareRuns,
      authzRuns,
      bareMedian,
      authzMedian,
      roundRatios,
      ratio: median(roundRatios),
      ratioOfMedians: authzMedian / bareMedian,
      bareCpu,
      authzCpu,
      seconds,
      connections,
    };
  } finally {
    for (const server of [bare, embedded]) {
      if (server === undefined) continue;
      server.child.kill('SIGTERM');
      await once(server.child, 'exit').catch(() => undefined);
    }
  }
}
