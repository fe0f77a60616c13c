import { REGION, ZONES } from '../../helpers/scenario.js';
import type { ShapeCase } from './shape-case.js';
import { vpc } from './shape-world.js';

/** VPC 2016-04-28: one case per implemented action, keyed by its name (see privatelink-cases.ts). */
export const vpcShapeCases: Record<string, ShapeCase> = {
  CreateVpc: (w) => vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.41.0.0/16', VpcName: 'created' }),
  DescribeVpcs: async (w) => {
    // A tagged IPv6 VPC with a user CIDR beside the IPv4 one, so that every modelled list has an item.
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', {
      CidrBlock: '10.45.0.0/16',
      EnableIpv6: true,
      UserCidr: '192.168.0.0/16',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'shape',
    });
    return vpc(w.consumer, 'DescribeVpcs', { VpcId: `${w.network.vpcId},${String(VpcId)}` });
  },
  DeleteVpc: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.42.0.0/16' });
    return vpc(w.consumer, 'DeleteVpc', { VpcId });
  },
  CreateVSwitch: (w) => vpc(w.consumer, 'CreateVSwitch', { VpcId: w.network.vpcId, ZoneId: ZONES[0], CidrBlock: '10.40.100.0/24' }),
  DescribeVSwitches: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.53.0.0/16' });
    await vpc(w.consumer, 'CreateVSwitch', {
      VpcId,
      ZoneId: ZONES[0],
      CidrBlock: '10.53.0.0/24',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'shape',
    });
    return vpc(w.consumer, 'DescribeVSwitches', { VpcId });
  },
  DeleteVSwitch: async (w) => {
    const { VSwitchId } = await vpc(w.consumer, 'CreateVSwitch', { VpcId: w.network.vpcId, ZoneId: ZONES[1], CidrBlock: '10.40.101.0/24' });
    return vpc(w.consumer, 'DeleteVSwitch', { VSwitchId });
  },
  CreateVpcGatewayEndpoint: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.43.0.0/16' });
    return vpc(w.consumer, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: `com.aliyun.${REGION}.oss`, EndpointName: 'created' });
  },
  UpdateVpcGatewayEndpointAttribute: (w) =>
    vpc(w.consumer, 'UpdateVpcGatewayEndpointAttribute', { EndpointId: w.gatewayEndpointId, EndpointDescription: 'shape oss' }),
  ListVpcGatewayEndpoints: async (w) => {
    // One with its route table associated, so that AssociatedRouteTables has an item.
    const { VpcId, RouteTableId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.54.0.0/16' });
    const { EndpointId } = await vpc(w.consumer, 'CreateVpcGatewayEndpoint', {
      VpcId,
      ServiceName: `com.aliyun.${REGION}.oss`,
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'shape',
    });
    await vpc(w.consumer, 'AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId, 'RouteTableIds.1': RouteTableId });
    return vpc(w.consumer, 'ListVpcGatewayEndpoints', { VpcId });
  },
  DeleteVpcGatewayEndpoint: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.44.0.0/16' });
    const { EndpointId } = await vpc(w.consumer, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: `com.aliyun.${REGION}.oss` });
    return vpc(w.consumer, 'DeleteVpcGatewayEndpoint', { EndpointId });
  },
  GetVpcGatewayEndpointAttribute: async (w) => {
    // One endpoint with a route table associated, so that RouteTables has an item.
    const { VpcId, RouteTableId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.46.0.0/16' });
    const { EndpointId } = await vpc(w.consumer, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: `com.aliyun.${REGION}.oss` });
    await vpc(w.consumer, 'AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId, 'RouteTableIds.1': RouteTableId });
    return [
      await vpc(w.consumer, 'GetVpcGatewayEndpointAttribute', { EndpointId: w.gatewayEndpointId }),
      await vpc(w.consumer, 'GetVpcGatewayEndpointAttribute', { EndpointId }),
    ];
  },
  AssociateRouteTablesWithVpcGatewayEndpoint: async (w) => {
    const { VpcId, RouteTableId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.47.0.0/16' });
    const { EndpointId } = await vpc(w.consumer, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: `com.aliyun.${REGION}.oss` });
    return vpc(w.consumer, 'AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId, 'RouteTableIds.1': RouteTableId });
  },
  DissociateRouteTablesFromVpcGatewayEndpoint: async (w) => {
    const { VpcId, RouteTableId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.48.0.0/16' });
    const { EndpointId } = await vpc(w.consumer, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: `com.aliyun.${REGION}.oss` });
    await vpc(w.consumer, 'AssociateRouteTablesWithVpcGatewayEndpoint', { EndpointId, 'RouteTableIds.1': RouteTableId });
    return vpc(w.consumer, 'DissociateRouteTablesFromVpcGatewayEndpoint', { EndpointId, 'RouteTableIds.1': RouteTableId });
  },
  DescribeVpcAttribute: async (w) => {
    // A tagged IPv6 VPC with user CIDRs beside the world's, so that every list has an item.
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', {
      CidrBlock: '10.49.0.0/16',
      EnableIpv6: true,
      UserCidr: '192.168.0.0/16',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'shape',
    });
    return [
      await vpc(w.consumer, 'DescribeVpcAttribute', { VpcId: w.network.vpcId }),
      await vpc(w.consumer, 'DescribeVpcAttribute', { VpcId }),
    ];
  },
  ModifyVpcAttribute: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.50.0.0/16' });
    return vpc(w.consumer, 'ModifyVpcAttribute', { VpcId, VpcName: 'modified', EnableIPv6: true });
  },
  DescribeVSwitchAttributes: async (w) => {
    const { VSwitchId } = await vpc(w.consumer, 'CreateVSwitch', {
      VpcId: w.network.vpcId,
      ZoneId: ZONES[2],
      CidrBlock: '10.40.102.0/24',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'shape',
    });
    return vpc(w.consumer, 'DescribeVSwitchAttributes', { VSwitchId });
  },
  ModifyVSwitchAttribute: async (w) => {
    const { VSwitchId } = await vpc(w.consumer, 'CreateVSwitch', { VpcId: w.network.vpcId, ZoneId: ZONES[2], CidrBlock: '10.40.103.0/24' });
    return vpc(w.consumer, 'ModifyVSwitchAttribute', { VSwitchId, VSwitchName: 'modified' });
  },
  TagResources: (w) =>
    vpc(w.consumer, 'TagResources', { ResourceType: 'VPC', 'ResourceId.1': w.network.vpcId, 'Tag.1.Key': 'team', 'Tag.1.Value': 'shape' }),
  UnTagResources: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.51.0.0/16', 'Tag.1.Key': 'gone' });
    return vpc(w.consumer, 'UnTagResources', { ResourceType: 'VPC', 'ResourceId.1': VpcId, 'TagKey.1': 'gone' });
  },
  ListTagResources: async (w) => {
    await vpc(w.consumer, 'TagResources', { ResourceType: 'VSWITCH', 'ResourceId.1': w.network.vSwitches[ZONES[0]], 'Tag.1.Key': 'team' });
    return vpc(w.consumer, 'ListTagResources', { ResourceType: 'VSWITCH', 'ResourceId.1': w.network.vSwitches[ZONES[0]] });
  },
  MoveResourceGroup: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.52.0.0/16' });
    return vpc(w.consumer, 'MoveResourceGroup', { ResourceType: 'Vpc', ResourceId: VpcId, NewResourceGroupId: 'rg-shape' });
  },
};
