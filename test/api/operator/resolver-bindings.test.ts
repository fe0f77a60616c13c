import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, allPages, call, failure, startStack, type Stack } from '../conveniences/stack.js';

type Json = Record<string, unknown>;

describe.each(STORES)('operator actions: resolver bindings (%s store)', (store) => {
  let stack: Stack;
  let vpcId: string;

  beforeAll(async () => {
    stack = await startStack(store);
    vpcId = ((await call(stack.client('consumer', 'vpc'), 'CreateVpc', { CidrBlock: '10.7.0.0/16' })) as { VpcId: string }).VpcId;
  });
  afterAll(async () => {
    await stack.stop();
  });

  const operator = () => stack.client('operator', 'operator');

  it("binds IPv4 and IPv6 CIDRs and single addresses of any account's VPC, in canonical form", async () => {
    const v4 = await call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '192.0.2.0/28', ZoneId: 'cn-hangzhou-i' });
    expect(v4).toMatchObject({ VpcId: vpcId, RegionId: 'cn-hangzhou', SourceCidr: '192.0.2.0/28', ZoneId: 'cn-hangzhou-i' });
    expect(v4['BindingId']).toMatch(/^rb-[a-z0-9]{20}$/);
    const single = await call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '198.51.100.7' });
    expect(single).toMatchObject({ SourceCidr: '198.51.100.7/32', ZoneId: '' });
    const v6 = await call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '2001:DB8:0:0::/64' });
    expect(v6['SourceCidr']).toBe('2001:db8::/64');
    const v6single = await call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '::1' });
    expect(v6single['SourceCidr']).toBe('::1/128');

    const listed = await call(operator(), 'ListResolverBindings', { VpcId: vpcId });
    expect(listed['TotalCount']).toBe(4);
    expect((listed['ResolverBindings'] as Json[]).map((b) => b['SourceCidr']).sort()).toEqual(
      ['192.0.2.0/28', '198.51.100.7/32', '2001:db8::/64', '::1/128'].sort(),
    );

    await call(operator(), 'DeleteResolverBinding', { BindingId: single['BindingId'] });
    expect((await call(operator(), 'ListResolverBindings', { VpcId: vpcId }))['TotalCount']).toBe(3);
    expect(await failure(call(operator(), 'DeleteResolverBinding', { BindingId: single['BindingId'] }))).toMatchObject({
      code: 'ResourceNotFound.ResolverBinding',
      status: 400,
    });
  });

  it('refuses malformed CIDRs, unknown VPCs and zones, and a CIDR bound twice (also when racing)', async () => {
    for (const bad of ['10.0.0.1/24', '10.0.0.0/33', 'not-an-address', '2001:db8::1/64', '300.1.1.1']) {
      expect(await failure(call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: bad })), bad).toMatchObject({
        code: 'IllegalParamFormat.SourceCidr',
        status: 400,
      });
    }
    expect(await failure(call(operator(), 'CreateResolverBinding', { VpcId: 'vpc-nothere', SourceCidr: '10.1.0.0/24' }))).toMatchObject({
      code: 'InvalidVpcId.NotFound',
      status: 404,
    });
    expect(
      await failure(call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '10.1.0.0/24', ZoneId: 'cn-hangzhou-z' })),
    ).toMatchObject({
      code: 'InvalidZoneId.NotFound',
    });
    const results = await Promise.allSettled(
      [0, 1, 2].map(() => call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '203.0.113.0/24' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('ResourceAlreadyExist.ResolverBinding');
    // The same network written differently is the same binding.
    await call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '2001:db8:1::/48' });
    expect(await failure(call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '2001:DB8:1:0::/48' }))).toMatchObject({
      code: 'ResourceAlreadyExist.ResolverBinding',
    });
  });

  it("pages ListResolverBindings and drops a VPC's bindings with the VPC", async () => {
    const consumer = stack.client('consumer', 'vpc');
    const { VpcId } = (await call(consumer, 'CreateVpc', { CidrBlock: '10.8.0.0/16' })) as { VpcId: string };
    for (let i = 0; i < 5; i++) await call(operator(), 'CreateResolverBinding', { VpcId, SourceCidr: `100.100.${i}.0/24` });
    const { items, pages } = await allPages(
      (NextToken) => call(operator(), 'ListResolverBindings', { VpcId, MaxResults: 2, NextToken }),
      'ResolverBindings',
    );
    expect(pages).toEqual([2, 2, 1]);
    expect(new Set(items.map((b) => b['BindingId'])).size).toBe(5);
    expect(await failure(call(operator(), 'ListResolverBindings', { MaxResults: 51 }))).toMatchObject({
      code: 'IllegalParamFormat.MaxResults',
    });

    await call(consumer, 'DeleteVpc', { VpcId });
    expect((await call(operator(), 'ListResolverBindings', { VpcId }))['TotalCount']).toBe(0);
    // The CIDR is free again.
    await call(operator(), 'CreateResolverBinding', { VpcId: vpcId, SourceCidr: '100.100.0.0/24' });
  });
});
