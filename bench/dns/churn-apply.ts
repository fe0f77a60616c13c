/**
 * In-process cost of API churn to a DNS process (no sockets, no Redis): a fleet loaded into
 * a DNS-role replica with the projections, registry and views attachDns wires, a DnsHandler
 * answering the cacheable mix from its reply cache, and change-stream batches applied as the
 * Redis follower hands them over (the entry's JSON decoded, then Replica's onBatch). Between
 * two API calls the handler answers QUERIES_PER_CALL queries of the mix (~25k q/s ÷ 50 calls/s,
 * bench:dns --mode fleet). CPU time, not wall time: robust on a shared machine.
 *
 * Per kind of call — reads (no change: the control), description edits, zone remove/add —
 * it reports CPU µs per stream change applied, replies dropped per call, the handler's CPU
 * per query under the churn ÷ under reads, the hit rate while churning, and the hit rate of
 * one pass of the mix afterwards. See USAGE; results go to bench/results/<date>-dns-churn.md.
 */
import { attachDns, type DnsSettings } from '../../src/dns/dns-service.js';
import { DnsHandler, type QuerySource } from '../../src/dns/server/index.js';
import { encodeQuery } from '../../src/dns/wire/index.js';
import { createLogger } from '../../src/log/logger.js';
import { MetricsRegistry } from '../../src/metrics/registry.js';
import type { Endpoint, EndpointZone, IpAllocation } from '../../src/model/types.js';
import { PolicyIndex } from '../../src/policy/endpoint-policy-index.js';
import { Replica } from '../../src/replica/replica.js';
import { replicaKinds } from '../../src/replica/role-kinds.js';
import { currentAllocation } from '../../src/model/ipam.js';
import { decodeChanges } from '../../src/store/tracked-transaction.js';
import type { Change, ChangeBatch, ChangeFollower, FollowHandlers, FollowOptions, Kind, Snapshot, Store } from '../../src/store/types.js';
import { timeLimit } from '../common/cleanup.js';
import { fleetChunks, REGION, SUFFIX, ZONES, type FleetEndpoint } from '../common/fleet.js';
import { Flags } from '../common/flags.js';
import { machineInfo, machineLines } from '../common/machine.js';
import { Report } from '../common/report.js';
import { median } from '../common/stats.js';
import { QueryMixBuilder } from './queries.js';

const USAGE = `npm run bench:dns-churn -- [flags]

Loads a fleet into a DNS-role replica in this process and, per kind of API
call, applies the stream entries the calls lead to between queries of the
cacheable mix answered by DnsHandler; CPU time per call applied, replies
dropped, hit rates, and CPU per query against the same process under reads.

  --endpoints 100k                  fleet size (default 100k)
  --calls 2000                      API calls per kind and round (default 2000)
  --rounds 3                        rounds, medians reported (default 3)
  --kinds reads,description,zones   kinds of call, in this order (default all three)
  --queries-per-call 500            queries answered between two calls (default 500)
  --time-limit 1800                 seconds before the bench stops itself (default 1800)

Time: the load (~45 s per 100k endpoints on a shared machine) plus about
rounds × kinds × calls × queries-per-call × 1.5 µs. No sockets, no processes.`;

const CALL_KINDS = ['reads', 'description', 'zones'] as const;
type CallKind = (typeof CALL_KINDS)[number];

const flags = new Flags(process.argv.slice(2), USAGE, ['endpoints', 'calls', 'rounds', 'kinds', 'queries-per-call', 'time-limit']);
const ENDPOINTS = flags.count('endpoints', 100_000);
const CALLS = flags.count('calls', 2000);
const ROUNDS = flags.count('rounds', 3);
const KINDS = flags.choices('kinds', CALL_KINDS, CALL_KINDS);
const QUERIES_PER_CALL = flags.count('queries-per-call', 500);
timeLimit(flags.count('time-limit', 1800));
const QUERIES = 100_000;
const TARGETS = 5_000;

/**
 * A store that hands the fleet over as its snapshot and lets the bench push stream batches
 * itself, synchronously, through the handlers a Redis follower would call.
 */
