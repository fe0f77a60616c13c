#!/usr/bin/env node
/**
 * npm run cluster:demo — scale-out on one machine (README, "Scale-out and
 * production layout"):
 *   a 3-master Redis Cluster on loopback (redis-server --cluster-enabled yes,
 *   joined by redis-cli --cluster create), one `--role api` plinkd and two
 *   `--role dns` plinkd replicas on that cluster. It creates a service and a
 *   connected endpoint through the API, shows both DNS replicas answering its
 *   name, prints commands to try, and tears everything down on Ctrl-C.
 *
 * Needs redis-server and redis-cli (Redis ≥ 7) on PATH and a built dist/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import RPCClient from '@alicloud/pop-core';
import { freePort } from './free-port.mjs';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const OPERATOR = { uid: '1000000000000000', id: 'LTAIdemooperator', secret: 'demo-operator-secret' };
const USER = { uid: '1234567890123456', id: 'LTAIdemouser0001', secret: 'demo-user-secret-0001' };
const ACCESS_KEYS = `${OPERATOR.uid}:${OPERATOR.id}:${OPERATOR.secret}:operator,${USER.uid}:${USER.id}:${USER.secret}`;
const API_TOKEN = 'demo-api-token-0123456789';

const children = [];
const dir = mkdtempSync(join(tmpdir(), 'plinkd-demo-'));
let stopping = false;

function say(text) {
  process.stdout.write(`${text}\n`);
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        if (Date.now() > deadline) reject(new Error(`port ${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function start(name, command, args, env = {}) {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, 'a');
  // Own process group: Ctrl-C reaches only this script, which stops the rest in order.
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, detached: true });
  children.push({ name, child });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`\n${name} exited (${code ?? signal}); its log: ${log}`);
      void shutdown(1);
    }
  });
  return { child, log };
}

async function startRedisCluster() {
  const ports = [];
  for (let i = 1; i <= 3; i++) {
    const port = await freePort();
    const busPort = await freePort();
    const nodeDir = join(dir, `redis-${i}`);
    mkdirSync(nodeDir, { recursive: true });
    start(`redis-${i}`, 'redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      nodeDir,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(nodeDir, 'nodes.conf'),
      '--cluster-port',
      String(busPort),
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--save',
      '',
    ]);
    await waitForPort(port, 10_000);
    ports.push(port);
  }
  const addresses = ports.map((p) => `127.0.0.1:${p}`);
  execFileSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { stdio: 'ignore' });
  for (const port of ports) {
    const deadline = Date.now() + 20_000;
    while (
      !execFileSync('redis-cli', ['-p', String(port), 'CLUSTER', 'INFO'])
        .toString()
        .includes('cluster_state:ok')
    ) {
      if (Date.now() > deadline) throw new Error(`cluster node ${port} not ok`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { ports, url: `redis-cluster://${addresses.join(',')}` };
}

async function startPlinkd(name, role, store) {
  const api = await freePort();
  const dns = await freePort();
  const { log } = start(
    name,
    process.execPath,
    [MAIN, 'serve', '--role', role, '--store', store, '--api', `127.0.0.1:${api}`, '--dns', `127.0.0.1:${dns}`],
    {
      PLINKD_ACCESS_KEYS: ACCESS_KEYS,
      PLINKD_API_TOKENS: API_TOKEN,
    },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${api}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready; see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name, role, api, dns, log };
}

async function until(read, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A VPC, a service and a connected endpoint, all through the cloud API. */
async function seed(apiUrl) {
  const client = (apiVersion) => new RPCClient({ endpoint: apiUrl, apiVersion, accessKeyId: USER.id, accessKeySecret: USER.secret });
  const vpc = client('2016-04-28');
  const pl = client('2020-04-15');
  const call = (c, action, params) => c.request(action, { RegionId: 'cn-hangzhou', ...params }, { method: 'POST' });
  // PrivateLink is opened once per account before services and endpoints are created.
  await call(pl, 'OpenPrivateLinkService', {}).catch((err) => {
    if (err.code !== 'OrderOpend') throw err;
  });
  const { VpcId } = await call(vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16', VpcName: 'demo' });
  const { VSwitchId } = await call(vpc, 'CreateVSwitch', { VpcId, ZoneId: 'cn-hangzhou-h', CidrBlock: '10.0.0.0/24' });
  const { ServiceId } = await call(pl, 'CreateVpcEndpointService', {
    ServiceResourceType: 'nlb',
    AutoAcceptEnabled: true,
    'Resource.1.ResourceId': 'nlb-demo',
    'Resource.1.ResourceType': 'nlb',
    'Resource.1.ZoneId': 'cn-hangzhou-h',
  });
  await until(
    () => call(pl, 'GetVpcEndpointServiceAttribute', { ServiceId }),
    (s) => s.ServiceStatus === 'Active',
  );
  const { EndpointId, EndpointDomain } = await call(pl, 'CreateVpcEndpoint', {
    VpcId,
    ServiceId,
    'SecurityGroupId.1': 'sg-demo',
    'Zone.1.ZoneId': 'cn-hangzhou-h',
    'Zone.1.VSwitchId': VSwitchId,
  });
  await until(
    () => call(pl, 'GetVpcEndpointAttribute', { EndpointId }),
    (e) => e.ConnectionStatus === 'Connected',
  );
  return { EndpointId, EndpointDomain };
}

function dig(port, name) {
  try {
    return execFileSync('dig', [`@127.0.0.1`, '-p', String(port), '+short', name, 'A'])
      .toString()
      .trim()
      .replace(/\n/g, ' ');
  } catch {
    return '(dig not installed)';
  }
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('\nstopping…');
  for (const { child } of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    await new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
  rmSync(dir, { recursive: true, force: true });
  say('stopped; removed the Redis data.');
  process.exit(code);
}

async function main() {
  if (!existsSync(MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  for (const tool of ['redis-server', 'redis-cli']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is not installed (Debian/Ubuntu: apt-get install redis-server)`);
    }
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  say('starting a 3-master Redis Cluster…');
  const cluster = await startRedisCluster();
  say('starting plinkd: one api process, two dns replicas…');
  const api = await startPlinkd('plinkd-api', 'api', cluster.url);
  const dnsA = await startPlinkd('plinkd-dns-1', 'dns', cluster.url);
  const dnsB = await startPlinkd('plinkd-dns-2', 'dns', cluster.url);
  say('creating a VPC, a service and a connected endpoint through the API…');
  const { EndpointId, EndpointDomain } = await seed(`http://127.0.0.1:${api.api}`);

  say(`
plinkd scale-out demo is running (Ctrl-C stops everything and removes the data).

  Redis Cluster   ${cluster.url}
  api             http://127.0.0.1:${api.api}        (cloud RPC API, /v1, reconciler lease holder)
  dns replica 1   udp+tcp 127.0.0.1:${dnsA.dns}   http://127.0.0.1:${dnsA.api}/healthz
  dns replica 2   udp+tcp 127.0.0.1:${dnsB.dns}   http://127.0.0.1:${dnsB.api}/healthz
  logs            ${dir}/*.log

Endpoint ${EndpointId} answers on both replicas:
  replica 1: ${dig(dnsA.dns, EndpointDomain)}
  replica 2: ${dig(dnsB.dns, EndpointDomain)}

Try:
  dig @127.0.0.1 -p ${dnsA.dns} ${EndpointDomain} A
  dig @127.0.0.1 -p ${dnsB.dns} ${EndpointDomain} A
  curl -s http://127.0.0.1:${dnsA.api}/metrics | grep -E 'plinkd_(store_up|replica)'
  curl -s -H 'authorization: Bearer ${API_TOKEN}' -H 'content-type: application/json' \\
       -d '{"endpointId":"${EndpointId}","action":"oss:GetObject","resource":"acs:oss:*:${USER.uid}:bucket/key"}' \\
       http://127.0.0.1:${dnsB.api}/v1/authorize
  node --input-type=module -e "
    import RPCClient from '@alicloud/pop-core';
    const pl = new RPCClient({ endpoint: 'http://127.0.0.1:${api.api}', apiVersion: '2020-04-15',
      accessKeyId: '${USER.id}', accessKeySecret: '${USER.secret}' });
    console.log(await pl.request('ListVpcEndpoints', { RegionId: 'cn-hangzhou' }, { method: 'POST' }));"
  # Delete the endpoint (DeleteVpcEndpoint), then dig again on both replicas: NXDOMAIN.
`);
}

main().catch((err) => {
  say(`cluster demo failed: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
