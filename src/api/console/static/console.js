// plinkd's web console (docs/console.md): read-only; all data from the /v1 routes
// with the API token, kept live by the server's event stream (no polling).
import { renderDiagram } from './diagram.js';
import { dnsPanel } from './dns-panel.js';
import { h, replaceChildren } from './dom.js';
import { renderInventory } from './inventory.js';
import { policyPanel } from './policy-panel.js';
import { follow } from './stream.js';

const LISTS = ['services', 'endpoints', 'vpcs', 'privateZones', 'resolverBindings', 'gatewayEndpoints'];
const ID_FIELD = {
  services: 'serviceId',
  endpoints: 'endpointId',
  vpcs: 'vpcId',
  privateZones: 'zoneId',
  resolverBindings: 'bindingId',
  gatewayEndpoints: 'endpointId',
};
const STORAGE_KEY = 'plinkd-console-token';

/**
 * The token comes from the fragment (`/console#token=…`: browsers never send a
 * fragment, and it is removed from the address bar at once) or the login form,
 * and is kept for this tab only.
 */
function takeToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const given = fragment.get('token');
  if (given) {
    sessionStorage.setItem(STORAGE_KEY, given);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

const state = Object.fromEntries(LISTS.map((list) => [list, new Map()]));
let drawing = false;
let stopFollowing;

function load(topology) {
  for (const list of LISTS) {
    state[list].clear();
    for (const node of topology[list]) state[list].set(node[ID_FIELD[list]], node);
  }
  truncated = topology.truncated;
  setPosition(topology.position);
}

function apply({ position, changes }) {
  for (const { list, id, node } of changes) {
    if (node === null) state[list].delete(id);
    else state[list].set(id, node);
  }
  setPosition(position);
}

function setPosition(position) {
  document.getElementById('position').textContent = `at ${position}`;
}

let truncated = false;

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function showTotals() {
  const text = `${count(state.services.size, 'service', 'services')} · ${count(state.endpoints.size, 'endpoint', 'endpoints')}`;
  document.getElementById('totals').textContent = truncated ? `${text} (the snapshot held the first 10,000 of each list)` : text;
}

let currentToken;

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${currentToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 401) showLogin('the API token was refused');
  return { status: response.status, body: await response.json() };
}

const dns = dnsPanel(post);
policyPanel(post);

function draw() {
  drawing = false;
  renderDiagram(document.getElementById('diagram'), state, (name, vpcId) => dns.ask(name, vpcId));
  renderInventory(document.getElementById('inventory'), state);
  showTotals();
  dns.update(state);
}

function redraw() {
  if (drawing) return;
  drawing = true;
  requestAnimationFrame(draw);
}

function start(token) {
  currentToken = token;
  document.getElementById('login').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('logout').hidden = false;
  const live = document.getElementById('live');
  stopFollowing = follow(token, {
    onState: (s) => {
      live.dataset.state = s;
      live.textContent = s;
    },
    onEvent: (name, data) => {
      if (name === 'topology') load(data);
      else if (name === 'change') apply(data);
      redraw();
    },
    onUnauthorized: () => showLogin('the API token was refused'),
  });
}

function showLogin(message) {
  stopFollowing?.();
  stopFollowing = undefined;
  currentToken = undefined;
  sessionStorage.removeItem(STORAGE_KEY);
  document.getElementById('app').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('login').hidden = false;
  replaceChildren(document.getElementById('login-error'), message ? h('span', {}, message) : null);
}

document.getElementById('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = document.getElementById('token').value.trim();
  document.getElementById('token').value = '';
  sessionStorage.setItem(STORAGE_KEY, token);
  start(token);
});
document.getElementById('logout').addEventListener('click', () => showLogin(''));

const token = takeToken();
if (token) start(token);
else showLogin('');
