import type { ApiCaller, Json } from './api-call.js';
import { until } from './scenario.js';

/**
 * Building blocks of PrivateLink flows over any ApiCaller (test/helpers/api-call.ts):
 * networks, services and endpoints, and waits for the reconciler.
 */

/** How long a test waits for the reconciler: generous, because CI machines may be busy. */
export const SETTLE_MS = 15_000;

export interface Net {
  vpcId: string;
  /** zone id → vSwitch id */
  vSwitches: Record<string, string>;
}

/** A VPC `10.<second>.0.0/16` with a vSwitch `10.<second>.<i>.0/24` per zone; `ipv6` gives the VPC a /56 and vSwitch i the /64 i. */
export async function network(caller: ApiCaller, second: number, zones: readonly string[], ipv6 = false): Promise<Net> {
  const { VpcId } = (await caller.call('vpc', 'CreateVpc', { CidrBlock: `10.${second}.0.0/16`, EnableIpv6: ipv6 || undefined })) as {
    VpcId: string;
  };
  const vSwitches: Record<string, string> = {};
  for (const [i, zoneId] of zones.entries()) {
    const created = await caller.call('vpc', 'CreateVSwitch', {
      VpcId,
      ZoneId: zoneId,
      CidrBlock: `10.${second}.${i}.0/24`,
      Ipv6CidrBlock: ipv6 ? i : undefined,
    });
    vSwitches[zoneId] = String(created['VSwitchId']);
  }
  return { vpcId: VpcId, vSwitches };
}

/** Resource.N.* for the given `[resourceId, zoneId]` pairs of one type. */
export function resources(type: string, pairs: ReadonlyArray<readonly [string, string]>): Json {
  const params: Json = { ServiceResourceType: type };
  pairs.forEach(([resourceId, zoneId], i) => {
    params[`Resource.${i + 1}.ResourceId`] = resourceId;
    params[`Resource.${i + 1}.ResourceType`] = type;
    params[`Resource.${i + 1}.ZoneId`] = zoneId;
  });
  return params;
}

export async function untilService(caller: ApiCaller, serviceId: string, check: (s: Json) => boolean): Promise<Json> {
  return until(() => caller.call('privatelink', 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }), check, SETTLE_MS);
}

/** CreateVpcEndpointService, waited until Active. */
export async function activeService(caller: ApiCaller, params: Json): Promise<string> {
  const { ServiceId } = (await caller.call('privatelink', 'CreateVpcEndpointService', params)) as { ServiceId: string };
  await untilService(caller, ServiceId, (s) => s['ServiceStatus'] === 'Active');
  return ServiceId;
}

/** CreateVpcEndpoint with one security group and a zone per given zone id; returns the EndpointId. */
export async function endpoint(
  caller: ApiCaller,
  net: Net,
  serviceId: string,
  zones: readonly string[],
  extra: Json = {},
): Promise<string> {
  const params: Json = { VpcId: net.vpcId, ServiceId: serviceId, 'SecurityGroupId.1': 'sg-flows1', ...extra };
  zones.forEach((zoneId, i) => {
    params[`Zone.${i + 1}.ZoneId`] = zoneId;
    params[`Zone.${i + 1}.VSwitchId`] = net.vSwitches[zoneId];
  });
  return String((await caller.call('privatelink', 'CreateVpcEndpoint', params))['EndpointId']);
}

export async function zones(caller: ApiCaller, endpointId: string): Promise<Json[]> {
  return (await caller.call('privatelink', 'ListVpcEndpointZones', { EndpointId: endpointId }))['Zones'] as Json[];
}

/** Waits until the endpoint is Active with `connection`, and every zone settled. */
export async function untilSettled(caller: ApiCaller, endpointId: string, connection: string): Promise<{ endpoint: Json; zones: Json[] }> {
  const settled = await until(
    () => caller.call('privatelink', 'GetVpcEndpointAttribute', { EndpointId: endpointId }),
    (e) => e['EndpointStatus'] === 'Active' && e['ConnectionStatus'] === connection,
    SETTLE_MS,
  );
  const all = await until(
    () => zones(caller, endpointId),
    (zs) => zs.every((z) => ['Wait', 'Connected', 'Disconnected'].includes(String(z['ZoneStatus']))),
    SETTLE_MS,
  );
  return { endpoint: settled, zones: all };
}

/** The provider's view of one connection (ListVpcEndpointConnections). */
export async function connection(provider: ApiCaller, serviceId: string, endpointId: string): Promise<Json> {
  const listed = await provider.call('privatelink', 'ListVpcEndpointConnections', { ServiceId: serviceId, EndpointId: endpointId });
  return (listed['Connections'] as Json[])[0]!;
}