class ManualStore implements Store {
  readonly kind = 'memory' as const;
  private handlers: FollowHandlers | undefined;
  private kinds: ReadonlySet<Kind> | undefined;
  private seq = 0;
  constructor(private readonly docs: readonly Change[]) {}
  snapshot(): Promise<Snapshot> {
    return Promise.resolve({ position: '1-0', forEach: (visit) => this.docs.forEach(visit) });
  }
  follow(_from: string, handlers: FollowHandlers, options: FollowOptions = {}): ChangeFollower {
    this.handlers = handlers;
    this.kinds = options.kinds === undefined ? undefined : new Set(options.kinds);
    return { stop: () => (this.handlers = undefined) };
  }
  /** One stream entry: its payload as XREAD returns it, decoded and applied as RedisStore's follower does. */
  deliver(payload: string): void {
    const batch: ChangeBatch = { position: `2-${++this.seq}`, changes: decodeChanges(payload, this.kinds) };
    this.handlers!.onBatch(batch);
  }
  get = (): never => unused();
  transact = (): never => unused();
  claimOnce = (): never => unused();
  acquireLease = (): never => unused();
  renewLease = (): never => unused();
  releaseLease = (): never => unused();
  health = (): 'ok' => 'ok';
  close = (): Promise<void> => Promise.resolve();
}
function unused(): never {
  throw new Error('not used by a DNS replica');
}

/**
 * A stream entry as Redis holds it (encodeChanges): the endpoint, and the vSwitch's address
 * allocation when the call allocates or releases an ENI address (a kind the DNS role leaves
 * out, but which rides in the same entry).
 */
function payloadOf(endpoint: Endpoint, allocation?: IpAllocation): string {
  const writes: Array<[string, string, string]> = [];
  if (allocation !== undefined) writes.push(['ipAllocation', allocation.vSwitchId, JSON.stringify(allocation)]);
  writes.push(['endpoint', endpoint.endpointId, JSON.stringify(endpoint)]);
  return JSON.stringify(writes);
}

const machine = machineInfo([]);

// --- the fleet, the replica and the DNS side, wired as app.ts does for --role dns ---
const docs: Change[] = [];
const mix = new QueryMixBuilder(ENDPOINTS, QUERIES);
const targets: FleetEndpoint[] = [];
const every = Math.max(1, Math.floor(ENDPOINTS / TARGETS));
const allocations = new Map<string, IpAllocation>();
let seen = 0;
for (const chunk of fleetChunks(ENDPOINTS)) {
  docs.push(...chunk.changes);
  // As the control plane writes it back (address ranges), whatever form the fleet was seeded in.
  for (const change of chunk.changes)
    if (change.kind === 'ipAllocation' && change.doc !== null) allocations.set(change.id, currentAllocation(change.doc, change.id));
  mix.add(chunk.endpoints);
  for (const endpoint of chunk.endpoints) if (seen++ % every === 0 && targets.length < TARGETS) targets.push(endpoint);
}
const store = new ManualStore(docs);
const log = createLogger('error', () => undefined);
const replica = new Replica(store, {}, { kinds: replicaKinds(false) });
const settings: DnsSettings = {
  dns: [{ host: '127.0.0.1', port: 53 }],
  regions: [{ regionId: REGION, zoneIds: [...ZONES] }],
  domainSuffix: SUFFIX,
  zonesDir: undefined,
  zoneAffinity: 'first',
  queryLog: false,
};
const dns = attachDns(settings, replica, new MetricsRegistry(), log);
new PolicyIndex(log).attach(replica);
const loadStarted = Date.now();
await replica.start();
const loadSeconds = (Date.now() - loadStarted) / 1000;
docs.length = 0;

const handler = new DnsHandler({ authority: dns.registry, views: dns.views });
const source: QuerySource = { address: '127.0.0.1', port: 40000, transport: 'udp' };
const queries = mix.lines.map((l, i) => encodeQuery({ id: i & 0xffff, name: l.name, type: l.type === 'A' ? 1 : 28 }));
for (let pass = 0; pass < 2; pass++) for (const q of queries) handler.handle(q, source);

