import type RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveService, createConnectedEndpoint, createNetwork, ZONES, type Clients } from '../../helpers/scenario.js';
import { STORES, call, failure, startStack, type Stack } from './stack.js';

type Json = Record<string, unknown>;
const OSS = 'com.aliyun.cn-hangzhou.oss';

/**
 * docs/api.md "Tenancy": the provider owns a service, the consumer a VPC, vSwitch,
 * gateway endpoint and an endpoint to that service; the stranger (and, for the
 * consumer's things, the provider) can read or change none of it, action by
 * action — and the owner's view is identical afterwards.
 */
describe.each(STORES)('tenancy of the VPC, gateway-endpoint, tag and security-group actions (%s store)', (store) => {
  let stack: Stack;
  let provider: Clients;
  let consumer: Clients;
  let stranger: Clients;
  let serviceId: string;
  let endpointId: string;
  let vpcId: string;
  let vSwitchId: string;
  let emptyVpcId: string;
  let freeVSwitchId: string;
  let gatewayEndpointId: string;

  const clientsOf = (account: 'provider' | 'consumer' | 'stranger'): Clients => ({
    vpc: stack.client(account, 'vpc'),
    privatelink: stack.client(account, 'privatelink'),
  });

  beforeAll(async () => {
    stack = await startStack(store);
    provider = clientsOf('provider');
    consumer = clientsOf('consumer');
    stranger = clientsOf('stranger');
    serviceId = await createActiveService(provider, {}, [ZONES[0]]);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
    await call(provider.privatelink, 'TagResources', {
      ResourceType: 'vpcendpointservice',
      'ResourceId.1': serviceId,
      'Tag.1.Key': 'owner',
      'Tag.1.Value': 'provider',
    });
    const network = await createNetwork(consumer, 1, [ZONES[0]]);
    vpcId = network.vpcId;
    vSwitchId = network.vSwitches[ZONES[0]]!;
    freeVSwitchId = (
      (await call(consumer.vpc, 'CreateVSwitch', { VpcId: vpcId, ZoneId: ZONES[1], CidrBlock: '10.1.7.0/24' })) as { VSwitchId: string }
    ).VSwitchId;
    emptyVpcId = ((await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.2.0.0/16' })) as { VpcId: string }).VpcId;
    gatewayEndpointId = (
      (await call(consumer.vpc, 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: OSS, EndpointName: 'mine' })) as {
        EndpointId: string;
      }
    ).EndpointId;
    endpointId = (await createConnectedEndpoint(consumer, network, serviceId, [ZONES[0]])).endpointId;
    await call(consumer.privatelink, 'TagResources', {
      ResourceType: 'vpcendpoint',
      'ResourceId.1': endpointId,
      'Tag.1.Key': 'owner',
      'Tag.1.Value': 'consumer',
    });
  });
  afterAll(async () => {
    await stack.stop();
  });

  /** What the owners see; must not change whatever the others try. */
  async function ownersView(): Promise<string> {
    const reads = [
      await call(consumer.vpc, 'DescribeVpcs', { PageSize: 50 }),
      await call(consumer.vpc, 'DescribeVSwitches', { PageSize: 50 }),
      await call(consumer.vpc, 'ListVpcGatewayEndpoints'),
      await call(consumer.privatelink, 'ListTagResources', { ResourceType: 'vpcendpoint', 'ResourceId.1': endpointId }),
      await call(consumer.privatelink, 'ListVpcEndpointSecurityGroups', { EndpointId: endpointId }),
      await call(consumer.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpointId }),
      await call(provider.privatelink, 'ListTagResources', { ResourceType: 'vpcendpointservice', 'ResourceId.1': serviceId }),
    ];
    return JSON.stringify(reads.map(({ RequestId: _requestId, ...rest }) => rest));
  }

  it('others read nothing of the owners', async () => {
    for (const other of [stranger, provider]) {
      expect((await call(other.vpc, 'DescribeVpcs', { VpcId: vpcId }))['TotalCount']).toBe(0);
      expect((await call(other.vpc, 'DescribeVSwitches', { VpcId: vpcId }))['TotalCount']).toBe(0);
      expect((await call(other.vpc, 'DescribeVSwitches', { VSwitchId: vSwitchId }))['TotalCount']).toBe(0);
      expect((await call(other.vpc, 'ListVpcGatewayEndpoints', { EndpointId: gatewayEndpointId }))['TotalCount']).toBe(0);
      expect((await call(other.vpc, 'ListVpcGatewayEndpoints', { VpcId: vpcId }))['TotalCount']).toBe(0);
      expect(
        (await call(other.privatelink, 'ListTagResources', { ResourceType: 'vpcendpoint', 'ResourceId.1': endpointId }))['TagResources'],
      ).toEqual([]);
      expect(
        (await call(other.privatelink, 'ListTagResources', { ResourceType: 'vpcendpoint', 'Tag.1.Key': 'owner' }))['TagResources'],
      ).toEqual([]);
      expect(await failure(call(other.privatelink, 'ListVpcEndpointSecurityGroups', { EndpointId: endpointId }))).toMatchObject({
        code: 'EndpointNotFound',
      });
    }
    // The consumer may connect to the provider's service, yet not read its tags.
    for (const other of [stranger, consumer]) {
      expect(
        (await call(other.privatelink, 'ListTagResources', { ResourceType: 'vpcendpointservice', 'ResourceId.1': serviceId }))[
          'TagResources'
        ],
      ).toEqual([]);
    }
  });

  it('others change nothing of the owners, each refused as if it did not exist', async () => {
    const before = await ownersView();
    const attempts: Array<[RPCClient, string, Json, string]> = [];
    for (const other of [stranger, provider]) {
      attempts.push(
        [other.vpc, 'DeleteVpc', { VpcId: emptyVpcId }, 'InvalidVpcId.NotFound'],
        [other.vpc, 'CreateVSwitch', { VpcId: emptyVpcId, ZoneId: ZONES[0], CidrBlock: '10.2.0.0/24' }, 'InvalidVpcId.NotFound'],
        [other.vpc, 'DeleteVSwitch', { VSwitchId: freeVSwitchId }, 'InvalidVSwitchId.NotFound'],
        [other.vpc, 'CreateVpcGatewayEndpoint', { VpcId: emptyVpcId, ServiceName: OSS }, 'ResourceNotFound.VpcId'],
        [
          other.vpc,
          'UpdateVpcGatewayEndpointAttribute',
          { EndpointId: gatewayEndpointId, EndpointName: 'taken' },
          'ResourceNotFound.GatewayEndpoint',
        ],
        [other.vpc, 'DeleteVpcGatewayEndpoint', { EndpointId: gatewayEndpointId }, 'ResourceNotFound.GatewayEndpoint'],
        [
          other.privatelink,
          'TagResources',
          { ResourceType: 'vpcendpoint', 'ResourceId.1': endpointId, 'Tag.1.Key': 'owner', 'Tag.1.Value': 'x' },
          'InvalidResourceId.NotFound',
        ],
        [
          other.privatelink,
          'UntagResources',
          { ResourceType: 'vpcendpoint', 'ResourceId.1': endpointId, All: true },
          'InvalidResourceId.NotFound',
        ],
        [other.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-evil' }, 'EndpointNotFound'],
        [
          other.privatelink,
          'DetachSecurityGroupFromVpcEndpoint',
          { EndpointId: endpointId, SecurityGroupId: 'sg-test1' },
          'EndpointNotFound',
        ],
      );
    }
    for (const other of [stranger, consumer]) {
      attempts.push(
        [
          other.privatelink,
          'TagResources',
          { ResourceType: 'vpcendpointservice', 'ResourceId.1': serviceId, 'Tag.1.Key': 'owner', 'Tag.1.Value': 'x' },
          'InvalidResourceId.NotFound',
        ],
        [
          other.privatelink,
          'UntagResources',
          { ResourceType: 'vpcendpointservice', 'ResourceId.1': serviceId, 'TagKey.1': 'owner' },
          'InvalidResourceId.NotFound',
        ],
      );
    }
    for (const [client, action, params, code] of attempts) {
      expect(await failure(call(client, action, params)), action).toMatchObject({ code });
      // A dry run tells a stranger no more than the real call.
      expect(await failure(call(client, action, { ...params, DryRun: true })), `${action} (dry run)`).toMatchObject({ code });
    }
    expect(await ownersView()).toBe(before);
  });

  it("a ClientToken another account used gives the caller its own resource, never the other's", async () => {
    const mine = await call(consumer.vpc, 'CreateVpc', { CidrBlock: '10.3.0.0/16', ClientToken: 'tenancy-token' });
    const theirs = await call(stranger.vpc, 'CreateVpc', { CidrBlock: '10.3.0.0/16', ClientToken: 'tenancy-token' });
    expect(theirs['VpcId']).not.toBe(mine['VpcId']);
    expect((await call(stranger.vpc, 'DescribeVpcs', { VpcId: mine['VpcId'] }))['TotalCount']).toBe(0);
  });
});
