import { REGION, ZONES } from '../../helpers/scenario.js';
import type { ShapeCase } from './shape-case.js';
import { vpc } from './shape-world.js';

/** VPC 2016-04-28: one case per implemented action, keyed by its name (see privatelink-cases.ts). */
export const vpcShapeCases: Record<string, ShapeCase> = {
  CreateVpc: (w) => vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.41.0.0/16', VpcName: 'created' }),
  DescribeVpcs: async (w) => {
    // An IPv6 VPC beside the IPv4 one, so that Ipv6CidrBlocks has an item.
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.45.0.0/16', EnableIpv6: true });
    return vpc(w.consumer, 'DescribeVpcs', { VpcId: `${w.network.vpcId},${String(VpcId)}` });
  },
  DeleteVpc: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.42.0.0/16' });
    return vpc(w.consumer, 'DeleteVpc', { VpcId });
  },
  CreateVSwitch: (w) => vpc(w.consumer, 'CreateVSwitch', { VpcId: w.network.vpcId, ZoneId: ZONES[0], CidrBlock: '10.40.100.0/24' }),
  DescribeVSwitches: (w) => vpc(w.consumer, 'DescribeVSwitches', { VpcId: w.network.vpcId }),
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
  ListVpcGatewayEndpoints: (w) => vpc(w.consumer, 'ListVpcGatewayEndpoints', { EndpointId: w.gatewayEndpointId }),
  DeleteVpcGatewayEndpoint: async (w) => {
    const { VpcId } = await vpc(w.consumer, 'CreateVpc', { CidrBlock: '10.44.0.0/16' });
    const { EndpointId } = await vpc(w.consumer, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: `com.aliyun.${REGION}.oss` });
    return vpc(w.consumer, 'DeleteVpcGatewayEndpoint', { EndpointId });
  },
};