// --- the API calls, as the stream carries them (src/control: endpoint-zones.ts, advance.ts) ---
let cursor = 0;
const nextTarget = (): FleetEndpoint => targets[cursor++ % targets.length]!;
/** Zones removed (and settled), waiting to be added back: [endpoint id, the zone as it was]. */
const removed: Array<[string, EndpointZone]> = [];
const current = (id: string): Endpoint => replica.get('endpoint', id)!;
const DUE = 1_900_000_000_000;

/** The stream entries one API call leads to: its own write, then the reconciler's steps. */
function entriesOf(kind: CallKind, i: number): string[] {
  if (kind === 'reads') return [];
  if (kind === 'description') {
    const id = nextTarget().endpoint.endpointId;
    return [payloadOf({ ...current(id), endpointDescription: `churn ${i}` })];
  }
  if (i % 2 === 1 && removed.length > 0) {
    // AddZoneToVpcEndpoint: Creating, then the reconciler's Connecting and Connected.
    const [id, zone] = removed.shift()!;
    const base = current(id);
    const step = (zoneStatus: EndpointZone['zoneStatus'], resourceId: string | null, due: number | null): Endpoint => ({
      ...base,
      zones: [...base.zones, { ...zone, zoneStatus, resourceId, transitionDueAt: due }],
    });
    return [
      payloadOf(step('Creating', null, DUE + i), allocations.get(zone.vSwitchId)),
      payloadOf(step('Connecting', null, DUE + i + 1)),
      payloadOf(step('Connected', zone.resourceId, null)),
    ];
  }
  // RemoveZoneFromVpcEndpoint: Deleting, then the reconciler drops the zone.
  const id = nextTarget().endpoint.endpointId;
  const base = current(id);
  const zone = base.zones[base.zones.length - 1]!;
  removed.push([id, zone]);
  const deleting: Endpoint = {
    ...base,
    zones: base.zones.map((z) => (z === zone ? { ...z, zoneStatus: 'Deleting', transitionDueAt: DUE + i } : z)),
  };
  return [payloadOf(deleting), payloadOf({ ...base, zones: base.zones.filter((z) => z !== zone) }, allocations.get(zone.vSwitchId))];
}

interface Phase {
  kind: CallKind;
  applyMicros: number;
  changes: number;
  queryMicros: number;
  queries: number;
  dropped: number;
  hits: number;
  misses: number;
  afterHitRate: number;
}

const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function runPhase(kind: CallKind): Phase {
  const phase: Phase = { kind, applyMicros: 0, changes: 0, queryMicros: 0, queries: 0, dropped: 0, hits: 0, misses: 0, afterHitRate: 0 };
  const stats0 = handler.replyCacheStats;
  let q = 0;
  for (let i = 0; i < CALLS; i++) {
    const entries = entriesOf(kind, i);
    const a = cpuMicros();
    for (const payload of entries) store.deliver(payload);
    phase.applyMicros += cpuMicros() - a;
    phase.changes += entries.length;
    const t = cpuMicros();
    for (let k = 0; k < QUERIES_PER_CALL; k++) handler.handle(queries[q++ % queries.length]!, source);
    phase.queryMicros += cpuMicros() - t;
    phase.queries += QUERIES_PER_CALL;
  }
  const stats1 = handler.replyCacheStats;
  phase.dropped = stats1.dropped - stats0.dropped;
  phase.hits = stats1.hits - stats0.hits;
  phase.misses = stats1.misses - stats0.misses;
  for (const q of queries) handler.handle(q, source);
  const stats2 = handler.replyCacheStats;
  phase.afterHitRate = (stats2.hits - stats1.hits) / queries.length;
  // Zones still removed go back, so every round starts from the whole fleet.
  while (removed.length > 0) for (const payload of entriesOf('zones', 1)) store.deliver(payload);
  for (const q of queries) handler.handle(q, source);
  return phase;
}

const results = new Map<CallKind, Phase[]>(KINDS.map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) for (const kind of KINDS) results.get(kind)!.push(runPhase(kind));

