import type RPCClient from '@alicloud/pop-core';
import { ACCOUNTS, cloudClient } from '../../helpers/cloud.js';
import { REGION, ZONES, createNetwork, until, type Network } from '../../helpers/scenario.js';
import { call, startStack, type Stack, type StoreName } from '../conveniences/stack.js';

/**
 * A realistic world built through the API of a real plinkd process, so that every list the
 * response-shape cases read has items: a provider's auto-accepting NLB service (tagged, with a
 * whitelisted account and ARN) and a manual-accept one, a consumer's network, a connected and
 * tagged endpoint, an OSS gateway endpoint, a PrivateZone zone with records bound to the VPC, a
 * cross-account VPC authorization.
 */

export type Json = Record<string, unknown>;

export interface Account {
  uid: string;
  vpc: RPCClient;
  privatelink: RPCClient;
  pvtz: RPCClient;
  operator: RPCClient;
}

export interface ShapeWorld {
  stack: Stack;
  provider: Account;
  consumer: Account;
  /** A third account, for a cross-account authorization a case can take back. */
  stranger: Account;
  /** The consumer's VPC with a vSwitch in each of ZONES. */
  network: Network;
  /** Auto-accepting, Active, resources in ZONES[0] and ZONES[1], tagged, consumer whitelisted by uid and by ARN. */
  serviceId: string;
  /** Manual-accept, Active, resources in ZONES[0] and ZONES[1], consumer whitelisted. */
  manualServiceId: string;
  /** The consumer's endpoint to serviceId: Connected in ZONES[0] and ZONES[1], tagged. */
  endpointId: string;
  gatewayEndpointId: string;
  /**
   * A PrivateZone zone of the consumer in a resource group, with a remark, bound to network.vpcId,
   * with an A record (remarked) and an MX record; the consumer may bind the provider's VPCs.
   */
  privateZoneId: string;
  recordId: number;
  stop(): Promise<void>;
}

/** A Privatelink / VPC call (RegionId filled in). */
export const pl = (account: Account, action: string, params: Json = {}): Promise<Json> => call(account.privatelink, action, params);
export const vpc = (account: Account, action: string, params: Json = {}): Promise<Json> => call(account.vpc, action, params);

/** An operator-product call (plinkd's own; any account may ask for a VPC authorization code). */
export const operator = (account: Account, action: string, params: Json = {}): Promise<Json> => call(account.operator, action, params);

/** A PrivateZone call: the product is global, so no RegionId. */
export function pvtz(account: Account, action: string, params: Json = {}): Promise<Json> {
  return account.pvtz.request<Json>(action, params, { method: 'POST' });
}

function account(stack: Stack, name: 'provider' | 'consumer' | 'stranger'): Account {
  const url = stack.plinkd.apiUrl;
  return {
    uid: ACCOUNTS[name].uid,
    vpc: cloudClient(url, name, 'vpc'),
    privatelink: cloudClient(url, name, 'privatelink'),
    pvtz: cloudClient(url, name, 'pvtz'),
    operator: cloudClient(url, name, 'operator'),
  };
}

/** Resource.N.* of an NLB service with one resource in each given zone. */
function resources(tag: string, zones: readonly string[]): Json {
  const params: Json = { ServiceResourceType: 'nlb' };
  zones.forEach((zoneId, i) => {
    params[`Resource.${i + 1}.ResourceId`] = `nlb-${tag}${zoneId.slice(-1)}`;
    params[`Resource.${i + 1}.ResourceType`] = 'nlb';
    params[`Resource.${i + 1}.ZoneId`] = zoneId;
  });
  return params;
}

/** A service of `owner`, waited until Active. */
export async function activeService(
  owner: Account,
  tag: string,
  extra: Json = {},
  zones: readonly string[] = ZONES.slice(0, 2),
): Promise<string> {
  const { ServiceId } = (await pl(owner, 'CreateVpcEndpointService', { ...resources(tag, zones), ...extra })) as { ServiceId: string };
  await untilService(owner, ServiceId, (s) => s['ServiceStatus'] === 'Active');
  return ServiceId;
}

export function untilService(owner: Account, serviceId: string, check: (s: Json) => boolean): Promise<Json> {
  return until(() => pl(owner, 'GetVpcEndpointServiceAttribute', { ServiceId: serviceId }), check, 15_000);
}

/** An endpoint of the consumer to `serviceId` in the given zones of the world's network. */
export async function newEndpoint(
  w: ShapeWorld,
  serviceId: string,
  zones: readonly string[] = ZONES.slice(0, 2),
  extra: Json = {},
): Promise<string> {
  const params: Json = { VpcId: w.network.vpcId, ServiceId: serviceId, 'SecurityGroupId.1': 'sg-shape1', ...extra };
  zones.forEach((zoneId, i) => {
    params[`Zone.${i + 1}.ZoneId`] = zoneId;
    params[`Zone.${i + 1}.VSwitchId`] = w.network.vSwitches[zoneId];
  });
  return String((await pl(w.consumer, 'CreateVpcEndpoint', params))['EndpointId']);
}

