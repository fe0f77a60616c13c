// The topology as a diagram: services → endpoints → zones (vSwitch, ENI addresses),
// each endpoint with its DNS names and the views that see them. Redrawn from the
// state on every change; a node whose status moved since the last drawing flashes.
import { badge, h, replaceChildren } from './dom.js';

const lastStatus = new Map();

function moved(key, status) {
  const before = lastStatus.get(key);
  lastStatus.set(key, status);
  return before !== undefined && before !== status;
}

const byAge = (a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

/** `onName(name, vpcId)` is called when a name is clicked (to ask the DNS panel). */
export function renderDiagram(container, state, onName) {
  const endpointsByService = new Map();
  for (const endpoint of [...state.endpoints.values()].sort(byAge)) {
    const list = endpointsByService.get(endpoint.serviceId) ?? [];
    list.push(endpoint);
    endpointsByService.set(endpoint.serviceId, list);
  }
  const rows = [...state.services.values()]
    .sort(byAge)
    .map((service) => serviceRow(service, endpointsByService.get(service.serviceId) ?? [], onName));
  for (const [serviceId, endpoints] of endpointsByService) {
    if (!state.services.has(serviceId)) rows.push(serviceRow(undefined, endpoints, onName, serviceId));
  }
  if (rows.length === 0) rows.push(h('p', { class: 'muted empty' }, 'No endpoint services yet.'));
  replaceChildren(container, rows);
}

function serviceRow(service, endpoints, onName, missingId) {
  const id = service?.serviceId ?? missingId;
  const status = service?.status ?? 'Deleted';
  const node = h(
    'div',
    { class: `node service${moved(`service:${id}`, status) ? ' changed' : ''}`, dataset: { serviceId: id, status } },
    h('div', { class: 'title' }, h('strong', {}, service?.serviceName || id), ' ', badge(status, 'ServiceStatus')),
    service === undefined
      ? h('div', { class: 'muted' }, 'service deleted')
      : [
          h('div', { class: 'muted small' }, `${id} · owner ${service.owner} · ${service.resourceType}`),
          service.businessStatus !== 'Normal' ? badge(service.businessStatus, 'business status') : null,
          h(
            'div',
            { class: 'small' },
            service.resources.map((r) => h('span', { class: 'chip' }, `${r.resourceId} @ ${r.zoneId}`)),
          ),
          service.privateServiceDomain ? h('div', { class: 'small' }, `private domain ${service.privateServiceDomain}`) : null,
        ],
  );
  const children =
    endpoints.length === 0 ? [h('div', { class: 'muted small leaf' }, 'no endpoints')] : endpoints.map((e) => endpointRow(e, onName));
  return h('div', { class: 'branch' }, node, h('div', { class: 'children' }, children));
}

function endpointRow(endpoint, onName) {
  const key = `${endpoint.status}/${endpoint.connectionStatus}/${endpoint.businessStatus}`;
  const node = h(
    'div',
    {
      class: `node endpoint${moved(`endpoint:${endpoint.endpointId}`, key) ? ' changed' : ''}`,
      dataset: { endpointId: endpoint.endpointId, status: endpoint.status, connection: endpoint.connectionStatus },
    },
    h(
      'div',
      { class: 'title' },
      h('strong', {}, endpoint.endpointName || endpoint.endpointId),
      ' ',
      badge(endpoint.status, 'EndpointStatus'),
      ' ',
      badge(endpoint.connectionStatus, 'ConnectionStatus'),
      endpoint.businessStatus !== 'Normal' ? [' ', badge(endpoint.businessStatus, 'business status')] : null,
    ),
    h('div', { class: 'muted small' }, `${endpoint.endpointId} · ${endpoint.endpointType} · owner ${endpoint.owner} · ${endpoint.vpcId}`),
    h(
      'ul',
      { class: 'names' },
      endpoint.names.map((name) => nameItem(name, endpoint.vpcId, onName)),
    ),
  );
  const zones = endpoint.zones.map((zone) => zoneNode(endpoint.endpointId, zone));
  return h(
    'div',
    { class: 'branch' },
    node,
    h('div', { class: 'children' }, zones.length > 0 ? zones : h('div', { class: 'muted small leaf' }, 'no zones')),
  );
}

function nameItem(name, vpcId, onName) {
  const views = name.views === 'all' ? 'every VPC' : name.views.join(', ');
  return h(
    'li',
    { class: name.answered ? 'answered' : 'silent', dataset: { name: name.name } },
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        title: 'ask the DNS panel',
        onclick: () => onName(name.name, name.views === 'all' ? vpcId : name.views[0]),
      },
      name.name,
    ),
    h('span', { class: 'muted small' }, ` ${name.kind} · seen by ${views} · `),
    h('span', { class: 'small' }, name.answered ? name.addresses.join(' ') : 'no records'),
  );
}

function zoneNode(endpointId, zone) {
  return h(
    'div',
    {
      class: `node zone leaf${moved(`zone:${endpointId}:${zone.zoneId}`, zone.status) ? ' changed' : ''}`,
      dataset: { zoneId: zone.zoneId, status: zone.status },
    },
    h('div', { class: 'title' }, h('strong', {}, zone.zoneId), ' ', badge(zone.status, 'ZoneStatus')),
    h(
      'div',
      { class: 'small' },
      zone.addresses.map((a) => h('code', { class: 'address' }, a)),
    ),
    h('div', { class: 'muted small' }, `${zone.vSwitchId} · ${zone.eniId}`),
  );
}