const med = (kind: CallKind, f: (p: Phase) => number): number => median((results.get(kind) ?? []).map(f));
const perQuery = (p: Phase): number => p.queryMicros / p.queries;
const readsPerQuery = med('reads', perQuery);
const report = new Report('dns-churn');
report.line(`# DNS under API churn, in process — ${new Date().toISOString()}`);
report.line();
for (const line of machineLines(machine)) report.line(line);
report.line(
  `- fleet: ${ENDPOINTS.toLocaleString('en-US')} endpoints loaded into a DNS-role replica in ${loadSeconds.toFixed(1)} s (attachDns's projections, registry and views; the policy index)`,
);
report.line(
  `- per kind: ${CALLS.toLocaleString('en-US')} API calls over ${targets.length.toLocaleString('en-US')} endpoints, each followed by ${QUERIES_PER_CALL} queries of the cacheable mix (${queries.length.toLocaleString('en-US')} lines, replayed) through DnsHandler; ${ROUNDS} rounds, medians`,
);
report.line(
  "- a call's stream entries: description 1 (the edit); zones: remove 2 (Deleting; the reconciler drops the zone and releases its address), add 3 (Creating with its address allocated, Connecting, Connected); the entries that allocate or release carry the vSwitch's allocation document (its addresses in use as ranges), as the control plane writes them",
);
report.line(
  "- CPU time (process.cpuUsage) of the whole process: applying = the entry's JSON decoded + Replica onBatch (replica, projections, registry); queries = DnsHandler.handle, with the replies the changes dropped",
);
report.line();
report.table(
  [
    'API calls',
    'stream entries',
    'CPU µs per entry applied',
    'CPU µs per call applied',
    'share of a core at 50 calls/s',
    'replies dropped per call',
    'hit rate while churning',
    'hit rate of the mix after',
    'CPU µs/query',
    '÷ under reads',
  ],
  KINDS.map((kind) => {
    const changes = med(kind, (p) => p.changes);
    const perCallMicros = med(kind, (p) => p.applyMicros / CALLS);
    const hit = med(kind, (p) => p.hits / (p.hits + p.misses));
    const pq = med(kind, perQuery);
    return [
      kind,
      changes.toLocaleString('en-US'),
      changes === 0 ? '—' : med(kind, (p) => p.applyMicros / p.changes).toFixed(1),
      perCallMicros.toFixed(1),
      `${((perCallMicros * 50) / 1e4).toFixed(2)} %`,
      med(kind, (p) => p.dropped / CALLS).toFixed(2),
      `${(hit * 100).toFixed(2)} %`,
      `${(med(kind, (p) => p.afterHitRate) * 100).toFixed(2)} %`,
      pq.toFixed(2),
      (readsPerQuery / pq).toFixed(2),
    ];
  }),
);
for (const kind of KINDS.filter((k) => k !== 'reads')) {
  const perCall = med(kind, (p) => p.applyMicros / CALLS);
  report.line();
  report.line(
    `- **${kind === 'zones' ? 'zone remove/add' : 'description edits'}: the DNS process applies a call's changes in ${perCall.toFixed(0)} µs CPU (${((perCall * 50) / 1e4).toFixed(2)} % of a core at 50 calls/s) and drops ${med(kind, (p) => p.dropped / CALLS).toFixed(2)} cached replies per call; hit rate while churning ${(med(kind, (p) => p.hits / (p.hits + p.misses)) * 100).toFixed(2)} %**`,
  );
}
const withApply = (kind: CallKind): number => med(kind, (p) => (p.queryMicros + p.applyMicros) / p.queries);
const edits = KINDS.filter((k) => k !== 'reads');
if (KINDS.includes('reads') && edits.length > 0) {
  const ratios = edits.map(
    (k) => `÷ under ${k === 'zones' ? 'zone' : 'description'} edits: ${(withApply('reads') / withApply(k)).toFixed(2)}`,
  );
  report.line();
  report.line(
    `- CPU per query including the changes applied, under reads ${ratios.join('; ')} — an upper bound on what the DNS process's own work takes: in process a cached reply costs ~1 µs, over UDP ~20 µs (bench:dns), so the same work per call weighs ~20× less there`,
  );
}
report.write();
replica.stop();
