import { parseCidr, sizeOf } from '../../../model/cidr.js';
import { routeTableIdOf, vRouterIdOf } from '../../../model/ids.js';
import type { GatewayEndpoint, Tag, VSwitch, Vpc } from '../../../model/types.js';

/**
 * VPC documents → the VPC API's fields (names and wrappers as in https://api.aliyun.com/product/Vpc):
 * Describe* wrap lists the classic POP way (`Vpcs: {Vpc: [...]}`, and nested
 * id lists such as `VSwitchIds: {VSwitchId: [...]}`), while the newer
 * gateway endpoint actions use plain arrays.
 */

export { routeTableIdOf, vRouterIdOf };

export function renderTags(tags: readonly Tag[]): Array<{ Key: string; Value: string }> {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

/** What DescribeVpcs items and DescribeVpcAttribute share. */
function vpcFields(vpc: Vpc, vSwitchIds: string[]): Record<string, unknown> {
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
    ResourceGroupId: vpc.resourceGroupId,
    OwnerId: Number(vpc.uid),
    DhcpOptionsSetId: '',
    DhcpOptionsSetStatus: '',
    EnabledIpv6: vpc.ipv6CidrBlock !== null,
    VSwitchIds: { VSwitchId: vSwitchIds },
    UserCidrs: { UserCidr: vpc.userCidrs ?? [] },
    SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
    Ipv6CidrBlocks: { Ipv6CidrBlock: vpc.ipv6CidrBlock === null ? [] : [{ Ipv6CidrBlock: vpc.ipv6CidrBlock, Ipv6Isp: 'BGP' }] },
    Tags: { Tag: renderTags(vpc.tags ?? []) },
  };
}

/** A DescribeVpcs item. */
export function renderVpc(vpc: Vpc, vSwitchIds: string[]): Record<string, unknown> {
  return {
    ...vpcFields(vpc, vSwitchIds),
    DnsHostnameStatus: 'DISABLED',
    CenStatus: '',
    // The inner keys of these two are plural in the cloud's own responses.
    RouterTableIds: { RouterTableIds: [routeTableIdOf(vpc.vpcId)] },
    NatGatewayIds: { NatGatewayIds: [] },
  };
}

/**
 * The same shape with every value empty ('', 0, false, [], objects field by
 * field): how the cloud answers DescribeVpcAttribute / DescribeVSwitchAttributes
 * for an id it does not find. Terraform's alicloud provider reads an empty
 * VpcId / VSwitchId as "gone" and any error as a failure.
 */
function blank(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, blank(v)]));
  return typeof value === 'string' ? '' : typeof value === 'number' ? 0 : false;
}

/** A document of every kind only to give `blank` its shape. */
const SHAPE_VPC: Vpc = {
  vpcId: 'vpc-x',
  uid: '0',
  regionId: '',
  vpcName: '',
  description: '',
  cidrBlock: '',
  ipv6CidrBlock: null,
  status: 'Available',
  createdAt: '',
  resourceGroupId: '',
  dependents: {},
};
const SHAPE_VSWITCH: VSwitch = { ...SHAPE_VPC, vSwitchId: 'vsw-x', zoneId: '', vSwitchName: '', cidrBlock: '10.0.0.0/24' };

/** DescribeVpcAttribute: the VPC, or all fields empty for one not found. */
export function renderVpcAttribute(vpc: Vpc | undefined, vSwitchIds: string[]): Record<string, unknown> {
  const rendered = {
    ...vpcFields(vpc ?? SHAPE_VPC, vSwitchIds),
    ClassicLinkEnabled: false,
    SupportIpv4Gateway: false,
    Ipv4GatewayId: '',
    AssociatedCens: { AssociatedCen: [] },
    CloudResources: { CloudResourceSetType: [] },
    AssociatedPropagationSources: { AssociatedPropagationSources: [] },
  };
  return vpc === undefined ? (blank(rendered) as Record<string, unknown>) : rendered;
}

/** A DescribeVSwitches item; `used`: IPv4 addresses held by ENIs in it. */
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
    ResourceGroupId: vSwitch.resourceGroupId,
    ShareType: '',
    RouteTable: { RouteTableId: routeTableIdOf(vSwitch.vpcId), RouteTableType: 'System' },
    Tags: { Tag: renderTags(vSwitch.tags ?? []) },
  };
}

/** DescribeVSwitchAttributes: the vSwitch, or all fields empty for one not found. */
export function renderVSwitchAttributes(vSwitch: VSwitch | undefined, used: number): Record<string, unknown> {
  const rendered = { ...renderVSwitch(vSwitch ?? SHAPE_VSWITCH, used), CloudResources: { CloudResourceSetType: [] } };
  return vSwitch === undefined ? (blank(rendered) as Record<string, unknown>) : rendered;
}

/** ListVpcGatewayEndpoints items (AssociatedRouteTables); GetVpcGatewayEndpointAttribute names the list RouteTables. */
export function renderGatewayEndpoint(endpoint: GatewayEndpoint): Record<string, unknown> {
  return {
    EndpointId: endpoint.endpointId,
    EndpointName: endpoint.endpointName,
    EndpointDescription: endpoint.endpointDescription,
    EndpointStatus: endpoint.status,
    ServiceName: endpoint.serviceName,
    VpcId: endpoint.vpcId,
    PolicyDocument: endpoint.policyDocument,
    ResourceGroupId: endpoint.resourceGroupId,
    CreationTime: endpoint.createdAt,
    AssociatedRouteTables: [...endpoint.routeTables],
    Tags: renderTags(endpoint.tags ?? []),
  };
}
