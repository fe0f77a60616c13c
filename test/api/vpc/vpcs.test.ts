import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveService, createConnectedEndpoint, createNetwork, until, ZONES } from '../../helpers/scenario.js';
import { STORES, call, failure, freshAccount, startStack, type FreshAccount, type Stack } from '../conveniences/stack.js';

type Json = Record<string, unknown>;

describe.each(STORES)('VPC 2016-04-28: VPCs and vSwitches (%s store)', (store) => {
  let stack: Stack;
  let tenant: FreshAccount;

  beforeAll(async () => {
    stack = await startStack(store);
    tenant = await freshAccount(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('creates a VPC and describes it with the wrapped lists of the reference', async () => {
    const created = await call(tenant.vpc, 'CreateVpc', {
      CidrBlock: '10.20.0.0/16',
      VpcName: 'prod',
      Description: 'the prod net',
      EnableIpv6: true,
    });
    const vpcId = created['VpcId'] as string;
    expect(vpcId).toMatch(/^vpc-[a-z0-9]{20}$/);
    expect(created['VRouterId']).toBe(vpcId.replace('vpc-', 'vrt-'));
    expect(created['RouteTableId']).toBe(vpcId.replace('vpc-', 'vtb-'));
    const { VSwitchId } = (await call(tenant.vpc, 'CreateVSwitch', {
      VpcId: vpcId,
      ZoneId: ZONES[0],
      CidrBlock: '10.20.1.0/24',
      Ipv6CidrBlock: 3,
    })) as { VSwitchId: string };

    const described = await call(tenant.vpc, 'DescribeVpcs', { VpcId: vpcId }, 'GET');
    expect(described).toMatchObject({ TotalCount: 1, PageNumber: 1, PageSize: 10 });
    const vpc = (described['Vpcs'] as { Vpc: Json[] }).Vpc[0]!;
    expect(vpc).toMatchObject({
      VpcId: vpcId,
      VpcName: 'prod',
      Description: 'the prod net',
      CidrBlock: '10.20.0.0/16',
      Status: 'Available',
      IsDefault: false,
      EnabledIpv6: true,
      VSwitchIds: { VSwitchId: [VSwitchId] },
      RouterTableIds: { RouterTableIds: [vpcId.replace('vpc-', 'vtb-')] },
      NatGatewayIds: { NatGatewayIds: [] },
      Tags: { Tag: [] },
    });
    // 16-digit ids exceed 2^53 in general; pop-core parses them with json-bigint.
    expect(String(vpc['OwnerId'])).toBe(tenant.uid);
    expect(vpc['Ipv6CidrBlock']).toMatch(/::\/56$/);
    expect(vpc['CreationTime']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const switches = await call(tenant.vpc, 'DescribeVSwitches', { VpcId: vpcId });
    const vSwitch = (switches['VSwitches'] as { VSwitch: Json[] }).VSwitch[0]!;
    // 256 − the 4 reserved addresses (first and last three).
    expect(vSwitch).toMatchObject({
      VSwitchId,
      VpcId: vpcId,
      ZoneId: ZONES[0],
      CidrBlock: '10.20.1.0/24',
      AvailableIpAddressCount: 252,
      EnabledIpv6: true,
    });
    // The VPC's /56 with 03 in its last byte: the fourth group keeps the /56's high byte
    // (random: it is 00 one time in 256, when the group prints as just "3").
    const groups = String(vpc['Ipv6CidrBlock']).replace('::/56', '').split(':');
    while (groups.length < 4) groups.push('0');
    groups[3] = ((parseInt(groups[3]!, 16) & 0xff00) | 3).toString(16);
    expect(vSwitch['Ipv6CidrBlock']).toBe(`${new URL(`http://[${groups.join(':')}::]/`).hostname.slice(1, -1)}/64`);
    expect(vSwitch['RouteTable']).toEqual({ RouteTableId: vpcId.replace('vpc-', 'vtb-'), RouteTableType: 'System' });
  });

  it('refuses bad input with the VPC API codes and statuses, writing nothing', async () => {
    const before = (await call(tenant.vpc, 'DescribeVpcs'))['TotalCount'];
    // CreateVpc's metadata documents InvalidParameter for a bad block (InvalidCidrBlock.Malformed is CreateVSwitch's).
    expect(await failure(call(tenant.vpc, 'CreateVpc', { CidrBlock: '100.64.0.0/16' }))).toMatchObject({
      code: 'InvalidParameter',
      status: 400,
      message: 'Specified CIDR block is not valid.',
    });
    expect(await failure(call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.0.0.0/29' }))).toMatchObject({
      code: 'InvalidParameter',
    });
    expect(await failure(call(tenant.vpc, 'CreateVpc', { VpcName: 'http://x' }))).toMatchObject({
      code: 'InvalidVpcName.Malformed',
      status: 400,
    });
    expect(await failure(call(tenant.vpc, 'CreateVpc', { Description: 'x'.repeat(257) }))).toMatchObject({
      code: 'InvalidVpcDiscription.Malformed',
      message: 'Specified VPC description is not valid.',
    });
    expect((await call(tenant.vpc, 'DescribeVpcs'))['TotalCount']).toBe(before);

    const { VpcId } = (await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.30.0.0/16' })) as { VpcId: string };
    await call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: ZONES[0], CidrBlock: '10.30.0.0/24' });
    expect(await failure(call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.31.0.0/24' }))).toMatchObject({
      code: 'InvalidParameter',
      message: 'Specified CIDR block is not valid in VPC.',
    });
    expect(await failure(call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.30.0.128/25' }))).toMatchObject({
      code: 'InvalidCidrBlock.Overlapped',
    });
    expect(await failure(call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: 'cn-hangzhou-z', CidrBlock: '10.30.9.0/24' }))).toMatchObject({
      code: 'InvalidZoneId.NotFound',
      status: 404,
    });
    expect(
      await failure(call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.30.9.0/24', VSwitchName: 'https://x' })),
    ).toMatchObject({
      code: 'InvalidVSwitchName.Malformed',
    });
    expect(
      await failure(call(tenant.vpc, 'CreateVSwitch', { VpcId: 'vpc-doesnotexist', ZoneId: ZONES[1], CidrBlock: '10.30.9.0/24' })),
    ).toMatchObject({
      code: 'InvalidVpcId.NotFound',
      status: 404,
    });
    // An IPv6 /64 index in a VPC without IPv6 (CreateVSwitch's metadata: OperationFailed.VpcIpv6Disabled).
    expect(
      await failure(call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.30.9.0/24', Ipv6CidrBlock: 1 })),
    ).toMatchObject({ code: 'OperationFailed.VpcIpv6Disabled', status: 400 });
    expect(await failure(call(tenant.vpc, 'DescribeVpcs', { PageSize: 51 }))).toMatchObject({ code: 'IllegalParamFormat.PageSize' });
    // At most 20 VpcIds (DescribeVpcs' metadata: InvalidVpcIdNumber.NotSupported).
    const ids = Array.from({ length: 21 }, (_, i) => `vpc-${String(i).padStart(20, 'x')}`).join(',');
    expect(await failure(call(tenant.vpc, 'DescribeVpcs', { VpcId: ids }))).toMatchObject({
      code: 'InvalidVpcIdNumber.NotSupported',
      status: 400,
      message: 'The number of vpcIds exceeds the limit.',
    });
    const switches = await call(tenant.vpc, 'DescribeVSwitches', { VpcId });
    expect(switches['TotalCount']).toBe(1);
  });

  it('pages DescribeVpcs and DescribeVSwitches by PageNumber / PageSize', async () => {
    const owner = await freshAccount(stack);
    const created: string[] = [];
    for (let i = 0; i < 12; i++)
      created.push(((await call(owner.vpc, 'CreateVpc', { CidrBlock: `10.${i}.0.0/16` })) as { VpcId: string }).VpcId);
    const seen: string[] = [];
    for (const pageNumber of [1, 2, 3]) {
      const page = await call(owner.vpc, 'DescribeVpcs', { PageNumber: pageNumber, PageSize: 5 });
      expect(page).toMatchObject({ TotalCount: 12, PageNumber: pageNumber, PageSize: 5 });
      seen.push(...(page['Vpcs'] as { Vpc: Json[] }).Vpc.map((v) => v['VpcId'] as string));
    }
    // Each exactly once across the pages (sorted by creation second, then id).
    expect(new Set(seen).size).toBe(12);
    expect([...seen].sort()).toEqual([...created].sort());
    const beyond = await call(owner.vpc, 'DescribeVpcs', { PageNumber: 4, PageSize: 5 });
    expect((beyond['Vpcs'] as { Vpc: Json[] }).Vpc).toEqual([]);

    const vpcId = created[0]!;
    for (let i = 0; i < 7; i++) await call(owner.vpc, 'CreateVSwitch', { VpcId: vpcId, ZoneId: ZONES[i % 3], CidrBlock: `10.0.${i}.0/24` });
    const first = await call(owner.vpc, 'DescribeVSwitches', { VpcId: vpcId, PageSize: 4 });
    const second = await call(owner.vpc, 'DescribeVSwitches', { VpcId: vpcId, PageSize: 4, PageNumber: 2 });
    const ids = [first, second].flatMap((p) => (p['VSwitches'] as { VSwitch: Json[] }).VSwitch.map((s) => s['CidrBlock']));
    expect(ids).toHaveLength(7);
    expect([...ids].sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `10.0.${i}.0/24`));
    expect(first['TotalCount']).toBe(7);
    // The VPC lists its vSwitches.
    const described = await call(owner.vpc, 'DescribeVpcs', { VpcId: vpcId });
    expect(((described['Vpcs'] as { Vpc: Json[] }).Vpc[0]!['VSwitchIds'] as { VSwitchId: string[] }).VSwitchId).toHaveLength(7);
  });

  it('deletes an empty vSwitch and VPC; refuses a VPC that still has vSwitches', async () => {
    const { VpcId } = (await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.40.0.0/16' })) as { VpcId: string };
    const { VSwitchId } = (await call(tenant.vpc, 'CreateVSwitch', { VpcId, ZoneId: ZONES[2], CidrBlock: '10.40.0.0/24' })) as {
      VSwitchId: string;
    };
    expect(await failure(call(tenant.vpc, 'DeleteVpc', { VpcId }))).toMatchObject({
      code: 'DependencyViolation.VSwitch',
      status: 400,
      message: 'Specified object has dependent resources',
    });
    await call(tenant.vpc, 'DeleteVSwitch', { VSwitchId });
    expect(await failure(call(tenant.vpc, 'DeleteVSwitch', { VSwitchId }))).toMatchObject({
      code: 'InvalidVSwitchId.NotFound',
      status: 404,
    });
    await call(tenant.vpc, 'DeleteVpc', { VpcId });
    expect(await failure(call(tenant.vpc, 'DeleteVpc', { VpcId }))).toMatchObject({ code: 'InvalidVpcId.NotFound', status: 404 });
    expect((await call(tenant.vpc, 'DescribeVpcs', { VpcId }))['TotalCount']).toBe(0);
  });

  it('refuses DeleteVpc while a gateway endpoint lives in it (DependencyViolation.GatewayEndpoint)', async () => {
    const { VpcId } = (await call(tenant.vpc, 'CreateVpc', { CidrBlock: '10.41.0.0/16' })) as { VpcId: string };
    const { EndpointId } = (await call(tenant.vpc, 'CreateVpcGatewayEndpoint', { VpcId, ServiceName: 'com.aliyun.cn-hangzhou.oss' })) as {
      EndpointId: string;
    };
    expect(await failure(call(tenant.vpc, 'DeleteVpc', { VpcId }))).toMatchObject({
      code: 'DependencyViolation.GatewayEndpoint',
      status: 400,
      message: 'The VPC contains endpoints and cannot be deleted.',
    });
    await call(tenant.vpc, 'DeleteVpcGatewayEndpoint', { EndpointId });
    await call(tenant.vpc, 'DeleteVpc', { VpcId });
  });

  it('refuses DeleteVSwitch while an endpoint ENI holds an address in it, and DeleteVpc while vSwitches remain', async () => {
    const provider = { vpc: stack.client('provider', 'vpc'), privatelink: stack.client('provider', 'privatelink') };
    const serviceId = await createActiveService(provider);
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: tenant.uid });
    const network = await createNetwork(tenant, 50, [ZONES[0]]);
    const vSwitchId = network.vSwitches[ZONES[0]]!;
    const endpoint = await createConnectedEndpoint(tenant, network, serviceId, [ZONES[0]]);

    expect(await failure(call(tenant.vpc, 'DeleteVSwitch', { VSwitchId: vSwitchId }))).toMatchObject({
      code: 'DependencyViolation',
      status: 400,
      message: 'Specified object has dependent resources.',
    });
    expect(await failure(call(tenant.vpc, 'DeleteVpc', { VpcId: network.vpcId }))).toMatchObject({ code: 'DependencyViolation.VSwitch' });
    const listed = await call(tenant.vpc, 'DescribeVSwitches', { VSwitchId: vSwitchId });
    expect((listed['VSwitches'] as { VSwitch: Json[] }).VSwitch[0]!['AvailableIpAddressCount']).toBe(251);

    await call(tenant.privatelink, 'DeleteVpcEndpoint', { EndpointId: endpoint.endpointId });
    // The reconciler releases the ENI once the endpoint is gone; then the vSwitch may go.
    await until(
      () => failure(call(tenant.vpc, 'DeleteVSwitch', { VSwitchId: vSwitchId })).catch(() => ({ code: 'deleted' })),
      (result) => result.code === 'deleted',
    );
    await call(tenant.vpc, 'DeleteVpc', { VpcId: network.vpcId });
    expect((await call(tenant.vpc, 'DescribeVpcs', { VpcId: network.vpcId }))['TotalCount']).toBe(0);
  });
});
