import { parseCidr, sizeOf } from '../../../model/cidr.js';
import type { GatewayEndpoint, Tag, VSwitch, Vpc } from '../../../model/types.js';

/**
 * VPC documents → the VPC API's fields (names and wrappers as in https://api.aliyun.com/product/Vpc):
 * Describe* wrap lists the classic POP way (`Vpcs: {Vpc: [...]}`, and nested
 * id lists such as `VSwitchIds: {VSwitchId: [...]}`), while the newer
 * ListVpcGatewayEndpoints uses plain arrays.
 */

/** The vRouter and system route table the cloud creates with every VPC share its id suffix here. */
export function vRouterIdOf(vpcId: string): string {
  return vpcId.replace(/^vpc-/, 'vrt-');
}

export function routeTableIdOf(vpcId: string): string {
  return vpcId.replace(/^vpc-/, 'vtb-');
}

export function renderVpc(vpc: Vpc, vSwitchIds: string[]): Record<string, unknown> {
  return {
    VpcId: vpc.vpcId,
    VpcName: vpc.vpcName,
    Description: vpc.description,
    RegionId: vpc.regionId,
    CidrBlock: vpc.cidrBlock,
    Ipv6CidrBlock: vpc.ipv6CidrBlock ?? '',
    Status: vpc.status,
    CreationTime: vpc.createdAt,
    IsDefault: false,
    VRouterId: vRouterIdOf(vpc.vpcId),
    ResourceGroupId: '',
    OwnerId: Number(vpc.uid),
    DhcpOptionsSetId: '',
    DhcpOptionsSetStatus: '',
    DnsHostnameStatus: 'DISABLED',
    // Cloud Enterprise Network is not modelled: no VPC is attached to one.
    CenStatus: '',
    EnabledIpv6: vpc.ipv6CidrBlock !== null,
    VSwitchIds: { VSwitchId: vSwitchIds },
    // The inner keys of these two are plural in the cloud's own responses.
    RouterTableIds: { RouterTableIds: [routeTableIdOf(vpc.vpcId)] },
    NatGatewayIds: { NatGatewayIds: [] },
    UserCidrs: { UserCidr: [] },
    SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
    Ipv6CidrBlocks: { Ipv6CidrBlock: vpc.ipv6CidrBlock === null ? [] : [{ Ipv6CidrBlock: vpc.ipv6CidrBlock, Ipv6Isp: 'BGP' }] },
    Tags: { Tag: [] },
  };
}

/** `used`: IPv4 addresses held by ENIs in it. */
export function renderVSwitch(vSwitch: VSwitch, used: number): Record<string, unknown> {
  // The cloud reserves the first and last three addresses of every vSwitch block.
  const usable = Number(sizeOf(parseCidr(vSwitch.cidrBlock)!)) - 4;
  return {
    VSwitchId: vSwitch.vSwitchId,
    VSwitchName: vSwitch.vSwitchName,
    VpcId: vSwitch.vpcId,
    ZoneId: vSwitch.zoneId,
    CidrBlock: vSwitch.cidrBlock,
    Ipv6CidrBlock: vSwitch.ipv6CidrBlock ?? '',
    Description: vSwitch.description,
    Status: vSwitch.status,
    AvailableIpAddressCount: Math.max(0, usable - used),
    CreationTime: vSwitch.createdAt,
    IsDefault: false,
    EnabledIpv6: vSwitch.ipv6CidrBlock !== null,
    NetworkAclId: '',
    OwnerId: Number(vSwitch.uid),
    ResourceGroupId: '',
    ShareType: '',
    RouteTable: { RouteTableId: routeTableIdOf(vSwitch.vpcId), RouteTableType: 'System' },
    Tags: { Tag: [] },
  };
}

export function renderTags(tags: readonly Tag[]): Array<{ Key: string; Value: string }> {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

export function renderGatewayEndpoint(endpoint: GatewayEndpoint): Record<string, unknown> {
  return {
    EndpointId: endpoint.endpointId,
    EndpointName: endpoint.endpointName,
    EndpointDescription: endpoint.endpointDescription,
    EndpointStatus: endpoint.status,
    ServiceName: endpoint.serviceName,
    VpcId: endpoint.vpcId,
    PolicyDocument: endpoint.policyDocument,
    ResourceGroupId: '',
    CreationTime: endpoint.createdAt,
    AssociatedRouteTables: [...endpoint.routeTables],
    Tags: renderTags(endpoint.tags ?? []),
  };
}
