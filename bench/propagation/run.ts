/**
 * `npm run bench:propagation` — API change → new answer on every DNS replica
 * (docs/design/performance.md: p99 < 50 ms with Redis). See USAGE; results go to
 * bench/results/<date>-propagation.md.
 */
import { Redis } from 'ioredis';
import { ACCESS_KEYS } from '../../test/helpers/cloud.js';
import { openPrivateLinkFor } from '../../test/helpers/plinkd.js';
import { call, clientsFor, createActiveService, createNetwork, type Network } from '../../test/helpers/scenario.js';
import { RedisKeys } from '../../src/store/redis/keys.js';
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { DnsClient } from '../common/dns-client.js';
import { Flags } from '../common/flags.js';
import { loadAverage, machineInfo, machineLines } from '../common/machine.js';
import { startPlinkd, startRedis, type PlinkdProcess } from '../common/processes.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, percentiles } from '../common/stats.js';
import { firstAnswer, hasAnswer, isNxdomain, nowMs } from './poll.js';

const USAGE = `npm run bench:propagation -- [flags]

One Redis, one API process (--role api, --transition-delay 0) and two DNS
replicas (--role dns) on it. Creates endpoints through the cloud API
(CreateVpcEndpoint → reconciler → Connected) and then deletes them
(DeleteVpcEndpoint flips DNS in the API's own write). For every change it
polls both DNS processes with its own UDP client (no process spawned per
query) and records when the new answer is visible on BOTH, measured from the
API's acknowledgement (the HTTP response) and from the store's write (the
Redis stream entry's timestamp).

  --changes 250       changes measured per kind (default 250; ≥ 200 for a p99)
  --time-limit 900    seconds before the bench stops itself (default 900)

Time: about 0.1–0.3 s per change (≈ 1–3 minutes with the defaults). Binds only to
free ports on 127.0.0.1; every process and temp dir is removed on exit.`;

const flags = new Flags(process.argv.slice(2), USAGE, ['changes', 'time-limit']);
const CHANGES = flags.count('changes', 250);
timeLimit(flags.count('time-limit', 900));
const WARMUP = 10;
const PER_NETWORK = 240;
const ZONE = 'cn-hangzhou-h';
const A = 1;

interface Sample {
  /** ms from the API's acknowledgement to the answer visible on both replicas (negative: visible before the ack arrived). */
  fromAck: number;
  /** ms from the request being sent. */
  fromRequest: number;
  /** ms from the store's write (stream entry time, 1 ms resolution). */
  fromStore: number;
}

async function visibleOnBoth(clients: DnsClient[], name: string, done: typeof isNxdomain): Promise<number> {
  const times = await Promise.all(clients.map((c) => firstAnswer(c, name, A, done, 5000)));
  return Math.max(...times);
}

/** The time of the first stream entry after `after` that mentions `id` (the change's commit). */
async function commitTime(redis: Redis, stream: string, id: string, after: string): Promise<{ ms: number; entry: string }> {
  const entries = (await redis.xrange(stream, `(${after}`, '+', 'COUNT', 50)) as Array<[string, string[]]>;
  const found = entries.find(([, fields]) => fields.some((f) => f.includes(id)));
  if (found === undefined) return { ms: Number.NaN, entry: after };
  return { ms: Number(found[0].slice(0, found[0].indexOf('-'))), entry: found[0] };
}

