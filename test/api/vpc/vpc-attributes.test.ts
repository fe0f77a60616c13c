import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller, type Json } from '../../helpers/api-call.js';
import { ZONES } from '../../helpers/scenario.js';
import { CLIENT_MATRIX, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

/** The /64 whose last 8 bits are `index` inside a /56, in canonical text (RFC 5952, as WHATWG URL prints it). */
function subnet64(vpcBlock: string, index: number): string {
  const [head = '', tail = ''] = vpcBlock.replace(/\/56$/, '').split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right].map((g) => parseInt(g, 16));
  groups[3] = (groups[3]! & 0xff00) | index;
  return `${new URL(`http://[${groups.map((g) => g.toString(16)).join(':')}]/`).hostname.slice(1, -1)}/64`;
}

/**
 * What Terraform's alicloud provider and the SDKs call around a VPC and its
 * vSwitches: tags and resource groups kept from creation, the *Attribute reads
 * (an unknown id answers empty fields, as the cloud does), and the Modify*
 * actions with the VPC API's own codes.
 */
describe.each(CLIENT_MATRIX)(
  'VPC 2016-04-28: attributes, tags and resource groups of VPCs and vSwitches ($kind, $store store)',
  ({ kind, store }) => {
    let stack: CallerStack;
    let tenant: ApiCaller;
    let other: ApiCaller;

    beforeAll(async () => {
      stack = await startCallerStack(kind, store);
      tenant = await stack.fresh();
      other = await stack.fresh();
    });
    afterAll(async () => {
      await stack.stop();
    });

    const vpc = (action: string, params: Json = {}): Promise<Json> => tenant.call('vpc', action, params);
    const vpcCount = async (): Promise<number> => Number((await vpc('DescribeVpcs'))['TotalCount']);
    const attribute = (vpcId: string): Promise<Json> => vpc('DescribeVpcAttribute', { VpcId: vpcId });

    it('keeps Tag.N, ResourceGroupId and UserCidr from CreateVpc and returns them in DescribeVpcs and DescribeVpcAttribute', async () => {
      const created = await vpc('CreateVpc', {
        CidrBlock: '10.1.0.0/16',
        VpcName: 'tagged',
        ResourceGroupId: 'rg-prod01',
        UserCidr: '192.168.0.0/16,10.255.0.0/24',
        'Tag.1.Key': 'team',
        'Tag.1.Value': 'net',
        'Tag.2.Key': 'env',
        'Tag.2.Value': '',
      });
      const vpcId = String(created['VpcId']);
      expect(created['ResourceGroupId']).toBe('rg-prod01');
      const listed = ((await vpc('DescribeVpcs', { VpcId: vpcId }))['Vpcs'] as { Vpc: Json[] }).Vpc[0]!;
      const expected = {
        VpcId: vpcId,
        VpcName: 'tagged',
        ResourceGroupId: 'rg-prod01',
        UserCidrs: { UserCidr: ['192.168.0.0/16', '10.255.0.0/24'] },
        Tags: {
          Tag: [
            { Key: 'team', Value: 'net' },
            { Key: 'env', Value: '' },
          ],
        },
      };
      expect(listed).toMatchObject(expected);
      const described = await attribute(vpcId);
      expect(described).toMatchObject({
        ...expected,
        CidrBlock: '10.1.0.0/16',
        Status: 'Available',
        VRouterId: vpcId.replace('vpc-', 'vrt-'),
        VSwitchIds: { VSwitchId: [] },
        ClassicLinkEnabled: false,
        AssociatedCens: { AssociatedCen: [] },
        CloudResources: { CloudResourceSetType: [] },
      });
      expect(String(described['OwnerId'])).toBe(tenant.uid);

      // The Describe* filters take effect: each one selects or drops this VPC.
      const ids = async (filter: Json): Promise<string[]> =>
        ((await vpc('DescribeVpcs', filter))['Vpcs'] as { Vpc: Json[] }).Vpc.map((v) => String(v['VpcId']));
      expect(await ids({ ResourceGroupId: 'rg-prod01' })).toEqual([vpcId]);
      expect(await ids({ ResourceGroupId: 'rg-other' })).toEqual([]);
      expect(await ids({ 'Tag.1.Key': 'team', 'Tag.1.Value': 'net' })).toEqual([vpcId]);
      expect(await ids({ 'Tag.1.Key': 'team' })).toEqual([vpcId]);
      expect(await ids({ 'Tag.1.Key': 'team', 'Tag.1.Value': 'ops' })).toEqual([]);
      expect(await ids({ VpcId: vpcId, EnableIpv6: false })).toEqual([vpcId]);
      expect(await ids({ VpcId: vpcId, EnableIpv6: true })).toEqual([]);
      expect(await ids({ VpcId: vpcId, VpcOwnerId: tenant.uid })).toEqual([vpcId]);
      expect(await ids({ VpcId: vpcId, VpcOwnerId: other.uid })).toEqual([]);
      expect(await ids({ VpcId: vpcId, DhcpOptionsSetId: 'dopt-none' })).toEqual([]);
    });

    it('answers DescribeVpcAttribute for an unknown, deleted or foreign VPC with empty fields, and DryRun with DryRunOperation', async () => {
      const { VpcId } = (await vpc('CreateVpc', { CidrBlock: '10.2.0.0/16' })) as { VpcId: string };
      expect(await failure(vpc('DescribeVpcAttribute', { VpcId, DryRun: true }))).toMatchObject({ code: 'DryRunOperation', status: 400 });
      expect((await other.call('vpc', 'DescribeVpcAttribute', { VpcId }))['VpcId']).toBe('');
      await vpc('DeleteVpc', { VpcId });
      const gone = await attribute(VpcId);
      expect(gone).toMatchObject({ VpcId: '', Status: '', CidrBlock: '', OwnerId: 0, VSwitchIds: { VSwitchId: [] }, Tags: { Tag: [] } });
      expect((await attribute('vpc-neverexisted0'))['VpcId']).toBe('');
    });

    it('refuses what CreateVpc cannot honour with the VPC API codes, creating nothing', async () => {
      const before = await vpcCount();
      const cases: Array<[Json, string]> = [
        [{ ResourceGroupId: 'not-a-group' }, 'InvalidResourceGroupId'],
        [{ Ipv4IpamPoolId: 'ipam-pool-1' }, 'UnsupportedFeature.Ipam'],
        [{ Ipv4CidrMask: 16 }, 'UnsupportedFeature.Ipam'],
        [{ EnableIpv6: true, Ipv6Isp: 'ChinaMobile' }, 'UnsupportedFeature.Ipv6Isp'],
        [{ UserCidr: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,11.0.0.0/8' }, 'InvalidUserCidr.Quota'],
        [{ UserCidr: '10.0.0.1/8' }, 'IllegalParam.UserCidr'],
        [{ UserCidr: '100.64.0.0/16' }, 'InvalidUserCidr.Malformed'],
        [{ Ipv6CidrBlock: '2408:4000:1:100::/56' }, 'MissingParam.EnableIpv6'],
        [{ EnableIpv6: true, Ipv6CidrBlock: '2408:4000:1:100::/64' }, 'InvalidIpv6CidrBlock.Malformed'],
        [{ 'Tag.1.Key': 'aliyun-reserved' }, 'InvalidTagKey'],
        [{ 'Tag.1.Key': 'k', 'Tag.1.Value': 'acs:x' }, 'InvalidTagValue'],
        [{ 'Tag.1.Value': 'no key' }, 'MissingParameter.TagKey'],
        [{ 'Tag.1.Key': 'k', 'Tag.2.Key': 'k' }, 'Forbidden.TagKey.Duplicated'],
      ];
      for (const [params, code] of cases) {
        expect({ params, code: (await failure(vpc('CreateVpc', { CidrBlock: '10.3.0.0/16', ...params }))).code }).toEqual({ params, code });
      }
      expect(await vpcCount()).toBe(before);
      // A /56 of one's own is taken, and refused to a second VPC.
      const chosen = await vpc('CreateVpc', {
        CidrBlock: '10.3.0.0/16',
        EnableIpv6: true,
        Ipv6Isp: 'BGP',
        Ipv6CidrBlock: '2408:4000:1:100::/56',
      });
      expect((await attribute(String(chosen['VpcId'])))['Ipv6CidrBlock']).toBe('2408:4000:1:100::/56');
      expect(await failure(vpc('CreateVpc', { EnableIpv6: true, Ipv6CidrBlock: '2408:4000:1:100::/56' }))).toMatchObject({
        code: 'InvalidIpv6CidrBlock.Malformed',
      });
    });

    it('renames, resizes and turns IPv6 on and off with ModifyVpcAttribute', async () => {
      const { VpcId } = (await vpc('CreateVpc', { CidrBlock: '10.4.0.0/16', VpcName: 'before' })) as { VpcId: string };
      await vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[0], CidrBlock: '10.4.1.0/24' });
      await vpc('ModifyVpcAttribute', { VpcId, VpcName: 'after', Description: 'renamed' });
      expect(await attribute(VpcId)).toMatchObject({ VpcName: 'after', Description: 'renamed' });

      // Grow, then shrink to a block that still holds the vSwitch.
      await vpc('ModifyVpcAttribute', { VpcId, CidrBlock: '10.4.0.0/15' });
      expect((await attribute(VpcId))['CidrBlock']).toBe('10.4.0.0/15');
      await vpc('ModifyVpcAttribute', { VpcId, CidrBlock: '10.4.0.0/20' });
      expect((await attribute(VpcId))['CidrBlock']).toBe('10.4.0.0/20');
      // A vSwitch outside the new block, a block unrelated to the old one, both at once with IPv6, names.
      expect(await failure(vpc('ModifyVpcAttribute', { VpcId, CidrBlock: '10.4.8.0/21' }))).toMatchObject({ code: 'IllegalCidrBlock' });
      expect(await failure(vpc('ModifyVpcAttribute', { VpcId, CidrBlock: '10.9.0.0/16' }))).toMatchObject({
        code: 'InvalidCidrBlock.Malformed',
      });
      expect(await failure(vpc('ModifyVpcAttribute', { VpcId, CidrBlock: '10.4.0.0/16', EnableIPv6: true }))).toMatchObject({
        code: 'ExclusiveParam.EnableIpv6AndCidrBlock',
      });
      expect(await failure(vpc('ModifyVpcAttribute', { VpcId, VpcName: 'https://x' }))).toMatchObject({ code: 'InvalidVpcName.Malformed' });
      expect(await failure(vpc('ModifyVpcAttribute', { VpcId, Description: '' + 'd'.repeat(257) }))).toMatchObject({
        code: 'InvalidVpcDiscription.Malformed',
      });
      expect(await failure(other.call('vpc', 'ModifyVpcAttribute', { VpcId, VpcName: 'theirs' }))).toMatchObject({
        code: 'InvalidVpcId.NotFound',
        status: 404,
      });
      expect(await attribute(VpcId)).toMatchObject({ VpcName: 'after', CidrBlock: '10.4.0.0/20', EnabledIpv6: false });

      // IPv6 on: a /56 is assigned; a vSwitch takes a /64 of it; off is refused while the vSwitch uses it.
      await vpc('ModifyVpcAttribute', { VpcId, EnableIPv6: true });
      const enabled = await attribute(VpcId);
      expect(enabled['EnabledIpv6']).toBe(true);
      expect(enabled['Ipv6CidrBlock']).toMatch(/^2408:[0-9a-f:]+\/56$/);
      const { VSwitchId } = (await vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.4.2.0/24', Ipv6CidrBlock: 7 })) as {
        VSwitchId: string;
      };
      expect(await failure(vpc('ModifyVpcAttribute', { VpcId, EnableIPv6: false }))).toMatchObject({
        code: 'OperationFailed.IpV6VSwitchInuse',
      });
      await vpc('ModifyVSwitchAttribute', { VSwitchId, EnableIPv6: false });
      await vpc('ModifyVpcAttribute', { VpcId, EnableIPv6: false });
      expect(await attribute(VpcId)).toMatchObject({ EnabledIpv6: false, Ipv6CidrBlock: '', Ipv6CidrBlocks: { Ipv6CidrBlock: [] } });
    });

    it('keeps tags and resource groups on vSwitches (the VPC group by default) and describes them by every filter', async () => {
      const { VpcId } = (await vpc('CreateVpc', { CidrBlock: '10.5.0.0/16', EnableIpv6: true, ResourceGroupId: 'rg-net' })) as {
        VpcId: string;
      };
      const inherited = String(
        (await vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[0], CidrBlock: '10.5.0.0/24', 'Tag.1.Key': 'tier', 'Tag.1.Value': 'web' }))[
          'VSwitchId'
        ],
      );
      const own = String(
        (await vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.5.1.0/24', ResourceGroupId: 'rg-app', Ipv6CidrBlock: 1 }))[
          'VSwitchId'
        ],
      );
      const described = await vpc('DescribeVSwitchAttributes', { VSwitchId: inherited });
      expect(described).toMatchObject({
        VSwitchId: inherited,
        VpcId,
        ZoneId: ZONES[0],
        CidrBlock: '10.5.0.0/24',
        ResourceGroupId: 'rg-net',
        AvailableIpAddressCount: 252,
        RouteTable: { RouteTableId: VpcId.replace('vpc-', 'vtb-'), RouteTableType: 'System' },
        Tags: { Tag: [{ Key: 'tier', Value: 'web' }] },
        CloudResources: { CloudResourceSetType: [] },
      });
      expect((await vpc('DescribeVSwitchAttributes', { VSwitchId: own }))['ResourceGroupId']).toBe('rg-app');
      // Oldest first; two made in the same second come by id.
      const both = [inherited, own].sort();
      expect(((await vpc('DescribeVpcAttribute', { VpcId }))['VSwitchIds'] as { VSwitchId: string[] }).VSwitchId.sort()).toEqual(both);

      const ids = async (filter: Json): Promise<string[]> =>
        ((await vpc('DescribeVSwitches', { VpcId, ...filter }))['VSwitches'] as { VSwitch: Json[] }).VSwitch.map((s) =>
          String(s['VSwitchId']),
        ).sort();
      expect(await ids({})).toEqual(both);
      expect(await ids({ ResourceGroupId: 'rg-app' })).toEqual([own]);
      expect(await ids({ 'Tag.1.Key': 'tier' })).toEqual([inherited]);
      expect(await ids({ EnableIpv6: true })).toEqual([own]);
      expect(await ids({ EnableIpv6: false })).toEqual([inherited]);
      expect(await ids({ RouteTableId: VpcId.replace('vpc-', 'vtb-') })).toEqual(both);
      expect(await ids({ RouteTableId: 'vtb-elsewhere0' })).toEqual([]);
      expect(await ids({ VSwitchOwnerId: other.uid })).toEqual([]);

      // Unknown and foreign vSwitches read as empty; DryRun answers DryRunOperation.
      expect((await vpc('DescribeVSwitchAttributes', { VSwitchId: 'vsw-neverexisted0' }))['VSwitchId']).toBe('');
      expect((await other.call('vpc', 'DescribeVSwitchAttributes', { VSwitchId: own }))['VSwitchId']).toBe('');
      expect(await failure(vpc('DescribeVSwitchAttributes', { VSwitchId: own, DryRun: true }))).toMatchObject({ code: 'DryRunOperation' });
    });

    it('gives every vSwitch its own /64 and moves, adds or removes it with ModifyVSwitchAttribute', async () => {
      const { VpcId } = (await vpc('CreateVpc', { CidrBlock: '10.6.0.0/16', EnableIpv6: true })) as { VpcId: string };
      const vpcBlock = String((await attribute(VpcId))['Ipv6CidrBlock']);
      const first = String(
        (await vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[0], CidrBlock: '10.6.0.0/24', Ipv6CidrBlock: 0 }))['VSwitchId'],
      );
      expect(await failure(vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.6.1.0/24', Ipv6CidrBlock: 0 }))).toMatchObject({
        code: 'OperationFailed.Ipv6CidrBlockExisted',
      });
      expect(
        await failure(
          vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.6.1.0/24', Ipv6CidrBlock: 2, VpcIpv6CidrBlock: '2001:db8::/56' }),
        ),
      ).toMatchObject({ code: 'IllegalParam.VpcIpv6CidrBlock' });
      expect(
        await failure(vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.6.1.0/24', VpcIpv6CidrBlock: vpcBlock })),
      ).toMatchObject({
        code: 'MissingParam.Ipv6CidrBlock',
      });
      const second = String(
        (await vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[1], CidrBlock: '10.6.1.0/24', Ipv6CidrBlock: 2, VpcIpv6CidrBlock: vpcBlock }))[
          'VSwitchId'
        ],
      );
      const third = String((await vpc('CreateVSwitch', { VpcId, ZoneId: ZONES[2], CidrBlock: '10.6.2.0/24' }))['VSwitchId']);
      const block = async (id: string): Promise<string> =>
        String((await vpc('DescribeVSwitchAttributes', { VSwitchId: id }))['Ipv6CidrBlock']);

      await vpc('ModifyVSwitchAttribute', { VSwitchId: third, VSwitchName: 'third', Description: 'no v6 yet' });
      expect(await vpc('DescribeVSwitchAttributes', { VSwitchId: third })).toMatchObject({
        VSwitchName: 'third',
        Description: 'no v6 yet',
      });
      // EnableIPv6 alone takes the lowest /64 no sibling uses: index 1.
      await vpc('ModifyVSwitchAttribute', { VSwitchId: third, EnableIPv6: true });
      expect(await block(third)).not.toBe('');
      expect(await block(third)).not.toBe(await block(first));
      expect(await block(third)).not.toBe(await block(second));
      expect(await failure(vpc('ModifyVSwitchAttribute', { VSwitchId: third, Ipv6CidrBlock: 2 }))).toMatchObject({
        code: 'OperationFailed.Ipv6CidrBlockExisted',
      });
      expect(await failure(vpc('ModifyVSwitchAttribute', { VSwitchId: third, EnableIPv6: true, Ipv6CidrBlock: 9 }))).toMatchObject({
        code: 'OperationFailed.Ipv6AlreadyEnabled',
      });
      expect(await failure(vpc('ModifyVSwitchAttribute', { VSwitchId: third, EnableIPv6: false, Ipv6CidrBlock: 9 }))).toMatchObject({
        code: 'ParamExclusive.DisableIpv6AndIpv6CidrBlock',
      });
      await vpc('ModifyVSwitchAttribute', { VSwitchId: third, Ipv6CidrBlock: 9 });
      expect(await block(third)).toBe(subnet64(vpcBlock, 9));
      expect(await block(first)).toBe(subnet64(vpcBlock, 0));
      expect(await block(second)).toBe(subnet64(vpcBlock, 2));
      await vpc('ModifyVSwitchAttribute', { VSwitchId: third, EnableIPv6: false });
      expect(await vpc('DescribeVSwitchAttributes', { VSwitchId: third })).toMatchObject({ EnabledIpv6: false, Ipv6CidrBlock: '' });

      const plain = String((await vpc('CreateVpc', { CidrBlock: '10.7.0.0/16' }))['VpcId']);
      const v4only = String((await vpc('CreateVSwitch', { VpcId: plain, ZoneId: ZONES[0], CidrBlock: '10.7.0.0/24' }))['VSwitchId']);
      expect(await failure(vpc('ModifyVSwitchAttribute', { VSwitchId: v4only, EnableIPv6: true }))).toMatchObject({
        code: 'OperationFailed.VpcIpv6Disabled',
      });
      expect(
        await failure(vpc('CreateVSwitch', { VpcId: plain, ZoneId: ZONES[1], CidrBlock: '10.7.1.0/24', Ipv6CidrBlock: 1 })),
      ).toMatchObject({
        code: 'OperationFailed.VpcIpv6Disabled',
      });
      expect(await failure(vpc('ModifyVSwitchAttribute', { VSwitchId: 'vsw-neverexisted0', VSwitchName: 'x' }))).toMatchObject({
        code: 'InvalidVSwitchId.NotFound',
        status: 404,
      });
      expect(await failure(vpc('ModifyVSwitchAttribute', { VSwitchId: v4only, VSwitchName: 'http://x' }))).toMatchObject({
        code: 'InvalidVSwitchName.Malformed',
      });
    });
  },
);
