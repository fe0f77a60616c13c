import type RPCClient from '@alicloud/pop-core';
import { ACCESS_KEYS, ACCOUNTS, cloudClient, errorCodeOf } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { REGION, ZONES, call, clientsFor, until, type Clients, type Network } from '../../helpers/scenario.js';

export { ACCOUNTS, REGION, ZONES, call, errorCodeOf, until };
export type { Clients, Network };
export type Json = Record<string, unknown>;
export type StoreKind = 'memory' | 'redis';

/** plinkd (and its Redis, if any) with the four accounts of test/helpers/cloud.ts. */
export interface World {
  plinkd: PlinkdProcess;
  redis: RedisServer | null;
  provider: Clients;
  consumer: Clients;
  stranger: Clients;
  operator: Clients & { ops: RPCClient };
  stop(): Promise<void>;
}

export async function startWorld(options: { store?: StoreKind; transitionDelayMs?: number } = {}): Promise<World> {
  const redis = options.store === 'redis' ? await startRedis() : null;
  const plinkd = await startPlinkd({
    accessKeys: ACCESS_KEYS,
    store: redis?.url ?? 'memory',
    transitionDelayMs: options.transitionDelayMs ?? 0,
  });
  return {
    plinkd,
    redis,
    provider: clientsFor(plinkd.apiUrl, 'provider'),
    consumer: clientsFor(plinkd.apiUrl, 'consumer'),
    stranger: clientsFor(plinkd.apiUrl, 'stranger'),
    operator: { ...clientsFor(plinkd.apiUrl, 'operator'), ops: cloudClient(plinkd.apiUrl, 'operator', 'operator') },
    async stop() {
      await plinkd.stop();
      await redis?.destroy();
    },
  };
}

/** Privatelink call; parameters set to undefined are left out (pop-core would send "undefined"). */
export function pl(clients: Clients, action: string, params: Json = {}): Promise<Json> {
  return call(clients.privatelink, action, Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)));
}

/** Privatelink call with parameter names sent exactly as given (pop-core otherwise capitalizes `ip` to `Ip`). */
export function plExact(clients: Clients, action: string, params: Json = {}): Promise<Json> {
  return clients.privatelink.request<Json>(action, { RegionId: REGION, ...params }, { method: 'POST', formatParams: false });
}

/** The error code a Privatelink call fails with. */
export function plError(clients: Clients, action: string, params: Json = {}): Promise<string> {
  return errorCodeOf(pl(clients, action, params));
}

/** Operator call (Version 2026-11-25); operator actions take no RegionId. */
export function op(client: RPCClient, action: string, params: Json = {}): Promise<Json> {
  return client.request<Json>(action, params, { method: 'POST' });
}

/** Resource.N.* parameters: one `<type>-<tag><zone letter>` resource per zone. */
export function resourceParams(type: string, zones: readonly string[], tag = 'r'): Json {
  const params: Json = { ServiceResourceType: type };
  zones.forEach((zoneId, i) => {
    params[`Resource.${i + 1}.ResourceId`] = `${type}-${tag}${zoneId.slice(-1)}`;
    params[`Resource.${i + 1}.ResourceType`] = type;
    params[`Resource.${i + 1}.ZoneId`] = zoneId;
  });
  return params;
}

/** Creates a service as `clients` and waits until it is Active. */
export async function activeService(clients: Clients, params: Json = {}, type = 'nlb', zones: readonly string[] = ZONES): Promise<string> {
  const { ServiceId } = (await pl(clients, 'CreateVpcEndpointService', { ...resourceParams(type, zones), ...params })) as {
    ServiceId: string;
  };
  await untilService(clients, ServiceId, (s) => s['ServiceStatus'] === 'Active');
  return ServiceId;
}

/** How long a test waits for the reconciler: generous, because CI machines may be busy. */
const SETTLE_MS = 15_000;