function summarize(report: Report, title: string, samples: readonly Sample[]): { p50: number; p99: number } {
  const pick = (f: (s: Sample) => number): number[] => samples.map(f).filter(Number.isFinite);
  const rows = [
    ['from the API acknowledgement', pick((s) => s.fromAck)],
    ['from the request sent', pick((s) => s.fromRequest)],
    ['from the store write (Redis stream entry time)', pick((s) => s.fromStore)],
  ] as const;
  report.line();
  report.line(`### ${title} (${samples.length} changes)`);
  report.line();
  report.table(
    ['measured', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    rows.map(([label, values]) => [label, ...percentiles(values, [50, 90, 99, 100]).map((v) => fmt(v, 2))]),
  );
  const beforeAck = samples.filter((s) => s.fromAck < 0).length;
  report.line();
  report.line(`- visible on both replicas before the API's answer had arrived: ${beforeAck} of ${samples.length}`);
  const [p50, p99] = percentiles(
    pick((s) => s.fromAck),
    [50, 99],
  );
  return { p50: p50 as number, p99: p99 as number };
}

async function main(): Promise<void> {
  const report = new Report('propagation');
  report.line(`# Propagation benchmark: API change → answer on both DNS replicas — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo(['redis']))) report.line(line);
  const dir = tempDir('propagation');
  const redis = await startRedis(dir);
  const api = await startPlinkd({
    store: redis.url,
    role: 'api',
    accessKeys: ACCESS_KEYS,
    transitionDelayMs: 0,
    apiTokens: 'bench-token-0123456789',
  });
  // The accounts open PrivateLink before creating services and endpoints, as in the cloud.
  await openPrivateLinkFor(api.apiUrl, ACCESS_KEYS);
  const dns: PlinkdProcess[] = [];
  for (let i = 0; i < 2; i++) dns.push(await startPlinkd({ store: redis.url, role: 'dns', apiTokens: 'bench-token-0123456789' }));
  report.line(`- processes: redis-server, plinkd --role api (--transition-delay 0), 2 × plinkd --role dns; all on 127.0.0.1`);
  const provider = clientsFor(api.apiUrl, 'provider');
  const consumer = clientsFor(api.apiUrl, 'consumer');
  const serviceId = await createActiveService(provider, {}, [ZONE]);
  await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
  const clients = dns.map((p) => new DnsClient('127.0.0.1', p.dnsPort));
  const monitor = new Redis(redis.url);
  const stream = new RedisKeys().stream;
  let lastEntry = '0-0';

  const created: Array<{ id: string; domain: string }> = [];
  const createSamples: Sample[] = [];
  let network: Network | undefined;
  for (let i = 0; i < WARMUP + CHANGES; i++) {
    if (i % PER_NETWORK === 0) network = await createNetwork(consumer, 100 + i / PER_NETWORK, [ZONE]);
    const sent = nowMs();
    const out = (await call(consumer.privatelink, 'CreateVpcEndpoint', {
      VpcId: network!.vpcId,
      ServiceId: serviceId,
      'SecurityGroupId.1': 'sg-bench',
      'Zone.1.ZoneId': ZONE,
      'Zone.1.VSwitchId': network!.vSwitches[ZONE],
    })) as { EndpointId: string; EndpointDomain: string };
    const acked = nowMs();
    const visible = await visibleOnBoth(clients, out.EndpointDomain, hasAnswer);
    created.push({ id: out.EndpointId, domain: out.EndpointDomain });
    // The name appears when the reconciler's Connected write lands: the last entry mentioning it.
    const entries = (await monitor.xrange(stream, `(${lastEntry}`, '+')) as Array<[string, string[]]>;
    const mentions = entries.filter(([, fields]) => fields.some((f) => f.includes(out.EndpointId)));
    const connectedAt = mentions.length === 0 ? Number.NaN : Number(mentions.at(-1)![0].split('-')[0]);
    lastEntry = entries.at(-1)?.[0] ?? lastEntry;
    if (i >= WARMUP) createSamples.push({ fromAck: visible - acked, fromRequest: visible - sent, fromStore: visible - connectedAt });
  }
  console.log(`created ${created.length} endpoints (load ${loadAverage()})`);

  const deleteSamples: Sample[] = [];
  for (const [i, endpoint] of created.entries()) {
    const sent = nowMs();
    await call(consumer.privatelink, 'DeleteVpcEndpoint', { EndpointId: endpoint.id });
    const acked = nowMs();
    const visible = await visibleOnBoth(clients, endpoint.domain, isNxdomain);
    const commit = await commitTime(monitor, stream, endpoint.id, lastEntry);
    lastEntry = commit.entry;
    if (i >= WARMUP) deleteSamples.push({ fromAck: visible - acked, fromRequest: visible - sent, fromStore: visible - commit.ms });
  }
  console.log(`deleted ${created.length} endpoints (load ${loadAverage()})`);

  const unseen = [...createSamples, ...deleteSamples].filter((s) => !Number.isFinite(s.fromRequest)).length;
  const del = summarize(report, 'DeleteVpcEndpoint: the name answers NXDOMAIN on both replicas (the API write flips DNS)', deleteSamples);
  const add = summarize(
    report,
    'CreateVpcEndpoint: the name answers on both replicas (API write, then the reconciler connects it)',
    createSamples,
  );
  report.line();
  report.line(
    `- **delete → NXDOMAIN on both, from the API acknowledgement: p50 ${fmt(del.p50)} ms, p99 ${fmt(del.p99)} ms** (target p99 < 50 ms: ${del.p99 < 50 ? 'met' : 'NOT met'})`,
  );
  report.line(
    `- create → answer on both, from the API acknowledgement (includes the reconciler with --transition-delay 0): p50 ${fmt(add.p50)} ms, p99 ${fmt(add.p99)} ms`,
  );
  report.line(`- changes never seen within 5 s: ${fmtInt(unseen)}`);
  report.line(`- load average after: ${loadAverage()}`);
  for (const c of clients) c.close();
  monitor.disconnect();
  for (const p of [...dns, api]) await stopChild(p.child);
  await stopChild(redis.child);
  report.write();
}

runBench(main);
