import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSIONS } from '../../helpers/cloud.js';
import { STORES, call, failure, startStack, type Stack } from '../conveniences/stack.js';

type Json = Record<string, unknown>;

describe.each(STORES)('operator actions: accounts and AccessKeys (%s store)', (store) => {
  let stack: Stack;
  /** Every secret CreateAccessKey handed out in this file. */
  const secrets: string[] = [];

  beforeAll(async () => {
    // Debug logging: the most output there is to leak a secret into.
    stack = await startStack(store, { extraArgs: ['--log-level', 'debug'] });
  });
  afterAll(async () => {
    await stack.stop();
  });

  const operator = (): RPCClient => stack.client('operator', 'operator');
  const keyClient = (accessKeyId: string, secret: string, product: keyof typeof VERSIONS = 'vpc'): RPCClient =>
    new RPCClient({ endpoint: stack.plinkd.apiUrl, apiVersion: VERSIONS[product], accessKeyId, accessKeySecret: secret });

  it('creates an account and a key that signs requests as that account', async () => {
    const account = await call(operator(), 'CreateAccount');
    const accountId = account['AccountId'] as string;
    expect(accountId).toMatch(/^[1-9]\d{15}$/);
    expect(account['BusinessStatus']).toBe('Normal');

    const key = await call(operator(), 'CreateAccessKey', { AccountId: accountId });
    expect(key['AccountId']).toBe(accountId);
    expect(key['AccessKeyId']).toMatch(/^LTAI[a-z0-9]{20}$/);
    const secret = key['AccessKeySecret'] as string;
    expect(secret.length).toBeGreaterThanOrEqual(30);
    secrets.push(secret);

    const client = keyClient(key['AccessKeyId'] as string, secret);
    const { VpcId } = (await call(client, 'CreateVpc', { CidrBlock: '10.0.0.0/16' })) as { VpcId: string };
    const described = await call(client, 'DescribeVpcs', { VpcId });
    expect(String((described['Vpcs'] as { Vpc: Json[] }).Vpc[0]!['OwnerId'])).toBe(accountId);
    // Another account does not see it.
    expect((await call(stack.client('consumer', 'vpc'), 'DescribeVpcs', { VpcId }))['TotalCount']).toBe(0);
  });

  it('allows two keys per account (LimitExceeded.User.AccessKey, 409) and deletes a key so it stops working', async () => {
    const { AccountId } = (await call(operator(), 'CreateAccount')) as { AccountId: string };
    const first = (await call(operator(), 'CreateAccessKey', { AccountId })) as { AccessKeyId: string; AccessKeySecret: string };
    const second = (await call(operator(), 'CreateAccessKey', { AccountId })) as { AccessKeyId: string; AccessKeySecret: string };
    secrets.push(first.AccessKeySecret, second.AccessKeySecret);
    expect(await failure(call(operator(), 'CreateAccessKey', { AccountId }))).toMatchObject({
      code: 'LimitExceeded.User.AccessKey',
      status: 409,
    });

    await call(operator(), 'DeleteAccessKey', { UserAccessKeyId: first.AccessKeyId });
    expect(await failure(call(keyClient(first.AccessKeyId, first.AccessKeySecret), 'DescribeVpcs'))).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      status: 404,
    });
    expect(await call(keyClient(second.AccessKeyId, second.AccessKeySecret), 'DescribeVpcs')).toHaveProperty('TotalCount', 0);
    expect(await failure(call(operator(), 'DeleteAccessKey', { UserAccessKeyId: first.AccessKeyId }))).toMatchObject({
      code: 'EntityNotExist.User.AccessKey',
      status: 404,
    });
    // With one slot free again, a new key can be made.
    const third = (await call(operator(), 'CreateAccessKey', { AccountId })) as { AccessKeySecret: string };
    secrets.push(third.AccessKeySecret);
  });

  it('refuses two racing CreateAccessKey calls past the limit', async () => {
    const { AccountId } = (await call(operator(), 'CreateAccount')) as { AccountId: string };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(() => call(operator(), 'CreateAccessKey', { AccountId })));
    const made = results.filter((r): r is PromiseFulfilledResult<Json> => r.status === 'fulfilled');
    for (const r of made) secrets.push(r.value['AccessKeySecret'] as string);
    expect(made).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('LimitExceeded.User.AccessKey');
  });

  it('answers EntityNotExist.User for an unknown account and validates ids', async () => {
    expect(await failure(call(operator(), 'CreateAccessKey', { AccountId: '9999999999999998' }))).toMatchObject({
      code: 'EntityNotExist.User',
      status: 404,
    });
    expect(await failure(call(operator(), 'CreateAccessKey', { AccountId: '12' }))).toMatchObject({ code: 'IllegalParamFormat.AccountId' });
    expect(await failure(call(operator(), 'CreateAccessKey'))).toMatchObject({ code: 'MissingParam.AccountId' });
  });

  it('refuses every operator action to non-operator keys with Forbidden.RAM (403)', async () => {
    for (const account of ['provider', 'consumer', 'stranger'] as const) {
      const client = stack.client(account, 'operator');
      for (const [action, params] of [
        ['CreateAccount', {}],
        ['CreateAccessKey', { AccountId: '2222222222222222' }],
        ['DeleteAccessKey', { UserAccessKeyId: 'LTAIconsumer2222' }],
        ['CreateResolverBinding', { VpcId: 'vpc-abc', SourceCidr: '10.0.0.1' }],
        ['DeleteResolverBinding', { BindingId: 'rb-abc' }],
        ['ListResolverBindings', {}],
      ] as const) {
        expect(await failure(call(client, action, params)), `${account} ${action}`).toMatchObject({ code: 'Forbidden.RAM', status: 403 });
      }
    }
    // The consumer's key survived the attempt to delete it.
    expect(await call(stack.client('consumer', 'vpc'), 'DescribeVpcs')).toHaveProperty('TotalCount');
  });

  it('never shows a secret again: not in later responses, not in the logs', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    // Everything an operator or the accounts can read afterwards.
    const later = JSON.stringify([
      await call(operator(), 'ListResolverBindings'),
      await call(stack.client('consumer', 'vpc'), 'DescribeVpcs'),
      await failure(call(operator(), 'CreateAccessKey', { AccountId: '9999999999999998' })),
    ]);
    const output = stack.plinkd.output();
    expect(output).toContain('"msg":"ready"');
    for (const secret of secrets) {
      expect(later).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
    // The bootstrap secrets are not printed either.
    expect(output).not.toContain('operator-secret-0000');
  });
});
