import type { VSwitch } from '../../model/types.js';
import type { Replica } from '../../replica/replica.js';
import { compareText, endpointNode, gatewayEndpointNode, privateZoneNode, resolverBindingNode, serviceNode, vpcNode } from './nodes.js';
import { TOPOLOGY_LISTS, type Topology, type TopologyList } from './types.js';

/** What the topology reads: the replica's documents (never access keys or accounts). */
export type TopologySource = Pick<Replica, 'values' | 'get' | 'position' | 'endpointIdsOfService' | 'vSwitchIdsOfVpc'>;

/**
 * Nodes per list in one answer. The topology is for people looking at a deployment
 * (the console, `plinkd topology`); a replica of a million endpoints answers the
 * first 10,000 by creation time, with `totals` and `truncated` saying so, rather
 * than hold the event loop (and the DNS it serves) for a multi-gigabyte JSON text.
 */
export const MAX_TOPOLOGY_NODES = 10_000;

/** The whole picture from the replica, oldest first in each list. */
export function buildTopology(replica: TopologySource): Topology {
  const vSwitchesByVpc = new Map<string, VSwitch[]>();
  for (const vSwitch of replica.values('vSwitch')) {
    let list = vSwitchesByVpc.get(vSwitch.vpcId);
    if (list === undefined) vSwitchesByVpc.set(vSwitch.vpcId, (list = []));
    list.push(vSwitch);
  }
  const recordCounts = countRecords(replica);
  const byAge =
    <T extends { createdAt: string }>(id: (item: T) => string) =>
    (a: T, b: T) =>
      compareText(a.createdAt, b.createdAt) || compareText(id(a), id(b));

  const services = [...replica.values('service')].sort(byAge((s) => s.serviceId));
  const endpoints = [...replica.values('endpoint')].sort(byAge((e) => e.endpointId));
  const vpcs = [...replica.values('vpc')].sort(byAge((v) => v.vpcId));
  const zones = [...replica.values('privateZone')].sort(byAge((z) => z.zoneId));
  const bindings = [...replica.values('resolverBinding')].sort(byAge((b) => b.bindingId));
  const gateways = [...replica.values('gatewayEndpoint')].sort(byAge((g) => g.endpointId));
  const totals: Record<TopologyList, number> = {
    services: services.length,
    endpoints: endpoints.length,
    vpcs: vpcs.length,
    privateZones: zones.length,
    resolverBindings: bindings.length,
    gatewayEndpoints: gateways.length,
  };
  const first = <T>(items: T[]): T[] => items.slice(0, MAX_TOPOLOGY_NODES);
  return {
    position: replica.position,
    services: first(services).map(serviceNode),
    endpoints: first(endpoints).map((e) => endpointNode(e, replica.get('service', e.serviceId))),
    vpcs: first(vpcs).map((v) => vpcNode(v, vSwitchesByVpc.get(v.vpcId) ?? [])),
    privateZones: first(zones).map((z) => privateZoneNode(z, recordCounts.get(z.zoneId) ?? 0)),
    resolverBindings: first(bindings).map(resolverBindingNode),
    gatewayEndpoints: first(gateways).map(gatewayEndpointNode),
    totals,
    truncated: TOPOLOGY_LISTS.some((list) => totals[list] > MAX_TOPOLOGY_NODES),
  };
}

/** Records per private zone, of the zones in `only` (all when absent), in one pass over the records. */
export function countRecords(replica: TopologySource, only?: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of replica.values('privateZoneRecord')) {
    if (only !== undefined && !only.has(record.zoneId)) continue;
    counts.set(record.zoneId, (counts.get(record.zoneId) ?? 0) + 1);
  }
  return counts;
}
