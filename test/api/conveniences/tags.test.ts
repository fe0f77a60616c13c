import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveService, createConnectedEndpoint, createNetwork, ZONES } from '../../helpers/scenario.js';
import { STORES, allPages, call, failure, freshAccount, startStack, type FreshAccount, type Stack } from './stack.js';

type Json = Record<string, unknown>;

/** Tag.N.Key / Tag.N.Value parameters from pairs. */
function tagParams(tags: ReadonlyArray<readonly [string, string]>): Json {
  const params: Json = {};
  tags.forEach(([key, value], i) => {
    params[`Tag.${i + 1}.Key`] = key;
    params[`Tag.${i + 1}.Value`] = value;
  });
  return params;
}

function rowsOf(reply: Json): Array<[string, string, string, string]> {
  return (reply['TagResources'] as Json[]).map((r) => [
    r['ResourceId'] as string,
    r['ResourceType'] as string,
    r['TagKey'] as string,
    r['TagValue'] as string,
  ]);
}

describe.each(STORES)('TagResources / UntagResources / ListTagResources (%s store)', (store) => {
  let stack: Stack;
  let owner: FreshAccount;
  let services: string[];
  let endpointId: string;

  beforeAll(async () => {
    stack = await startStack(store);
    owner = await freshAccount(stack);
    services = [];
    for (let i = 0; i < 3; i++) services.push(await createActiveService(owner, {}, [ZONES[0]]));
    const network = await createNetwork(owner, 1, [ZONES[0]]);
    endpointId = (await createConnectedEndpoint(owner, network, services[0]!, [ZONES[0]])).endpointId;
  });
  afterAll(async () => {
    await stack.stop();
  });

  const tag = (type: string, ids: string[], tags: ReadonlyArray<readonly [string, string]>) => {
    const params: Json = { ResourceType: type, ...tagParams(tags) };
    ids.forEach((id, i) => (params[`ResourceId.${i + 1}`] = id));
    // The SDK sends these two in the POST form body (the metadata's `in: formData`).
    return call(owner.privatelink, 'TagResources', params, 'POST');
  };
  const list = (params: Json) => call(owner.privatelink, 'ListTagResources', params, 'GET');

  it('tags an endpoint and services, overwrites a value, and lists one row per resource and tag', async () => {
    await tag(
      'vpcendpoint',
      [endpointId],
      [
        ['env', 'prod'],
        ['team', 'net'],
      ],
    );
    await tag('vpcendpointservice', [services[0]!, services[1]!], [['env', 'prod']]);
    await tag(
      'vpcendpointservice',
      [services[1]!],
      [
        ['env', 'staging'],
        ['owner', ''],
      ],
    );

    expect(rowsOf(await list({ ResourceType: 'vpcendpoint', 'ResourceId.1': endpointId }))).toEqual([
      [endpointId, 'vpcendpoint', 'env', 'prod'],
      [endpointId, 'vpcendpoint', 'team', 'net'],
    ]);
    const byResource = rowsOf(
      await list({ ResourceType: 'vpcendpointservice', 'ResourceId.1': services[1]!, 'ResourceId.2': services[0]! }),
    );
    expect(byResource).toEqual(
      [
        [services[0]!, 'vpcendpointservice', 'env', 'prod'],
        [services[1]!, 'vpcendpointservice', 'env', 'staging'],
        [services[1]!, 'vpcendpointservice', 'owner', ''],
      ].sort(),
    );
    // Tag.N.Key alone: every value of that key; with a value: only matching resources; several: all must match.
    expect(
      rowsOf(await list({ ResourceType: 'vpcendpointservice', 'Tag.1.Key': 'env' }))
        .map((r) => r[3])
        .sort(),
    ).toEqual(['prod', 'staging']);
    expect(rowsOf(await list({ ResourceType: 'vpcendpointservice', 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' }))).toEqual([
      [services[0]!, 'vpcendpointservice', 'env', 'prod'],
    ]);
    expect(
      rowsOf(
        await list({
          ResourceType: 'vpcendpointservice',
          ...tagParams([
            ['env', 'staging'],
            ['owner', ''],
          ]),
        }),
      ).map((r) => r[0]),
    ).toEqual([services[1]!, services[1]!]);
    expect(rowsOf(await list({ ResourceType: 'vpcendpointservice', 'ResourceId.1': services[0]!, 'Tag.1.Key': 'owner' }))).toEqual([]);
    expect((await list({ ResourceType: 'vpcendpointservice', 'ResourceId.1': services[2]! }))['NextToken']).toBe('');
  });

  it('untags by key or All, ignoring keys a resource does not have', async () => {
    await tag(
      'vpcendpointservice',
      [services[2]!],
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ],
    );
    await call(
      owner.privatelink,
      'UntagResources',
      { ResourceType: 'vpcendpointservice', 'ResourceId.1': services[2]!, 'TagKey.1': 'a', 'TagKey.2': 'zz' },
      'POST',
    );
    expect(rowsOf(await list({ ResourceType: 'vpcendpointservice', 'ResourceId.1': services[2]! })).map((r) => r[2])).toEqual(['b', 'c']);
    await call(
      owner.privatelink,
      'UntagResources',
      { ResourceType: 'vpcendpointservice', 'ResourceId.1': services[2]!, All: true },
      'POST',
    );
    expect(rowsOf(await list({ ResourceType: 'vpcendpointservice', 'ResourceId.1': services[2]! }))).toEqual([]);
    expect(
      await failure(
        call(owner.privatelink, 'UntagResources', { ResourceType: 'vpcendpointservice', 'ResourceId.1': services[2]! }, 'POST'),
      ),
    ).toMatchObject({
      code: 'MissingTagKeyParam',
    });
  });

  it('refuses bad tags with the Privatelink codes, tagging nothing', async () => {
    const cases: Array<[Json, string]> = [
      [tagParams([['k'.repeat(65), 'v']]), 'IllegalTagKeyParam'],
      [tagParams([['aliyun-key', 'v']]), 'IllegalTagKeyParam'],
      [tagParams([['acs:key', 'v']]), 'IllegalTagKeyParam'],
      [tagParams([['see http://x', 'v']]), 'IllegalTagKeyParam'],
      [tagParams([['k', 'v'.repeat(129)]]), 'IllegalTagValueParam'],
      [tagParams([['k', 'https://x']]), 'IllegalTagValueParam'],
      [
        tagParams([
          ['dup', '1'],
          ['dup', '2'],
        ]),
        'DuplicatedTagKey',
      ],
      [{ 'Tag.1.Value': 'no key' }, 'MissingTagKeyParam'],
      [{}, 'MissingTagKeyParam'],
    ];
    for (const [params, code] of cases) {
      const reply = await failure(
        call(owner.privatelink, 'TagResources', { ResourceType: 'vpcendpoint', 'ResourceId.1': endpointId, ...params }, 'POST'),
      );
      expect(reply, JSON.stringify(params)).toMatchObject({ code, status: 400 });
    }
    expect(
      await failure(
        call(owner.privatelink, 'TagResources', { ResourceType: 'vpcendpoints', 'ResourceId.1': endpointId, ...tagParams([['k', 'v']]) }),
      ),
    ).toMatchObject({
      code: 'IllegalParamFormat.ResourceType',
    });
    expect(
      await failure(call(owner.privatelink, 'TagResources', { ResourceType: 'vpcendpoint', ...tagParams([['k', 'v']]) })),
    ).toMatchObject({
      code: 'MissingParam.ResourceId.1',
    });
    // One unknown resource among known ones: nothing is tagged (one transaction).
    expect(await failure(tag('vpcendpoint', [endpointId, 'ep-nothere'], [['partial', 'x']]))).toMatchObject({
      code: 'InvalidResourceId.NotFound',
      message: 'The specified ResourceIds are not found in our records.',
    });
    expect(rowsOf(await list({ ResourceType: 'vpcendpoint', 'Tag.1.Key': 'partial' }))).toEqual([]);
    // The wrong type for an id is an unknown resource.
    expect(await failure(tag('vpcendpointservice', [endpointId], [['k', 'v']]))).toMatchObject({ code: 'InvalidResourceId.NotFound' });
    expect(await failure(list({ ResourceType: 'vpcendpoint' }))).toMatchObject({ code: 'MissingResourceIdOrTagParam' });
    expect(await failure(list({ ResourceType: 'vpcendpoint', 'Tag.1.Value': 'v' }))).toMatchObject({ code: 'MissingTagKeyParam' });
    expect(
      await failure(
        list({
          ResourceType: 'vpcendpoint',
          ...tagParams([
            ['d', '1'],
            ['d', '2'],
          ]),
        }),
      ),
    ).toMatchObject({ code: 'DuplicatedTagKey' });
  });

  it('caps a resource at 20 tags (QuotaExceed.TagsPerResource) and 20 per call', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => [`key${String(i).padStart(2, '0')}`, `v${i}`] as const);
    await tag('vpcendpointservice', [services[2]!], twenty);
    // Overwriting existing keys stays within the cap.
    await tag('vpcendpointservice', [services[2]!], [['key00', 'again']]);
    expect(await failure(tag('vpcendpointservice', [services[2]!], [['one-more', 'x']]))).toMatchObject({
      code: 'QuotaExceed.TagsPerResource',
      status: 400,
    });
    const rows = rowsOf(await list({ ResourceType: 'vpcendpointservice', 'ResourceId.1': services[2]! }));
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual([services[2]!, 'vpcendpointservice', 'key00', 'again']);
    const tooMany = Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'] as const);
    expect(await failure(tag('vpcendpointservice', [services[0]!], tooMany))).toMatchObject({ code: 'IllegalParamFormat.Tag' });
  });

  it('pages ListTagResources past 50 rows with NextToken', async () => {
    const twenty = (prefix: string) => Array.from({ length: 20 }, (_, i) => [`${prefix}${String(i).padStart(2, '0')}`, 'v'] as const);
    await call(owner.privatelink, 'UntagResources', {
      ResourceType: 'vpcendpointservice',
      'ResourceId.1': services[0]!,
      'ResourceId.2': services[1]!,
      'ResourceId.3': services[2]!,
      All: true,
    });
    for (const [i, serviceId] of services.entries()) await tag('vpcendpointservice', [serviceId], twenty(`p${i}-`));
    const ids: Json = { ResourceType: 'vpcendpointservice' };
    services.forEach((id, i) => (ids[`ResourceId.${i + 1}`] = id));
    const { items, pages } = await allPages((NextToken) => list({ ...ids, NextToken }), 'TagResources');
    expect(pages).toEqual([50, 10]);
    expect(new Set(items.map((r) => `${r['ResourceId']}/${r['TagKey']}`)).size).toBe(60);
  });
});
