/**
 * `npm run bench:api-scale` — the API calls that used to walk the fleet (DeleteVpc, CreateVSwitch,
 * DeleteVSwitch, the provider's first connection list) timed on a large fleet against the same
 * calls on a small one, and the DNS answered by the same process timed while they run against
 * while it is idle (docs/architecture.md: no API call walks the fleet). With `--resync`, also the
 * writes answered while the large replica reloads a snapshot after a gap
 * (docs/reliability.md, "Writes while the replica catches up"). See USAGE; results go to
 * bench/results/<date>-api-scale.md.
 */
import { Redis } from 'ioredis';
import { callRpc, type Credentials, type RpcAnswer } from '../../src/cli/rpc-client.js';
import { RedisKeys } from '../../src/store/redis/keys.js';
import { runBench, stopChild, tempDir, timeLimit } from '../common/cleanup.js';
import { DnsClient, waitForDns } from '../common/dns-client.js';
import { CONSUMER_UID, PROVIDER_UID, REGION, ZONES, type FleetEndpoint } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { machineInfo, machineLines } from '../common/machine.js';
import { startPlinkd, startRedis, type PlinkdProcess } from '../common/processes.js';
import { seedRedis } from '../common/redis-seed.js';
import { Report } from '../common/report.js';
import { fmt, fmtInt, median, percentiles } from '../common/stats.js';

const USAGE = `npm run bench:api-scale -- [flags]

Seeds a large fleet (default 100k endpoints) and a small one (default 1k) into
two databases of one Redis, starts one plinkd --role all on each, and times
each call below --calls times on both (medians, and large/small ratios: ~1
means the call does not grow with the fleet):
  ListVpcEndpointConnections  the provider's first call after start, then again
  CreateVSwitch, DeleteVSwitch  a free /24 in a fleet VPC
  CreateVpc + DeleteVpc       an empty VPC (DeleteVpc asks for its dependents)
  DeleteVpc (refused)         a fleet VPC that still has vSwitches
Then DNS queries to each process for --seconds while idle and --seconds while
the calls above loop, --rounds times, the two fleets taking turns (the machine's
load drifts alike for both): medians of p50/p99 and of the p99 ratio.

  --endpoints 100k     the large fleet (default 100k)
  --small 1k           the small fleet (default 1k)
  --calls 20           timed calls per action and fleet (default 20)
  --seconds 10         DNS measuring time, idle and under calls (default 10)
  --rounds 3           idle/under-calls window pairs per fleet (default 3)
  --resync 0|1         also force a gap on the large replica (a poisoned stream
                       entry) and count what writes answer while it reloads:
                       503 ServiceUnavailable expected, never InternalError
                       (default 0; run with --endpoints 1M for the full case)
  --time-limit 1800    seconds before the bench stops itself (default 1800)

Binds only to free ports on 127.0.0.1; every process and temp dir is removed on exit.`;

const flags = new Flags(process.argv.slice(2), USAGE, ['endpoints', 'small', 'calls', 'seconds', 'rounds', 'resync', 'time-limit']);
const LARGE = flags.count('endpoints', 100_000);
const SMALL = flags.count('small', 1_000);
const CALLS = flags.count('calls', 20);
const SECONDS = flags.count('seconds', 10);
const ROUNDS = flags.count('rounds', 3);
const RESYNC = flags.string('resync', '0') === '1';
timeLimit(flags.count('time-limit', 1800));

const CONSUMER: Credentials = { accessKeyId: 'BenchConsumerKey01', accessKeySecret: 'bench-consumer-secret' };
const PROVIDER: Credentials = { accessKeyId: 'BenchProviderKey01', accessKeySecret: 'bench-provider-secret' };
const ACCESS_KEYS = [
  `${CONSUMER_UID}:${CONSUMER.accessKeyId}:${CONSUMER.accessKeySecret}`,
  `${PROVIDER_UID}:${PROVIDER.accessKeyId}:${PROVIDER.accessKeySecret}`,
].join(',');
const VPC = { name: '', version: '2016-04-28' };
const PRIVATELINK = { name: '', version: '2020-04-15' };

interface Fleet {
  label: string;
  endpoints: number;
  plinkd: PlinkdProcess;
  /** A fleet VPC and the third octet of its first vSwitch (its /20 has 13 free /24s after the three). */
  vpcId: string;
  base: string;
  third: number;
  serviceId: string;
  names: string[];
}

