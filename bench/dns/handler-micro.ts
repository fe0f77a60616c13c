/**
 * In-process cost of one query through DnsHandler on the fleet's region zone
 * (no sockets): fast path (reply cache), full path (cache off), and each with
 * the Prometheus sink plinkd wires in. Shows what plinkd's own code costs per
 * query, apart from the kernel's UDP send and receive.
 *
 *   node bench/work/build/bench/dns/handler-micro.js [endpoints=10000] [queries=100000]
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createRegionZone } from '../../src/dns/projection/region-zone.js';
import { endpointNames } from '../../src/dns/projection/endpoint-records.js';
import { ZoneRegistry } from '../../src/dns/registry/index.js';
import { DnsHandler, type DnsMetricsSink } from '../../src/dns/server/index.js';
import type { ResolvedView, ViewResolver } from '../../src/dns/lookup/types.js';
import { encodeQuery } from '../../src/dns/wire/index.js';
import { fleetChunks, REGION, SUFFIX } from '../common/fleet.js';
import { REPO_ROOT } from '../common/paths.js';
import { QueryMixBuilder } from './queries.js';

const [endpointsText = '10000', queriesText = '100000'] = process.argv.slice(2);
const ENDPOINTS = Number(endpointsText);
const zone = createRegionZone(REGION, SUFFIX, ['127.0.0.1'], 1);
const registry = new ZoneRegistry();
registry.setPublicZone(zone);
const mix = new QueryMixBuilder(ENDPOINTS, Number(queriesText));
for (const chunk of fleetChunks(ENDPOINTS)) {
  for (const service of chunk.services) zone.pinName(service.serviceDomain);
  for (const { endpoint } of chunk.endpoints) {
    for (const name of endpointNames(
      endpoint,
      chunk.services.find((s) => s.serviceId === endpoint.serviceId),
    ))
      zone.setAddresses(name.name, name.a, name.aaaa);
  }
  mix.add(chunk.endpoints);
}
const NO_VIEW: ResolvedView = { view: { vpcId: undefined, zoneId: undefined }, scopePrefixLength: 0 };
const views: ViewResolver = { generation: 1, resolve: () => NO_VIEW };
const queries = mix.lines.map((l, i) => encodeQuery({ id: i & 0xffff, name: l.name, type: l.type === 'A' ? 1 : 28 }));
const source = { address: '127.0.0.1', port: 40000, transport: 'udp' as const };

interface MetricsModule {
  dnsMetrics(registry: unknown): DnsMetricsSink;
}
interface RegistryModule {
  MetricsRegistry: new () => unknown;
}
const dist = (file: string): string => pathToFileURL(join(REPO_ROOT, 'dist', file)).href;
const { dnsMetrics } = (await import(dist('dns/dns-metrics.js'))) as MetricsModule;
const { MetricsRegistry } = (await import(dist('metrics/registry.js'))) as RegistryModule;

function measure(label: string, handler: DnsHandler, rounds: number): void {
  for (const q of queries) handler.handle(q, source);
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const q of queries) handler.handle(q, source);
  const ns = Number(process.hrtime.bigint() - started) / (rounds * queries.length);
  console.log(`${label.padEnd(34)} ${(ns / 1000).toFixed(2).padStart(6)} µs/query   (${handler.cachedReplies} replies cached)`);
}

console.log(
  `${ENDPOINTS} endpoints, ${queries.length} queries (${Object.entries(mix.counts())
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`,
);
measure('fast path, no metrics', new DnsHandler({ authority: registry, views }), 5);
measure('fast path, Prometheus sink', new DnsHandler({ authority: registry, views, metrics: dnsMetrics(new MetricsRegistry()) }), 5);
measure('full path (cache off), no metrics', new DnsHandler({ authority: registry, views, replyCacheEntries: 0 }), 1);
