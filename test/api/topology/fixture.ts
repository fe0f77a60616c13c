import RPCClient from '@alicloud/pop-core';
import { ACCESS_KEYS, ACCOUNTS, VERSIONS, cloudClient } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { call, clientsFor, createActiveService, createConnectedEndpoint, createNetwork, type Network } from '../../helpers/scenario.js';

export const API_TOKEN = 'console-token-0123456789';

/** What the topology tests build: every kind of node, owned by the accounts of helpers/cloud.ts. */
export interface World {
  plinkd: PlinkdProcess;
  network: Network;
  serviceId: string;
  endpointId: string;
  endpointDomain: string;
  privateZoneId: string;
  bindingId: string;
  gatewayEndpointId: string;
}

const ZONES = ['cn-hangzhou-h', 'cn-hangzhou-i'] as const;

/**
 * A provider's service, a consumer's VPC with an endpoint connected in two zones,
 * a private zone with two records bound to that VPC, a resolver binding of the
 * VPC to 127.0.0.2, and an OSS gateway endpoint.
 */
export async function buildWorld(): Promise<World> {
  const plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, apiTokens: API_TOKEN, transitionDelayMs: 0 });
  const provider = clientsFor(plinkd.apiUrl, 'provider');
  const consumer = clientsFor(plinkd.apiUrl, 'consumer');
  const network = await createNetwork(consumer, 5, ZONES);
  const serviceId = await createActiveService(provider, {}, ZONES);
  await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
  const { endpointId, endpointDomain } = await createConnectedEndpoint(consumer, network, serviceId, ZONES);

  const pvtz = cloudClient(plinkd.apiUrl, 'consumer', 'pvtz');
  const request = (client: RPCClient, action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> =>
    client.request(action, params, { method: 'POST' });
  const { ZoneId } = (await request(pvtz, 'AddZone', { ZoneName: 'corp.example' })) as { ZoneId: string };
  await request(pvtz, 'BindZoneVpc', { ZoneId, 'Vpcs.1.VpcId': network.vpcId, 'Vpcs.1.RegionId': 'cn-hangzhou' });
  await request(pvtz, 'AddZoneRecord', { ZoneId, Rr: 'www', Type: 'A', Value: '10.5.9.9' });
  await request(pvtz, 'AddZoneRecord', { ZoneId, Rr: 'mail', Type: 'A', Value: '10.5.9.10' });
  const operator = new RPCClient({
    endpoint: plinkd.apiUrl,
    apiVersion: VERSIONS.operator,
    accessKeyId: ACCOUNTS.operator.accessKeyId,
    accessKeySecret: ACCOUNTS.operator.secret,
  });
  const { BindingId } = (await request(operator, 'CreateResolverBinding', {
    RegionId: 'cn-hangzhou',
    VpcId: network.vpcId,
    SourceCidr: '127.0.0.2/32',
  })) as { BindingId: string };
  const { EndpointId } = (await call(consumer.vpc, 'CreateVpcGatewayEndpoint', {
    VpcId: network.vpcId,
    ServiceName: 'com.aliyun.cn-hangzhou.oss',
  })) as { EndpointId: string };
  return {
    plinkd,
    network,
    serviceId,
    endpointId,
    endpointDomain,
    privateZoneId: ZoneId,
    bindingId: BindingId,
    gatewayEndpointId: EndpointId,
  };
}

export async function getJson(url: string, token: string | undefined, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
  return { status: response.status, body: await response.json() };
}
