// The rest of the picture: VPCs with their vSwitches and resolver bindings, private
// zones with their bound VPCs and record counts, OSS gateway endpoints.
import { badge, h, replaceChildren } from './dom.js';

function table(headings, rows) {
  if (rows.length === 0) return h('p', { class: 'muted small' }, 'none');
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headings.map((t) => h('th', {}, t)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

export function renderInventory(container, state) {
  const bindingsByVpc = new Map();
  for (const binding of state.resolverBindings.values()) {
    const list = bindingsByVpc.get(binding.vpcId) ?? [];
    list.push(binding);
    bindingsByVpc.set(binding.vpcId, list);
  }
  const vpcs = [...state.vpcs.values()].map((vpc) =>
    h(
      'tr',
      { dataset: { vpcId: vpc.vpcId } },
      h('td', {}, h('code', {}, vpc.vpcId), vpc.vpcName ? ` ${vpc.vpcName}` : ''),
      h('td', {}, vpc.cidrBlock),
      h(
        'td',
        {},
        vpc.vSwitches.map((v) => h('div', { class: 'small' }, `${v.vSwitchId} ${v.zoneId} ${v.cidrBlock}`)),
      ),
      h(
        'td',
        {},
        (bindingsByVpc.get(vpc.vpcId) ?? []).map((b) => h('div', { class: 'small' }, `${b.sourceCidr}${b.zoneId ? ` (${b.zoneId})` : ''}`)),
      ),
    ),
  );
  const zones = [...state.privateZones.values()].map((zone) =>
    h(
      'tr',
      { dataset: { zoneId: zone.zoneId } },
      h('td', {}, zone.zoneName),
      h('td', {}, h('code', {}, zone.zoneId)),
      h('td', {}, zone.vpcs.length === 0 ? h('span', { class: 'muted' }, 'unbound') : zone.vpcs.join(', ')),
      h('td', { class: 'number' }, String(zone.recordCount)),
    ),
  );
  const gateways = [...state.gatewayEndpoints.values()].map((g) =>
    h('tr', {}, h('td', {}, h('code', {}, g.endpointId)), h('td', {}, g.vpcId), h('td', {}, g.serviceName), h('td', {}, badge(g.status))),
  );
  replaceChildren(
    container,
    h('h2', {}, 'VPCs'),
    table(['VPC', 'CIDR', 'vSwitches', 'resolver bindings'], vpcs),
    h('h2', {}, 'Private zones'),
    table(['zone', 'id', 'bound VPCs', 'records'], zones),
    h('h2', {}, 'Gateway endpoints'),
    table(['endpoint', 'VPC', 'service', 'status'], gateways),
  );
}
