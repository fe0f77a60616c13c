// The real plinkd for the HTTP part of the policy bench: `node dist/main.js serve` (memory
// store, one process) on free loopback ports, with an endpoint created through the cloud API
// (service, VPC, vSwitch, CreateVpcEndpoint carrying the typical policy as PolicyDocument),
// so /v1/authorize is measured end to end: bearer check, body parse, replica lookup of the
// endpoint's compiled policy, evaluation, JSON answer.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import RPCClient from '@alicloud/pop-core';
import { POLICY_TEXT } from './workload.mjs';
import { freePort } from '../../scripts/free-port.mjs';

const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;
const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const PROVIDER = { uid: '1111111111111111', id: 'LTAIbenchprovider11', secret: 'bench-provider-secret-1111' };
const CONSUMER = { uid: '2222222222222222', id: 'LTAIbenchconsumer22', secret: 'bench-consumer-secret-2222' };

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`plinkd exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`plinkd did not answer /healthz within ${timeoutMs} ms`);
}

async function until(read, check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts plinkd and creates a connected endpoint whose PolicyDocument is the typical policy. */
export async function startRealPlinkd(token, nodeArgs = []) {
  const apiPort = await freePort();
  const dnsPort = await freePort();
  const env = {
    ...process.env,
    PLINKD_API_TOKENS: token,
    PLINKD_ACCESS_KEYS: [PROVIDER, CONSUMER].map((a) => `${a.uid}:${a.id}:${a.secret}`).join(','),
  };
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      MAIN,
      'serve',
      '--api',
      `127.0.0.1:${apiPort}`,
      '--dns',
      `127.0.0.1:${dnsPort}`,
      '--store',
      'memory',
      '--transition-delay',
      '0',
      '--log-level',
      'warn',
    ],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${apiPort}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  try {
    await waitForHttp(url, child, 30_000);
    const client = (account, product) =>
      new RPCClient({
        endpoint: url,
        apiVersion: product === 'vpc' ? '2016-04-28' : '2020-04-15',
        accessKeyId: account.id,
        accessKeySecret: account.secret,
      });
    const call = (c, action, params = {}) => c.request(action, { RegionId: REGION, ...params }, { method: 'POST' });
    const providerPl = client(PROVIDER, 'privatelink');
    const consumerPl = client(CONSUMER, 'privatelink');
    const consumerVpc = client(CONSUMER, 'vpc');
    // Both accounts open PrivateLink first, as in the cloud (a rerun on the same store gets OrderOpend).
    for (const pl of [providerPl, consumerPl]) {
      await call(pl, 'OpenPrivateLinkService').catch((err) => {
        if (err.code !== 'OrderOpend') throw err;
      });
    }
    const { ServiceId } = await call(providerPl, 'CreateVpcEndpointService', {
      ServiceResourceType: 'nlb',
      AutoAcceptEnabled: true,
      'Resource.1.ResourceId': 'nlb-bench0',
      'Resource.1.ResourceType': 'nlb',
      'Resource.1.ZoneId': ZONE,
    });
    await until(
      () => call(providerPl, 'GetVpcEndpointServiceAttribute', { ServiceId }),
      (s) => s.ServiceStatus === 'Active',
    );
    await call(providerPl, 'AddUserToVpcEndpointService', { ServiceId, UserId: CONSUMER.uid });
    const { VpcId } = await call(consumerVpc, 'CreateVpc', { CidrBlock: '10.0.0.0/16', VpcName: 'bench' });
    const { VSwitchId } = await call(consumerVpc, 'CreateVSwitch', { VpcId, ZoneId: ZONE, CidrBlock: '10.0.0.0/24' });
    const { EndpointId } = await call(consumerPl, 'CreateVpcEndpoint', {
      VpcId,
      ServiceId,
      'SecurityGroupId.1': 'sg-bench',
      'Zone.1.ZoneId': ZONE,
      'Zone.1.VSwitchId': VSwitchId,
      PolicyDocument: POLICY_TEXT,
    });
    await until(
      () => call(consumerPl, 'GetVpcEndpointAttribute', { EndpointId }),
      (e) => e.ConnectionStatus === 'Connected',
    );
    return { url, endpointId: EndpointId, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
