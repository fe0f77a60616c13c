import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveService, createConnectedEndpoint, createNetwork, until, ZONES } from '../../helpers/scenario.js';
import { STORES, allPages, call, failure, freshAccount, startStack, type FreshAccount, type Stack } from './stack.js';

type Json = Record<string, unknown>;

describe.each(STORES)('security groups of an endpoint (%s store)', (store) => {
  let stack: Stack;
  let owner: FreshAccount;
  let endpointId: string;

  beforeAll(async () => {
    // A visible transition: attaching takes the endpoint through Pending for 300 ms.
    stack = await startStack(store, { transitionDelayMs: 300 });
    owner = await freshAccount(stack);
    const serviceId = await createActiveService(owner, {}, [ZONES[0]]);
    const network = await createNetwork(owner, 1, [ZONES[0]]);
    endpointId = (await createConnectedEndpoint(owner, network, serviceId, [ZONES[0]])).endpointId;
  });
  afterAll(async () => {
    await stack.stop();
  });

  const groups = async (): Promise<Json[]> =>
    (await call(owner.privatelink, 'ListVpcEndpointSecurityGroups', { EndpointId: endpointId }))['SecurityGroups'] as Json[];
  const settled = () =>
    until(
      () => call(owner.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpointId }),
      (e) => e['EndpointStatus'] === 'Active',
    );

  it('attaches asynchronously: Pending / Attaching, then Active / Attached', async () => {
    expect(await groups()).toEqual([{ SecurityGroupId: 'sg-test1', SecurityGroupStatus: 'Attached' }]);
    await call(owner.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-b' });
    expect((await call(owner.privatelink, 'GetVpcEndpointAttribute', { EndpointId: endpointId }))['EndpointStatus']).toBe('Pending');
    expect(await groups()).toEqual([
      { SecurityGroupId: 'sg-b', SecurityGroupStatus: 'Attaching' },
      { SecurityGroupId: 'sg-test1', SecurityGroupStatus: 'Attached' },
    ]);
    // A second change while the first is in progress is refused.
    expect(
      await failure(call(owner.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-c' })),
    ).toMatchObject({
      code: 'EndpointOperationDenied',
    });
    await settled();
    expect(await groups()).toEqual([
      { SecurityGroupId: 'sg-b', SecurityGroupStatus: 'Attached' },
      { SecurityGroupId: 'sg-test1', SecurityGroupStatus: 'Attached' },
    ]);
  });

  it('detaches asynchronously, and never the last group', async () => {
    await call(owner.privatelink, 'DetachSecurityGroupFromVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-test1' });
    expect(await groups()).toEqual([
      { SecurityGroupId: 'sg-b', SecurityGroupStatus: 'Attached' },
      { SecurityGroupId: 'sg-test1', SecurityGroupStatus: 'Detaching' },
    ]);
    await settled();
    expect(await groups()).toEqual([{ SecurityGroupId: 'sg-b', SecurityGroupStatus: 'Attached' }]);
    expect(
      await failure(call(owner.privatelink, 'DetachSecurityGroupFromVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-b' })),
    ).toMatchObject({
      code: 'EndpointMustContainSecurityGroup',
      status: 400,
      message: 'The specified endpoint must have at least one security group.',
    });
    expect(
      await failure(call(owner.privatelink, 'DetachSecurityGroupFromVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-test1' })),
    ).toMatchObject({
      code: 'SecurityGroupNotFound',
    });
    expect(
      await failure(call(owner.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-b' })),
    ).toMatchObject({
      code: 'SecurityGroupExist',
    });
    expect(
      await failure(
        call(owner.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'not-a-group' }),
      ),
    ).toMatchObject({
      code: 'IllegalParamFormat.SecurityGroupId',
    });
    expect(
      await failure(call(owner.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: 'ep-nothere', SecurityGroupId: 'sg-x' })),
    ).toMatchObject({
      code: 'EndpointNotFound',
    });
    expect(await groups()).toEqual([{ SecurityGroupId: 'sg-b', SecurityGroupStatus: 'Attached' }]);
  });

  it('holds at most 10 groups and pages them with MaxResults (≤ 50) / NextToken', async () => {
    for (let i = 0; i < 9; i++) {
      await call(owner.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: `sg-extra${i}` });
      await settled();
    }
    expect(
      await failure(
        call(owner.privatelink, 'AttachSecurityGroupToVpcEndpoint', { EndpointId: endpointId, SecurityGroupId: 'sg-eleventh' }),
      ),
    ).toMatchObject({
      code: 'QuotaMisMatched',
    });
    const { items, pages } = await allPages(
      (NextToken) => call(owner.privatelink, 'ListVpcEndpointSecurityGroups', { EndpointId: endpointId, MaxResults: 3, NextToken }),
      'SecurityGroups',
    );
    expect(pages).toEqual([3, 3, 3, 1]);
    expect(items.map((g) => g['SecurityGroupId'])).toEqual(['sg-b', ...Array.from({ length: 9 }, (_, i) => `sg-extra${i}`)]);
    const first = await call(owner.privatelink, 'ListVpcEndpointSecurityGroups', { EndpointId: endpointId, MaxResults: 3 });
    expect(first).toMatchObject({ MaxResults: 3, TotalCount: 10 });
    expect(
      await failure(call(owner.privatelink, 'ListVpcEndpointSecurityGroups', { EndpointId: endpointId, MaxResults: 51 })),
    ).toMatchObject({
      code: 'IllegalParamFormat.MaxResults',
      status: 400,
    });
  });
});
