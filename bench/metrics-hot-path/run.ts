/**
 * What counting a DNS query costs on the hot path (docs/design/performance.md "Metrics"):
 * DnsHandler.handle per query, in process, fast path (reply cache hits), query log off,
 * with each way of counting the query and timing it:
 *   off          no metrics sink: the handler does not even read the clock
 *   plinkd       src/dns/dns-metrics.ts as shipped: local counter cells and histogram,
 *                collected into prom-client at scrape time
 *   prom-child   prom-client directly: Counter children kept per label set, Histogram.observe
 *   prom-labels  prom-client the documented way: counter.inc(labels), histogram.observe(value)
 * Interleaved rounds, medians; ratios against `off` and against `plinkd` in the same run.
 *
 *   npm run bench:metrics              (full: 3000 names × 200 passes × 9 rounds)
 *   npm run bench:metrics -- --quick   (a check that it runs)
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { Counter, Histogram, Registry } from 'prom-client';
import { dnsMetrics } from '../../src/dns/dns-metrics.js';
import { DnsHandler, type DnsMetricsSink } from '../../src/dns/server/index.js';
import { encodeQuery, qtypeName, rcodeName } from '../../src/dns/wire/index.js';
import { MetricsRegistry } from '../../src/metrics/registry.js';
import { StaticAuthority, StaticViews } from '../../test/helpers/static-authority.js';
import { benchZone, BENCH_ORIGIN } from '../dns-wire/bench-zone.js';

const quick = process.argv.includes('--quick');
const NAMES = 3000;
const PASSES = quick ? 10 : 200;
const ROUNDS = quick ? 3 : 9;
const BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];

const authority = new StaticAuthority([benchZone(NAMES)]);
const queries = Array.from({ length: NAMES }, (_, i) => encodeQuery({ id: i, name: `host${i}.${BENCH_ORIGIN}`, type: 1 }));
const source = { address: '127.0.0.1', port: 40000, transport: 'udp' as const };

function promChild(): DnsMetricsSink {
  const registry = new Registry();
  const counter = new Counter({ name: 'q_total', help: 'q', labelNames: ['rcode', 'qtype', 'view'], registers: [registry] });
  const histogram = new Histogram({ name: 'd_seconds', help: 'd', buckets: BUCKETS, registers: [registry] });
  const children = new Map<string, ReturnType<typeof counter.labels>>();
  return {
    observe(rcode, qtype, view, seconds) {
      const key = `${rcode}:${qtype}:${view}`;
      let child = children.get(key);
      if (child === undefined) children.set(key, (child = counter.labels(rcodeName(rcode), qtypeName(qtype), view)));
      child.inc();
      histogram.observe(seconds);
    },
  };
}

function promLabels(): DnsMetricsSink {
  const registry = new Registry();
  const counter = new Counter({ name: 'q_total', help: 'q', labelNames: ['rcode', 'qtype', 'view'], registers: [registry] });
  const histogram = new Histogram({ name: 'd_seconds', help: 'd', buckets: BUCKETS, registers: [registry] });
  return {
    observe(rcode, qtype, view, seconds) {
      counter.inc({ rcode: rcodeName(rcode), qtype: qtypeName(qtype), view });
      histogram.observe(seconds);
    },
  };
}

const variants: Record<string, () => DnsHandler> = {
  off: () => new DnsHandler({ authority, views: new StaticViews() }),
  plinkd: () => new DnsHandler({ authority, views: new StaticViews(), metrics: dnsMetrics(new MetricsRegistry()) }),
  'prom-child': () => new DnsHandler({ authority, views: new StaticViews(), metrics: promChild() }),
  'prom-labels': () => new DnsHandler({ authority, views: new StaticViews(), metrics: promLabels() }),
};

function nsPerQuery(handler: DnsHandler): number {
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (let p = 0; p < PASSES; p++) for (const q of queries) bytes += handler.handle(q, source)?.length ?? 0;
  const ns = Number(process.hrtime.bigint() - started) / (PASSES * queries.length);
  if (bytes === 0) throw new Error('no replies');
  return ns;
}

const handlers = Object.fromEntries(Object.entries(variants).map(([name, make]) => [name, make()]));
for (const handler of Object.values(handlers)) for (const q of queries) handler.handle(q, source); // fill each cache, warm up
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no variant always runs first after a GC.
  const names = Object.keys(variants);
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length]!;
    samples[name]!.push(nsPerQuery(handlers[name]!));
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medians = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));

const lines = [
  `# DNS hot path: the cost of counting a query — ${new Date().toISOString()}`,
  '',
  `- machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}`,
  `- DnsHandler.handle in process, fast path (cache hits), query log off; ${NAMES} names × ${PASSES} passes per round, ${ROUNDS} interleaved rounds${quick ? ' (--quick: a smoke run, not a measurement)' : ''}`,
  '',
  '| variant | median ns/query | × off | × plinkd | rounds (ns/query) |',
  '|---|---:|---:|---:|---|',
  ...Object.keys(variants).map(
    (name) =>
      `| ${name} | ${medians[name]!.toFixed(0)} | ${(medians[name]! / medians['off']!).toFixed(2)} | ${(medians[name]! / medians['plinkd']!).toFixed(2)} | ${samples[name]!.map((x) => x.toFixed(0)).join(', ')} |`,
  ),
  '',
  `- counting with prom-client children costs ${((medians['prom-child']! - medians['plinkd']!) / 1).toFixed(0)} ns/query more than plinkd's local cells; with labels per call ${(medians['prom-labels']! - medians['plinkd']!).toFixed(0)} ns more`,
];
const text = `${lines.join('\n')}\n`;
process.stdout.write(text);
if (!quick) {
  mkdirSync(new URL('../../../../results/', import.meta.url), { recursive: true });
  const file = new URL(`../../../../results/${new Date().toISOString().slice(0, 10)}-metrics-hot-path.md`, import.meta.url);
  writeFileSync(file, text);
  process.stdout.write(`written ${file.pathname}\n`);
}
