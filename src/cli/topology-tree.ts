import type { Topology, TopologyEndpoint, TopologyName } from '../api/topology/types.js';

/** A node of the printed tree: its line and the lines below it. */
interface TreeNode {
  label: string;
  children: TreeNode[];
}

const node = (label: string, children: TreeNode[] = []): TreeNode => ({ label, children });

/**
 * `plinkd topology` as a tree: services → endpoints → zones and names; then VPCs with
 * their vSwitches and resolver bindings, private zones, gateway endpoints.
 */
export function topologyTree(topology: Topology): string {
  const endpointsOf = new Map<string, TopologyEndpoint[]>();
  for (const endpoint of topology.endpoints) {
    const list = endpointsOf.get(endpoint.serviceId) ?? [];
    list.push(endpoint);
    endpointsOf.set(endpoint.serviceId, list);
  }
  const services = topology.services.map((s) =>
    node(
      `${s.serviceId}  ${s.serviceName}  ${s.status}${s.businessStatus === 'Normal' ? '' : ` ${s.businessStatus}`}  owner ${s.owner}  ${s.resourceType} in ${s.zones.join(', ') || 'no zone'}`,
      (endpointsOf.get(s.serviceId) ?? []).map(endpointNode),
    ),
  );
  const known = new Set(topology.services.map((s) => s.serviceId));
  for (const [serviceId, endpoints] of endpointsOf) {
    if (!known.has(serviceId)) services.push(node(`${serviceId}  (service deleted)`, endpoints.map(endpointNode)));
  }
  const bindingsOf = (vpcId: string): TreeNode[] =>
    topology.resolverBindings
      .filter((b) => b.vpcId === vpcId)
      .map((b) => node(`resolver ${b.bindingId}  ${b.sourceCidr}${b.zoneId === null ? '' : `  ${b.zoneId}`}`));
  const sections = [
    node(`services (${topology.totals.services})`, services),
    node(
      `vpcs (${topology.totals.vpcs})`,
      topology.vpcs.map((v) =>
        node(`${v.vpcId}  ${v.cidrBlock}${v.vpcName === '' ? '' : `  ${v.vpcName}`}  owner ${v.owner}`, [
          ...v.vSwitches.map((s) => node(`${s.vSwitchId}  ${s.zoneId}  ${s.cidrBlock}`)),
          ...bindingsOf(v.vpcId),
        ]),
      ),
    ),
    node(
      `private zones (${topology.totals.privateZones})`,
      topology.privateZones.map((z) =>
        node(`${z.zoneId}  ${z.zoneName}  ${z.recordCount} records  ${z.vpcs.length === 0 ? 'unbound' : `bound to ${z.vpcs.join(', ')}`}`),
      ),
    ),
    node(
      `gateway endpoints (${topology.totals.gatewayEndpoints})`,
      topology.gatewayEndpoints.map((g) => node(`${g.endpointId}  ${g.serviceName}  ${g.status}  ${g.vpcId}`)),
    ),
  ];
  const lines = sections.flatMap((section) => [section.label, ...render(section.children, '')]);
  if (topology.truncated) lines.push('(truncated: each list shows its first 10,000 entries)');
  return `${lines.join('\n')}\n`;
}

function endpointNode(e: TopologyEndpoint): TreeNode {
  const state = `${e.status}/${e.connectionStatus}${e.businessStatus === 'Normal' ? '' : ` ${e.businessStatus}`}`;
  return node(`${e.endpointId}  ${state}  ${e.vpcId}  owner ${e.owner}`, [
    ...e.zones.map((z) => node(`zone ${z.zoneId}  ${z.status}  ${z.vSwitchId}  ${z.addresses.join(' ')}`)),
    ...e.names.map(nameNode),
  ]);
}

function nameNode(n: TopologyName): TreeNode {
  const views = n.views === 'all' ? 'every VPC' : n.views.join(', ');
  return node(`${n.name}  (${views})  ${n.answered ? `→ ${n.addresses.join(' ')}` : 'no records'}`);
}

function render(nodes: readonly TreeNode[], indent: string): string[] {
  return nodes.flatMap((n, i) => {
    const last = i === nodes.length - 1;
    return [`${indent}${last ? '└─ ' : '├─ '}${n.label}`, ...render(n.children, `${indent}${last ? '   ' : '│  '}`)];
  });
}
