/**
 * Heap and lookup cost of plinkd's DNS data for N endpoints (4 names each),
 * against a peer measured in the same run: the naive store — a Map from full
 * name to the contract's ResourceRecord objects, as the control plane hands
 * them over. Each (store, N) runs in its own process so heaps do not mix. The table and the
 * ratios are written to bench/results/<date>-dns-data.md.
 *
 *   npm run bench:dns-data -- [N…]      (default 100000 1000000)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machineInfo, machineLines } from '../common/machine.js';
import { Report } from '../common/report.js';
import { RRType, type ResourceRecord } from '../../src/dns/lookup/types.js';
import { Zone } from '../../src/dns/zone/index.js';
import { endpointRRsets, REGION_ZONE, type EndpointRRset } from './endpoints.js';

type Store = 'zone' | 'naive';
interface Measurement {
  store: Store;
  endpoints: number;
  names: number;
  heapBytes: number;
  rssBytes: number;
  buildMicrosPerName: number;
  lookupNanosMedian: number;
  updateMicrosMedian: number;
}

interface Subject {
  set(rrset: EndpointRRset): void;
  lookup(name: string): unknown;
}

function zoneSubject(): Subject {
  const zone = new Zone(REGION_ZONE, {
    ttl: 3600,
    data: {
      kind: 'SOA',
      mname: `ns1.${REGION_ZONE}`,
      rname: `hostmaster.${REGION_ZONE}`,
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: 60,
    },
  });
  return {
    set: ({ name, addresses }) =>
      zone.setRRset(
        name,
        RRType.A,
        addresses.map(({ address, zoneId }) => ({ ttl: 60, data: { kind: 'A', address }, affinityZone: zoneId })),
      ),
    lookup: (name) => zone.lookup(name, RRType.A),
  };
}

function naiveSubject(): Subject {
  const map = new Map<string, ResourceRecord[]>();
  return {
    set: ({ name, addresses }) =>
      map.set(
        name,
        addresses.map(({ address, zoneId }) => ({
          name,
          type: RRType.A,
          class: 1,
          ttl: 60,
          data: { kind: 'A', address },
          affinityZone: zoneId,
        })),
      ),
    lookup: (name) => map.get(name),
  };
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * CPU time (user + system) in milliseconds: the bench machine is shared, and
 * wall time would count the time other processes held the CPU.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(store: Store, endpoints: number): Measurement {
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  const before = process.memoryUsage();
  const subject = store === 'zone' ? zoneSubject() : naiveSubject();
  let names = 0;
  const started = cpuMs();
  for (const rrset of endpointRRsets(endpoints)) {
    subject.set(rrset);
    names++;
  }
  const buildMs = cpuMs() - started;
  gc();
  const after = process.memoryUsage();

  // Samples are taken after the heap is measured so they do not count in it.
  const samples: EndpointRRset[] = [];
  const step = Math.max(1, Math.floor(names / 10_000));
  let i = 0;
  for (const rrset of endpointRRsets(endpoints)) if (i++ % step === 0) samples.push(rrset);
  const queries = samples.flatMap((s) => [s.name, s.name.replace('ep-', 'ep-missing-')]);

  const lookupRounds: number[] = [];
  for (let round = 0; round < 15; round++) {
    // Fresh strings each round, as names decoded from the wire are: both
    // stores pay for hashing the query name.
    const fresh = queries.map((q) => JSON.parse(JSON.stringify(q)) as string);
    const t = cpuMs();
    for (const q of fresh) subject.lookup(q);
    lookupRounds.push(((cpuMs() - t) * 1e6) / queries.length);
  }
  const updateRounds: number[] = [];
  for (let round = 0; round < 9; round++) {
    const t = cpuMs();
    for (const s of samples) subject.set({ name: s.name, addresses: s.addresses.map((a) => ({ ...a, address: `10.255.${round}.1` })) });
    updateRounds.push(((cpuMs() - t) * 1e3) / samples.length);
  }
  return {
    store,
    endpoints,
    names,
    heapBytes: after.heapUsed - before.heapUsed,
    rssBytes: after.rss - before.rss,
    buildMicrosPerName: (buildMs * 1e3) / names,
    lookupNanosMedian: median(lookupRounds),
    updateMicrosMedian: median(updateRounds),
  };
}

function runChild(store: Store, endpoints: number): Measurement {
  const out = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', store, String(endpoints)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (out.status !== 0) throw new Error(`child ${store} ${endpoints} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as Measurement;
}

const MiB = 2 ** 20;
const fixed = (n: number, digits = 1): string => n.toFixed(digits);

function main(sizes: number[]): void {
  const report = new Report('dns-data');
  report.line(`# DNS data: the zone's label tree against a Map of full names — ${new Date().toISOString()}`);
  report.line();
  for (const line of machineLines(machineInfo([]))) report.line(line);
  report.line(
    '- N endpoints, 4 names and 6 A records each (docs/design/dns-data.md); peer: a Map from full name to ResourceRecord objects; ' +
      'heap is heapUsed after a forced GC; times are CPU time, medians; each store and size in its own process',
  );
  report.line();
  const rows: Measurement[] = [];
  for (const endpoints of sizes) {
    for (const store of ['zone', 'naive'] as const) {
      const m = runChild(store, endpoints);
      rows.push(m);
      console.log(`  ${m.store} ${m.endpoints}: heap ${fixed(m.heapBytes / MiB)} MiB, lookup ${fixed(m.lookupNanosMedian, 0)} ns`);
    }
  }
  report.table(
    ['store', 'endpoints', 'names', 'heap MiB', 'B/name', 'RSS MiB', 'build µs/name', 'lookup ns (median)', 'update µs (median)'],
    rows.map((m) => [
      m.store,
      String(m.endpoints),
      String(m.names),
      fixed(m.heapBytes / MiB),
      fixed(m.heapBytes / m.names, 0),
      fixed(m.rssBytes / MiB, 0),
      fixed(m.buildMicrosPerName, 2),
      fixed(m.lookupNanosMedian, 0),
      fixed(m.updateMicrosMedian, 2),
    ]),
  );
  report.line();
  const largest = Math.max(...sizes);
  for (const endpoints of sizes) {
    const zone = rows.find((r) => r.store === 'zone' && r.endpoints === endpoints) as Measurement;
    const naive = rows.find((r) => r.store === 'naive' && r.endpoints === endpoints) as Measurement;
    // The verdict is the largest size's; a small one's lookups are too quick to time on their own.
    const heap = `${endpoints.toLocaleString('en-US')} endpoints: zone heap ÷ naive ${fixed(zone.heapBytes / naive.heapBytes, 2)}`;
    report.line(
      `- ${endpoints === largest ? `**${heap}**` : heap}; ` +
        `zone lookup (the full RFC 1034 algorithm) ÷ naive Map.get ${fixed(zone.lookupNanosMedian / naive.lookupNanosMedian, 1)}`,
    );
  }
  const zones = rows.filter((r) => r.store === 'zone').sort((a, b) => a.endpoints - b.endpoints);
  const [small, large] = [zones[0], zones[zones.length - 1]];
  if (small !== undefined && large !== undefined && small !== large) {
    report.line(
      `- zone lookup at ${large.endpoints} ÷ at ${small.endpoints} endpoints: ${fixed(large.lookupNanosMedian / small.lookupNanosMedian, 2)} ` +
        `(O(labels): independent of zone size; > 1 is cache misses in a larger heap)`,
    );
  }
  report.write();
}

const [flag, store, count] = process.argv.slice(2);
if (flag === '--child') {
  process.stdout.write(JSON.stringify(measure(store as Store, Number(count))));
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  main(sizes.length > 0 ? sizes : [100_000, 1_000_000]);
}