export function untilService(clients: Clients, serviceId: string, check: (s: Json) => boolean): Promise<Json> {
  return until(() => pl(clients, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }), check, SETTLE_MS);
}

export function untilEndpoint(clients: Clients, endpointId: string, check: (e: Json) => boolean): Promise<Json> {
  return until(() => pl(clients, 'GetVpcEndpointAttribute', { EndpointId: endpointId }), check, SETTLE_MS);
}

export async function zonesOf(clients: Clients, endpointId: string): Promise<Json[]> {
  return (await pl(clients, 'ListVpcEndpointZones', { EndpointId: endpointId }))['Zones'] as Json[];
}

export function untilZones(clients: Clients, endpointId: string, check: (zones: Json[]) => boolean): Promise<Json[]> {
  return until(() => zonesOf(clients, endpointId), check, SETTLE_MS);
}

export const zoneStatuses = (zones: Json[]): string[] => zones.map((z) => String(z['ZoneStatus']));

/** Waits until the endpoint is Active with the given connection status and none of its zones is transitional. */
export async function untilSettled(clients: Clients, endpointId: string, connection: string): Promise<{ endpoint: Json; zones: Json[] }> {
  const endpoint = await untilEndpoint(
    clients,
    endpointId,
    (e) => e['EndpointStatus'] === 'Active' && e['ConnectionStatus'] === connection,
  );
  const zones = await untilZones(clients, endpointId, (zs) =>
    zs.every((z) => ['Wait', 'Connected', 'Disconnected'].includes(String(z['ZoneStatus']))),
  );
  return { endpoint, zones };
}

/** Zone.N.* parameters for the given zones of a network. */
export function zoneParams(network: Network, zones: readonly string[] = ZONES): Json {
  const params: Json = {};
  zones.forEach((zoneId, i) => {
    params[`Zone.${i + 1}.ZoneId`] = zoneId;
    params[`Zone.${i + 1}.VSwitchId`] = network.vSwitches[zoneId];
  });
  return params;
}

/** CreateVpcEndpoint with one security group and the given zones; returns the EndpointId. */
export async function newEndpoint(
  clients: Clients,
  network: Network,
  serviceId: string,
  zones: readonly string[] = ZONES,
  extra: Json = {},
): Promise<string> {
  const created = await pl(clients, 'CreateVpcEndpoint', {
    VpcId: network.vpcId,
    ServiceId: serviceId,
    'SecurityGroupId.1': 'sg-test1',
    ...zoneParams(network, zones),
    ...extra,
  });
  return String(created['EndpointId']);
}

/** A VPC with one vSwitch per (zone, CIDR) pair; `ipv6` gives the VPC a /56 and each vSwitch the /64 of its index. */
export async function customNetwork(
  clients: Clients,
  vpcCidr: string,
  switches: ReadonlyArray<[string, string]>,
  ipv6 = false,
): Promise<Network> {
  const { VpcId } = (await call(clients.vpc, 'CreateVpc', { CidrBlock: vpcCidr, ...(ipv6 ? { EnableIpv6: true } : {}) })) as {
    VpcId: string;
  };
  const vSwitches: Record<string, string> = {};
  for (const [index, [zoneId, cidr]] of switches.entries()) {
    const { VSwitchId } = (await call(clients.vpc, 'CreateVSwitch', {
      VpcId,
      ZoneId: zoneId,
      CidrBlock: cidr,
      ...(ipv6 ? { Ipv6CidrBlock: index } : {}),
    })) as { VSwitchId: string };
    vSwitches[zoneId] = VSwitchId;
  }
  return { vpcId: VpcId, vSwitches };
}

/** Polls a call that fails once the resource is gone; returns its error code (or times out). */
export function untilGone(failing: () => Promise<string>): Promise<string> {
  return until(
    () => failing().catch(() => 'still there'),
    (code) => code !== 'still there',
    SETTLE_MS,
  );
}
