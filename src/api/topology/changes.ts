import type { EndpointService, PrivateZoneRecord, VSwitch } from '../../model/types.js';
import type { AppliedChange } from '../../replica/applied-change.js';
import type { TopologySource } from './build.js';
import { countRecords } from './build.js';
import { endpointNode, gatewayEndpointNode, privateZoneNode, resolverBindingNode, serviceNode, vpcNode } from './nodes.js';
import type { TopologyChange } from './types.js';

/**
 * The topology nodes one applied batch replaced or removed (types.ts). A
 * document can change a node of another kind: a vSwitch its VPC's node, a
 * record its zone's count, a service's PrivateServiceDomain its endpoints' names.
 * Nodes are rendered after the whole batch is applied, each once.
 */
export function topologyChanges(applied: readonly AppliedChange[], replica: TopologySource): TopologyChange[] {
  const vpcs = new Set<string>();
  const zones = new Set<string>();
  const endpoints = new Set<string>();
  const out = new Map<string, TopologyChange>();
  const put = (change: TopologyChange): void => {
    const key = `${change.list}:${change.id}`;
    out.delete(key);
    out.set(key, change);
  };
  for (const { change, previous } of applied) {
    switch (change.kind) {
      case 'service': {
        put({ list: 'services', id: change.id, node: change.doc === null ? null : serviceNode(change.doc) });
        const before = (previous as EndpointService | undefined)?.privateServiceDomain ?? null;
        if (before !== (change.doc?.privateServiceDomain ?? null)) {
          for (const endpointId of replica.endpointIdsOfService(change.id)) endpoints.add(endpointId);
        }
        break;
      }
      case 'endpoint':
        endpoints.add(change.id);
        break;
      case 'vpc':
        vpcs.add(change.id);
        break;
      case 'vSwitch':
        vpcs.add((change.doc ?? (previous as VSwitch)).vpcId);
        break;
      case 'privateZone':
        zones.add(change.id);
        break;
      case 'privateZoneRecord':
        zones.add((change.doc ?? (previous as PrivateZoneRecord)).zoneId);
        break;
      case 'resolverBinding':
        put({ list: 'resolverBindings', id: change.id, node: change.doc === null ? null : resolverBindingNode(change.doc) });
        break;
      case 'gatewayEndpoint':
        put({ list: 'gatewayEndpoints', id: change.id, node: change.doc === null ? null : gatewayEndpointNode(change.doc) });
        break;
      default:
        // Accounts, access keys, address allocations, idempotency records: not part of the picture.
        break;
    }
  }
  for (const id of endpoints) {
    const endpoint = replica.get('endpoint', id);
    put({
      list: 'endpoints',
      id,
      node: endpoint === undefined ? null : endpointNode(endpoint, replica.get('service', endpoint.serviceId)),
    });
  }
  for (const id of vpcs) {
    const vpc = replica.get('vpc', id);
    const vSwitches = vpc === undefined ? [] : replica.vSwitchIdsOfVpc(id).flatMap((v) => replica.get('vSwitch', v) ?? []);
    put({ list: 'vpcs', id, node: vpc === undefined ? null : vpcNode(vpc, vSwitches) });
  }
  if (zones.size > 0) {
    const counts = countRecords(replica, zones);
    for (const id of zones) {
      const zone = replica.get('privateZone', id);
      put({ list: 'privateZones', id, node: zone === undefined ? null : privateZoneNode(zone, counts.get(id) ?? 0) });
    }
  }
  return [...out.values()];
}