/** One timed call; throws unless the answer's code is `expect` (undefined: success). */
async function timed(fleet: Fleet, who: Credentials, product: typeof VPC, action: string, params: Record<string, string>, expect?: string) {
  const started = process.hrtime.bigint();
  const answer: RpcAnswer = await callRpc(
    fleet.plinkd.apiUrl,
    who,
    { ...product, name: action },
    new Map(Object.entries({ RegionId: REGION, ...params })),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const code = answer.status === 200 ? undefined : String(answer.body['Code']);
  if (code !== expect)
    throw new Error(`${fleet.label} ${action}: expected ${expect ?? 'success'}, got HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return { ms, body: answer.body };
}

/** The calls of one round; returns the time of each by name. */
async function round(fleet: Fleet, i: number): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  const list = await timed(fleet, PROVIDER, PRIVATELINK, 'ListVpcEndpointConnections', { ServiceId: fleet.serviceId, MaxResults: '50' });
  times.set('ListVpcEndpointConnections', list.ms);
  const cidr = `${fleet.base}.${fleet.third + 3 + (i % 13)}.0/24`;
  const created = await timed(fleet, CONSUMER, VPC, 'CreateVSwitch', { VpcId: fleet.vpcId, ZoneId: ZONES[0], CidrBlock: cidr });
  times.set('CreateVSwitch', created.ms);
  times.set('DeleteVSwitch', (await timed(fleet, CONSUMER, VPC, 'DeleteVSwitch', { VSwitchId: String(created.body['VSwitchId']) })).ms);
  const vpc = await timed(fleet, CONSUMER, VPC, 'CreateVpc', { CidrBlock: '192.168.0.0/16' });
  times.set('DeleteVpc (empty)', (await timed(fleet, CONSUMER, VPC, 'DeleteVpc', { VpcId: String(vpc.body['VpcId']) })).ms);
  times.set(
    'DeleteVpc (refused)',
    (await timed(fleet, CONSUMER, VPC, 'DeleteVpc', { VpcId: fleet.vpcId }, 'DependencyViolation.VSwitch')).ms,
  );
  return times;
}

async function startFleet(label: string, redisUrl: string, db: number, endpoints: number): Promise<Fleet> {
  const url = `${redisUrl}/${db}`;
  let first: FleetEndpoint | undefined;
  const names: string[] = [];
  const seeded = await seedRedis(url, endpoints, (batch) => {
    first ??= batch[0];
    for (const e of batch) if (names.length < 2_000 && Math.random() < 0.05) names.push(e.names[0]!.name);
  });
  if (first === undefined) throw new Error('empty fleet');
  if (names.length === 0) names.push(first.names[0]!.name);
  const plinkd = await startPlinkd({ store: url, role: 'all', accessKeys: ACCESS_KEYS, readyTimeoutMs: 1_200_000 });
  await waitForDns(plinkd.dnsPort, names[0]!, 600_000);
  const [a, b, third] = first.endpoint.zones[0]!.eniIp!.split('.');
  console.log(
    `${label}: ${fmtInt(endpoints)} endpoints seeded in ${fmt(seeded.seconds, 1)} s, plinkd ready in ${fmt(plinkd.readyMs / 1000, 1)} s`,
  );
  return {
    label,
    endpoints,
    plinkd,
    vpcId: first.endpoint.vpcId,
    base: `${a}.${b}`,
    third: Number(third),
    serviceId: first.endpoint.serviceId,
    names,
  };
}

/**
 * The process's own DNS time so far (plinkd_dns_query_duration_seconds sum and count): from a
 * query's arrival to its answer inside the process, so less moved by the machine's other load
 * than a round trip — a reply cache miss shows here as the full path's cost.
 */
async function dnsHandlerTime(fleet: Fleet): Promise<{ seconds: number; count: number }> {
  const text = await (await fetch(`${fleet.plinkd.apiUrl}/metrics`)).text();
  const value = (name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { seconds: value('plinkd_dns_query_duration_seconds_sum'), count: value('plinkd_dns_query_duration_seconds_count') };
}

/** DNS latencies (ms) for `seconds`: 4 queries in flight, names from the fleet. */
async function dnsLatencies(fleet: Fleet, seconds: number): Promise<{ latencies: number[]; lost: number; handlerMicros: number }> {
  const before = await dnsHandlerTime(fleet);
  const client = new DnsClient('127.0.0.1', fleet.plinkd.dnsPort);
  const latencies: number[] = [];
  let lost = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async (w: number): Promise<void> => {
    for (let i = w; Date.now() < until; i += 4) {
      const started = process.hrtime.bigint();
      const reply = await client.query(fleet.names[i % fleet.names.length]!, 1, 2000);
      if (reply === null) lost += 1;
      else latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
  client.close();
  const after = await dnsHandlerTime(fleet);
  return { latencies, lost, handlerMicros: ((after.seconds - before.seconds) / (after.count - before.count)) * 1e6 };
}

/**
 * Forces a gap on the replica (an entry the follower cannot decode, numbered as
 * a commit would number it), then writes until the replica has reloaded: counts
 * the answers by code.
 */
async function resyncUnderWrites(
  fleet: Fleet,
  redisUrl: string,
  db: number,
): Promise<{ seconds: number; codes: Map<string, number>; sawResyncing: boolean }> {
  const client = new Redis(`${redisUrl}/${db}`, { maxRetriesPerRequest: 1 });
  const keys = new RedisKeys();
  const sequence = await client.incr(keys.sequence);
  await client.xadd(keys.stream, '*', 'c', 'not a change batch', 's', String(sequence));
  client.disconnect();
  const started = Date.now();
  const codes = new Map<string, number>();
  let sawResyncing = false;
  for (let i = 0; Date.now() - started < 1_800_000; i++) {
    const health = (await (await fetch(`${fleet.plinkd.apiUrl}/healthz`)).json()) as { replica: { resyncing: boolean } };
    if (health.replica.resyncing) sawResyncing = true;
    else if (sawResyncing || Date.now() - started > 30_000) break;
    const answer = await callRpc(
      fleet.plinkd.apiUrl,
      CONSUMER,
      { ...VPC, name: 'CreateVpc' },
      new Map([
        ['RegionId', REGION],
        ['CidrBlock', '192.168.0.0/16'],
      ]),
    );
    const code = answer.status === 200 ? 'success' : `${answer.status} ${String(answer.body['Code'])}`;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { seconds: (Date.now() - started) / 1000, codes, sawResyncing };
}

runBench(async () => {
  const report = new Report('api-scale');
  const redis = await startRedis(tempDir('api-scale'));
  const large = await startFleet('large', redis.url, 0, LARGE);
  const small = await startFleet('small', redis.url, 1, SMALL);
  report.line(`# API calls at ${fmtInt(LARGE)} vs ${fmtInt(SMALL)} endpoints, and DNS while they run`);
  report.line();
  for (const line of machineLines(machineInfo(['redis']))) report.line(line);
  const args = process.argv.slice(2).join(' ');
  report.line(`- run: \`npm run bench:api-scale${args === '' ? '' : ` -- ${args}`}\``);
  report.line();

  // The provider's first list after start (once built lazily by replaying the whole replica),
  // after one call of another kind, so the code of the RPC path is warm in both processes.
  for (const fleet of [large, small]) await timed(fleet, PROVIDER, PRIVATELINK, 'DescribeRegions', {});
  const firstLarge = (await timed(large, PROVIDER, PRIVATELINK, 'ListVpcEndpointConnections', { ServiceId: large.serviceId })).ms;
  const firstSmall = (await timed(small, PROVIDER, PRIVATELINK, 'ListVpcEndpointConnections', { ServiceId: small.serviceId })).ms;

  const samples = new Map<string, { large: number[]; small: number[] }>();
  for (let i = 0; i < CALLS; i++) {
    for (const fleet of [large, small]) {
      for (const [name, ms] of await round(fleet, i)) {
        const entry = samples.get(name) ?? { large: [], small: [] };
        (fleet === large ? entry.large : entry.small).push(ms);
        samples.set(name, entry);
      }
    }
  }
  report.line(`## API calls (median of ${CALLS}, ms; HTTP round trip on loopback)`);
  report.line();
  const rows: string[][] = [
    ['ListVpcEndpointConnections (first after start)', fmt(firstLarge), fmt(firstSmall), fmt(firstLarge / firstSmall)],
  ];
  for (const [name, { large: l, small: s }] of samples) rows.push([name, fmt(median(l)), fmt(median(s)), fmt(median(l) / median(s))]);
  report.table(['call', `${fmtInt(LARGE)} endpoints`, `${fmtInt(SMALL)} endpoints`, 'ratio'], rows);
  report.line();

  // The same DNS measure on both processes: the large one's ratio against the small one's tells
  // a fleet walk (grows with the fleet) from the API sharing the event loop (the same at any size).
  // Windows alternate between the fleets, so a change in the machine's load falls on both.
  interface Window {
    queries: number;
    lost: number;
    p50: number;
    p99: number;
    handlerMicros: number;
  }
  const windows = new Map<Fleet, { idle: Window[]; busy: Window[]; rounds: number[] }>([
    [large, { idle: [], busy: [], rounds: [] }],
    [small, { idle: [], busy: [], rounds: [] }],
  ]);
  const windowOf = ({ latencies, lost, handlerMicros }: { latencies: number[]; lost: number; handlerMicros: number }): Window => {
    const [p50, p99] = percentiles(latencies, [50, 99]);
    return { queries: latencies.length, lost, p50: p50!, p99: p99!, handlerMicros };
  };
  for (let r = 0; r < ROUNDS; r++) {
    for (const fleet of r % 2 === 0 ? [large, small] : [small, large]) {
      const seen = windows.get(fleet)!;
      seen.idle.push(windowOf(await dnsLatencies(fleet, SECONDS)));
      let calling = true;
      let rounds = 0;
      const caller = (async () => {
        for (let i = 0; calling; i++) {
          await round(fleet, i);
          rounds += 1;
        }
      })();
      seen.busy.push(windowOf(await dnsLatencies(fleet, SECONDS)));
      calling = false;
      await caller;
      seen.rounds.push(rounds);
      console.log(
        `  DNS round ${r + 1} ${fleet.label}: p99 idle ${fmt(seen.idle.at(-1)!.p99, 3)} ms, under calls ${fmt(seen.busy.at(-1)!.p99, 3)} ms (${rounds} API rounds)`,
      );
    }
  }
  const dnsRows: string[][] = [];
  const ratios: number[] = [];
  const handlerRatios: number[] = [];
  for (const fleet of [large, small]) {
    const { idle, busy, rounds } = windows.get(fleet)!;
    const ratio = median(busy.map((b, i) => b.p99 / idle[i]!.p99));
    ratios.push(ratio);
    const handlerRatio = median(busy.map((b, i) => b.handlerMicros / idle[i]!.handlerMicros));
    handlerRatios.push(handlerRatio);
    const size = `${fmtInt(fleet.endpoints)} endpoints`;
    const row = (label: string, list: Window[], last: string[]): string[] => [
      label,
      fmtInt(median(list.map((w) => w.queries))),
      fmtInt(list.reduce((n, w) => n + w.lost, 0)),
      fmt(median(list.map((w) => w.p50)), 3),
      fmt(median(list.map((w) => w.p99)), 3),
      fmt(median(list.map((w) => w.handlerMicros)), 1),
      ...last,
    ];
    dnsRows.push(
      row(`${size}, idle`, idle, ['', '']),
      row(`${size}, under API calls (${fmtInt(median(rounds))} rounds)`, busy, [fmt(ratio), fmt(handlerRatio)]),
    );
  }
  report.line(`## DNS of the same process (--role all), idle vs while the calls above loop (${ROUNDS} × ${SECONDS} s each, medians)`);
  report.line();
  report.table(
    ['', 'queries', 'lost (sum)', 'p50 ms', 'p99 ms', 'in-process µs/query', 'p99 under calls / idle', 'µs/query under calls / idle'],
    dnsRows,
  );
  report.line();
  report.line(
    `- **DNS time in the process per query, under API calls ÷ idle: ${fmt(handlerRatios[0]!)} at ${fmtInt(LARGE)} endpoints, ${fmt(handlerRatios[1]!)} at ${fmtInt(SMALL)}** (mean from receipt to answer; a reply cache emptied by the calls shows here)`,
  );
  report.line(
    `- **DNS p99 growth under API calls, large / small: ${fmt(ratios[0]! / ratios[1]!)}** (1: the calls cost DNS the same at any fleet size)`,
  );
  report.line();

  if (RESYNC) {
    const resync = await resyncUnderWrites(large, redis.url, 0);
    report.line(`## Writes while the ${fmtInt(LARGE)}-endpoint replica reloads after a gap`);
    report.line();
    report.line(`- /healthz said resyncing: ${resync.sawResyncing}`);
    report.line(
      `- reload took ${fmt(resync.seconds, 1)} s (the first load, to ready: ${fmt(large.plinkd.readyMs / 1000, 1)} s; ratio ${fmt(resync.seconds / (large.plinkd.readyMs / 1000))})`,
    );
    report.line();
    report.table(
      ['CreateVpc answer', 'count'],
      [...resync.codes].map(([code, count]) => [code, fmtInt(count)]),
    );
    report.line();
    if ([...resync.codes.keys()].some((code) => code.includes('InternalError')))
      throw new Error('a write answered InternalError during the resync');
  }
  report.write();
  await Promise.all([stopChild(large.plinkd.child), stopChild(small.plinkd.child)]);
});