/** `zoneOwner` may bind `vpcOwner`'s VPCs: the VPC owner's code, spent by the zone owner (AddUserVpcAuthorization's answer). */
export async function authorize(zoneOwner: Account, vpcOwner: Account): Promise<Json> {
  const { AuthCode } = await operator(vpcOwner, 'CreateVpcAuthorizationCode', { ZoneOwnerId: zoneOwner.uid });
  return pvtz(zoneOwner, 'AddUserVpcAuthorization', { AuthorizedUserId: vpcOwner.uid, AuthCode });
}

/** Waits until the endpoint is Active, its connection `connection`, and no zone or security group is in transition. */
export async function untilSettled(w: ShapeWorld, endpointId: string, connection: string): Promise<void> {
  const steady = ['Wait', 'Connected', 'Disconnected'];
  await until(
    async () => {
      const endpoint = await pl(w.consumer, 'GetVpcEndpointAttribute', { EndpointId: endpointId });
      const zones = (await pl(w.consumer, 'ListVpcEndpointZones', { EndpointId: endpointId }))['Zones'] as Json[];
      const groups = (await pl(w.consumer, 'ListVpcEndpointSecurityGroups', { EndpointId: endpointId }))['SecurityGroups'] as Json[];
      return (
        endpoint['EndpointStatus'] === 'Active' &&
        endpoint['ConnectionStatus'] === connection &&
        zones.every((z) => steady.includes(String(z['ZoneStatus']))) &&
        groups.every((g) => g['SecurityGroupStatus'] === 'Attached')
      );
    },
    (settled) => settled,
    15_000,
  );
}

/** The world on a plinkd with the embedded memory store, or on a real redis-server (whose change stream a test can read). */
export async function startShapeWorld(store: StoreName = 'memory'): Promise<ShapeWorld> {
  const stack = await startStack(store, { transitionDelayMs: 0 });
  const provider = account(stack, 'provider');
  const consumer = account(stack, 'consumer');
  const network = await createNetwork({ vpc: consumer.vpc, privatelink: consumer.privatelink }, 40);
  const serviceId = await activeService(provider, 'shape', {
    AutoAcceptEnabled: true,
    ServiceDescription: 'shape service',
    'Tag.1.Key': 'team',
    'Tag.1.Value': 'shape',
  });
  await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: consumer.uid });
  await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserARN: `acs:ram:*:${consumer.uid}:*` });
  const manualServiceId = await activeService(provider, 'manual');
  await pl(provider, 'AddUserToVpcEndpointService', { ServiceId: manualServiceId, UserId: consumer.uid });
  const world: ShapeWorld = {
    stack,
    provider,
    consumer,
    stranger: account(stack, 'stranger'),
    network,
    serviceId,
    manualServiceId,
    endpointId: '',
    gatewayEndpointId: '',
    privateZoneId: '',
    recordId: 0,
    stop: () => stack.stop(),
  };
  world.endpointId = await newEndpoint(world, serviceId, ZONES.slice(0, 2), {
    EndpointName: 'shape-endpoint',
    EndpointDescription: 'shape endpoint',
    'Tag.1.Key': 'team',
    'Tag.1.Value': 'shape',
  });
  await untilSettled(world, world.endpointId, 'Connected');
  world.gatewayEndpointId = String(
    (
      await vpc(consumer, 'CreateVpcGatewayEndpoint', {
        VpcId: network.vpcId,
        ServiceName: `com.aliyun.${REGION}.oss`,
        EndpointName: 'shape-oss',
        'Tag.1.Key': 'team',
        'Tag.1.Value': 'shape',
      })
    )['EndpointId'],
  );
  world.privateZoneId = String((await pvtz(consumer, 'AddZone', { ZoneName: 'shape.example', ResourceGroupId: 'rg-shape' }))['ZoneId']);
  await pvtz(consumer, 'UpdateZoneRemark', { ZoneId: world.privateZoneId, Remark: 'shape zone' });
  world.recordId = Number(
    (
      await pvtz(consumer, 'AddZoneRecord', {
        ZoneId: world.privateZoneId,
        Rr: 'www',
        Type: 'A',
        Value: '192.0.2.10',
        Remark: 'shape record',
      })
    )['RecordId'],
  );
  await pvtz(consumer, 'AddZoneRecord', { ZoneId: world.privateZoneId, Rr: '@', Type: 'MX', Value: 'mail.shape.example', Priority: 10 });
  await pvtz(consumer, 'BindZoneVpc', { ZoneId: world.privateZoneId, 'Vpcs.1.VpcId': network.vpcId, 'Vpcs.1.RegionId': REGION });
  await authorize(consumer, provider);
  return world;
}
