import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type ApiCaller, type Json } from '../../helpers/api-call.js';
import { ZONES } from '../../helpers/scenario.js';
import { CLIENT_MATRIX, startCallerStack, type CallerStack } from '../../helpers/api-clients.js';

/**
 * The VPC product's own tag actions (TagResources, UnTagResources with a
 * capital T, ListTagResources) over VPCs, vSwitches, route tables and gateway
 * endpoints, with the VPC API's codes — not PrivateLink's.
 */
describe.each(CLIENT_MATRIX)('VPC 2016-04-28 TagResources / UnTagResources / ListTagResources ($kind, $store store)', ({ kind, store }) => {
  let stack: CallerStack;
  let tenant: ApiCaller;
  let stranger: ApiCaller;
  let vpcId: string;
  let vSwitchId: string;
  let gatewayId: string;

  beforeAll(async () => {
    stack = await startCallerStack(kind, store);
    tenant = await stack.fresh();
    stranger = await stack.fresh();
    vpcId = String((await tenant.call('vpc', 'CreateVpc', { CidrBlock: '10.0.0.0/16' }))['VpcId']);
    vSwitchId = String(
      (await tenant.call('vpc', 'CreateVSwitch', { VpcId: vpcId, ZoneId: ZONES[0], CidrBlock: '10.0.0.0/24' }))['VSwitchId'],
    );
    gatewayId = String(
      (await tenant.call('vpc', 'CreateVpcGatewayEndpoint', { VpcId: vpcId, ServiceName: 'com.aliyun.cn-hangzhou.oss' }))['EndpointId'],
    );
  });
  afterAll(async () => {
    await stack.stop();
  });

  const vpc = (action: string, params: Json = {}): Promise<Json> => tenant.call('vpc', action, params);
  const rows = async (params: Json): Promise<Json[]> =>
    ((await vpc('ListTagResources', params))['TagResources'] as { TagResource: Json[] }).TagResource;

  it('tags each resource type (any case), shows the tags where the resource is described, and removes them', async () => {
    const routeTableId = vpcId.replace('vpc-', 'vtb-');
    const targets: Array<[string, string]> = [
      ['VPC', vpcId],
      ['vswitch', vSwitchId],
      ['RouteTable', routeTableId],
      ['GATEWAYENDPOINT', gatewayId],
    ];
    for (const [type, id] of targets) {
      await vpc('TagResources', { ResourceType: type, 'ResourceId.1': id, 'Tag.1.Key': 'owner', 'Tag.1.Value': type.toLowerCase() });
    }
    for (const [type, id] of targets) {
      expect(await rows({ ResourceType: type, 'ResourceId.1': id })).toEqual([
        { ResourceId: id, ResourceType: type.toUpperCase(), TagKey: 'owner', TagValue: type.toLowerCase() },
      ]);
    }
    const described = ((await vpc('DescribeVpcs', { VpcId: vpcId }))['Vpcs'] as { Vpc: Json[] }).Vpc[0]!;
    expect(described['Tags']).toEqual({ Tag: [{ Key: 'owner', Value: 'vpc' }] });
    expect((await vpc('DescribeVSwitchAttributes', { VSwitchId: vSwitchId }))['Tags']).toEqual({
      Tag: [{ Key: 'owner', Value: 'vswitch' }],
    });
    expect((await vpc('GetVpcGatewayEndpointAttribute', { EndpointId: gatewayId }))['Tags']).toEqual([
      { Key: 'owner', Value: 'gatewayendpoint' },
    ]);

    // Overwrite one key, add another; filter by tag; remove one key, then all.
    await vpc('TagResources', {
      ResourceType: 'VPC',
      'ResourceId.1': vpcId,
      'Tag.1.Key': 'owner',
      'Tag.1.Value': 'platform',
      'Tag.2.Key': 'cost',
      'Tag.2.Value': 'cc-1',
    });
    expect(await rows({ ResourceType: 'VPC', 'Tag.1.Key': 'cost' })).toEqual([
      { ResourceId: vpcId, ResourceType: 'VPC', TagKey: 'cost', TagValue: 'cc-1' },
    ]);
    expect(await rows({ ResourceType: 'VPC', 'Tag.1.Key': 'owner', 'Tag.1.Value': 'vpc' })).toEqual([]);
    await vpc('UnTagResources', { ResourceType: 'VPC', 'ResourceId.1': vpcId, 'TagKey.1': 'owner', 'TagKey.2': 'absent' });
    expect((await rows({ ResourceType: 'VPC', 'ResourceId.1': vpcId })).map((r) => r['TagKey'])).toEqual(['cost']);
    await vpc('UnTagResources', { ResourceType: 'ROUTETABLE', 'ResourceId.1': routeTableId, All: true });
    expect(await rows({ ResourceType: 'ROUTETABLE', 'ResourceId.1': routeTableId })).toEqual([]);
  });

  it('pages ListTagResources with MaxResults / NextToken', async () => {
    const tags: Json = {};
    for (let i = 1; i <= 7; i++) {
      tags[`Tag.${i}.Key`] = `k${i}`;
      tags[`Tag.${i}.Value`] = `v${i}`;
    }
    await vpc('TagResources', { ResourceType: 'VSWITCH', 'ResourceId.1': vSwitchId, ...tags });
    const seen: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const answer = await vpc('ListTagResources', {
        ResourceType: 'VSWITCH',
        'ResourceId.1': vSwitchId,
        MaxResults: 3,
        NextToken: nextToken,
      });
      const items = (answer['TagResources'] as { TagResource: Json[] }).TagResource;
      expect(items.length).toBeLessThanOrEqual(3);
      seen.push(...items.map((r) => String(r['TagKey'])));
      nextToken = String(answer['NextToken']);
      if (nextToken === '') break;
    }
    expect(seen.sort()).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'owner']);
  });

  it('answers bad requests with the VPC API codes and tags nothing', async () => {
    const tag = (params: Json): Promise<Json> => vpc('TagResources', { ResourceType: 'VPC', 'ResourceId.1': vpcId, ...params });
    const many = (n: number, prefix: string): Json =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}.${i + 1}`, `x${i}`]));
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => vpc('TagResources', { ResourceType: 'EIP', 'ResourceId.1': 'eip-1', 'Tag.1.Key': 'k' }), 'InvalidInstanceType.NotFound'],
      [() => vpc('TagResources', { ResourceType: 'VPC', 'Tag.1.Key': 'k' }), 'MissingParam.ResourceId'],
      [() => tag({}), 'MissingParam.Tags'],
      [() => tag({ 'Tag.1.Value': 'v' }), 'MissingParameter.TagKey'],
      [() => tag({ 'Tag.1.Key': 'acs:k' }), 'InvalidTagKey'],
      [() => tag({ 'Tag.1.Key': 'k'.repeat(129) }), 'InvalidTagKey'],
      [() => tag({ 'Tag.1.Key': 'k', 'Tag.1.Value': 'aliyun-v' }), 'InvalidTagValue'],
      [() => tag({ 'Tag.1.Key': 'k', 'Tag.2.Key': 'k' }), 'Forbidden.TagKey.Duplicated'],
      [() => tag(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`Tag.${i + 1}.Key`, `t${i}`]))), 'SizeLimitExceeded.TagNum'],
      [() => vpc('TagResources', { ResourceType: 'VPC', ...many(51, 'ResourceId'), 'Tag.1.Key': 'k' }), 'SizeLimitExceeded.ResourceId'],
      [
        () => vpc('TagResources', { ResourceType: 'VPC', 'ResourceId.1': 'vpc-neverexisted0', 'Tag.1.Key': 'k' }),
        'InvalidInstanceIds.NotFound',
      ],
      [
        () => stranger.call('vpc', 'TagResources', { ResourceType: 'VPC', 'ResourceId.1': vpcId, 'Tag.1.Key': 'k' }),
        'InvalidInstanceIds.NotFound',
      ],
      [() => vpc('UnTagResources', { ResourceType: 'VPC', 'ResourceId.1': vpcId }), 'MissingParam.TagKey'],
      [() => vpc('ListTagResources', { ResourceType: 'VPC' }), 'BothEmpty.TagsAndResources'],
      [() => vpc('ListTagResources', { ResourceType: 'VPC', 'ResourceId.1': vpcId, MaxResults: 51 }), 'IllegalParamFormat.MaxResults'],
    ];
    // Sent one by one: each refusal is awaited where it is made.
    for (const [send, code] of cases) expect((await failure(send())).code).toBe(code);
    expect((await rows({ ResourceType: 'VPC', 'ResourceId.1': vpcId })).map((r) => r['TagKey'])).toEqual(['cost']);

    // All or nothing: one unknown id among good ones tags none of them.
    expect(
      await failure(
        vpc('TagResources', { ResourceType: 'VPC', 'ResourceId.1': vpcId, 'ResourceId.2': 'vpc-neverexisted0', 'Tag.1.Key': 'new' }),
      ),
    ).toMatchObject({ code: 'InvalidInstanceIds.NotFound' });
    // 20 tags per resource at most.
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`Tag.${i + 1}.Key`, `q${i}`]));
    expect(await failure(tag(twenty))).toMatchObject({ code: 'QuotaExceeded.TagNum' });
    expect((await rows({ ResourceType: 'VPC', 'ResourceId.1': vpcId })).map((r) => r['TagKey'])).toEqual(['cost']);
  });
});
