import type RPCClient from '@alicloud/pop-core';
import { cloudClient } from './cloud.js';

export const REGION = 'cn-hangzhou';
export const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'] as const;

export interface Clients {
  vpc: RPCClient;
  privatelink: RPCClient;
}

export function clientsFor(apiUrl: string, account: 'provider' | 'consumer' | 'stranger' | 'operator'): Clients {
  return { vpc: cloudClient(apiUrl, account, 'vpc'), privatelink: cloudClient(apiUrl, account, 'privatelink') };
}

type Json = Record<string, unknown>;

const CALL_TIMEOUT_MS = 20_000;

export async function call(client: RPCClient, action: string, params: Json = {}, method: 'GET' | 'POST' = 'POST'): Promise<Json> {
  // pop-core's default read timeout is 3 s; on a loaded CI machine hundreds of
  // parallel calls (races.test.ts) can queue longer than that without anything wrong.
  return client.request<Json>(action, { RegionId: REGION, ...params }, { method, timeout: CALL_TIMEOUT_MS });
}

/** Polls until `check` holds (bounded), returning the last value. */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface Network {
  vpcId: string;
  vSwitches: Record<string, string>;
}

/** A VPC with one vSwitch per zone: 10.<n>.<zoneIndex>.0/24. */
export async function createNetwork(clients: Clients, second = 0, zones: readonly string[] = ZONES): Promise<Network> {
  const { VpcId } = (await call(clients.vpc, 'CreateVpc', { CidrBlock: `10.${second}.0.0/16`, VpcName: 'test-vpc' })) as { VpcId: string };
  const vSwitches: Record<string, string> = {};
  for (const [index, zoneId] of zones.entries()) {
    const { VSwitchId } = (await call(clients.vpc, 'CreateVSwitch', {
      VpcId,
      ZoneId: zoneId,
      CidrBlock: `10.${second}.${index}.0/24`,
    })) as { VSwitchId: string };
    vSwitches[zoneId] = VSwitchId;
  }
  return { vpcId: VpcId, vSwitches };
}

/** An auto-accepting NLB service with one resource per zone, waited until Active. */
export async function createActiveService(clients: Clients, extra: Json = {}, zones: readonly string[] = ZONES): Promise<string> {
  const resources: Json = { ServiceResourceType: 'nlb', AutoAcceptEnabled: true };
  zones.forEach((zoneId, i) => {
    resources[`Resource.${i + 1}.ResourceId`] = `nlb-res${i}${zoneId.slice(-1)}`;
    resources[`Resource.${i + 1}.ResourceType`] = 'nlb';
    resources[`Resource.${i + 1}.ZoneId`] = zoneId;
  });
  const { ServiceId } = (await call(clients.privatelink, 'CreateVpcEndpointService', { ...resources, ...extra })) as { ServiceId: string };
  await until(
    () => call(clients.privatelink, 'GetVpcEndpointServiceAttribute', { ServiceId }),
    (s) => s['ServiceStatus'] === 'Active',
  );
  return ServiceId;
}

export interface CreatedEndpoint {
  endpointId: string;
  endpointDomain: string;
}

/** An endpoint with a zone per given zone id, waited until Connected. */
export async function createConnectedEndpoint(
  clients: Clients,
  network: Network,
  serviceId: string,
  zones: readonly string[] = ZONES,
): Promise<CreatedEndpoint> {
  const params: Json = { VpcId: network.vpcId, ServiceId: serviceId, 'SecurityGroupId.1': 'sg-test1' };
  zones.forEach((zoneId, i) => {
    params[`Zone.${i + 1}.ZoneId`] = zoneId;
    params[`Zone.${i + 1}.VSwitchId`] = network.vSwitches[zoneId];
  });
  const created = (await call(clients.privatelink, 'CreateVpcEndpoint', params)) as { EndpointId: string; EndpointDomain: string };
  await until(
    () => call(clients.privatelink, 'GetVpcEndpointAttribute', { EndpointId: created.EndpointId }),
    (e) => e['EndpointStatus'] === 'Active' && e['ConnectionStatus'] === 'Connected',
  );
  await until(
    () => call(clients.privatelink, 'ListVpcEndpointZones', { EndpointId: created.EndpointId }),
    (z) => (z['Zones'] as Json[]).every((zone) => zone['ZoneStatus'] === 'Connected'),
  );
  return { endpointId: created.EndpointId, endpointDomain: created.EndpointDomain };
}
