import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, failure, startStack, type Stack } from '../conveniences/stack.js';
import { freshActor, type PvtzActor } from './pvtz-helpers.js';

type Json = Record<string, unknown>;

/**
 * docs/design/dns-views.md "Cross-account binding": a zone owner binds another account's
 * VPC only once that account consented — it issues a code (CreateVpcAuthorizationCode) the
 * zone owner spends on AddUserVpcAuthorization. Without it, the VPC is as unknown as one
 * that does not exist (ZoneVpc.NotExists.VpcId).
 */
describe.each(STORES)('PrivateZone cross-account binding (%s store)', (store) => {
  let stack: Stack;
  /** Owns the zones. */
  let zoneOwner: PvtzActor;
  /** Owns the VPC. */
  let vpcOwner: PvtzActor;
  /** Neither. */
  let stranger: PvtzActor;
  let vpcId: string;
  let zoneId: string;

  const bind = (actor: PvtzActor, zone: string, ...vpcs: string[]): Promise<Json> =>
    actor.pvtz('BindZoneVpc', Object.fromEntries([['ZoneId', zone], ...vpcs.map((v, i) => [`Vpcs.${i + 1}.VpcId`, v])]));
  const boundVpcs = async (actor: PvtzActor, zone: string): Promise<unknown[]> =>
    ((await actor.pvtz('DescribeZoneInfo', { ZoneId: zone }))['BindVpcs'] as { Vpc: Json[] }).Vpc.map((v) => v['VpcId']);
  const authorizations = async (actor: PvtzActor, params: Json = {}): Promise<Json> => actor.pvtz('DescribeUserVpcAuthorizations', params);
  const codeFor = async (from: PvtzActor, to: PvtzActor): Promise<string> =>
    (await from.operator('CreateVpcAuthorizationCode', { ZoneOwnerId: to.uid }))['AuthCode'] as string;

  beforeAll(async () => {
    stack = await startStack(store);
    [zoneOwner, vpcOwner, stranger] = [await freshActor(stack), await freshActor(stack), await freshActor(stack)];
    vpcId = (await vpcOwner.vpc('CreateVpc', { CidrBlock: '10.71.0.0/16' }))['VpcId'] as string;
    zoneId = (await zoneOwner.pvtz('AddZone', { ZoneName: 'shared.example' }))['ZoneId'] as string;
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('refuses another account’s VPC without its authorization', async () => {
    expect(await failure(bind(zoneOwner, zoneId, vpcId))).toMatchObject({ code: 'ZoneVpc.NotExists.VpcId', status: 400 });
    expect(await boundVpcs(zoneOwner, zoneId)).toEqual([]);
  });

  it('refuses an authorization without the VPC owner’s code, or one it cannot verify, recording nothing', async () => {
    const refusals: Array<[Json, string]> = [
      [{ AuthorizedUserId: vpcOwner.uid }, 'MissingParam.AuthCode'],
      [{ AuthorizedUserId: vpcOwner.uid, AuthCode: '12345678' }, 'InvalidParameter'],
      [{ AuthorizedUserId: vpcOwner.uid, AuthChannel: 'RESOURCE_DIRECTORY' }, 'InvalidParameter'],
      [{ AuthorizedUserId: vpcOwner.uid, AuthCode: '12345678', AuthType: 'CLOUD_PRODUCT' }, 'InvalidParameter'],
      [{ AuthorizedUserId: vpcOwner.uid, AuthCode: '12345678', AuthChannel: 'EMAIL' }, 'IllegalParamFormat.AuthChannel'],
      [{ AuthorizedUserId: zoneOwner.uid, AuthCode: '12345678' }, 'IllegalUser'],
      [{ AuthorizedUserId: '1999999999999999', AuthCode: '12345678' }, 'IllegalUser'],
      [{ AuthorizedUserId: 'alice', AuthCode: '12345678' }, 'IllegalParamFormat.AuthorizedUserId'],
      [{ AuthCode: '12345678' }, 'MissingParam.AuthorizedUserId'],
    ];
    for (const [params, code] of refusals) {
      expect((await failure(zoneOwner.pvtz('AddUserVpcAuthorization', params))).code, JSON.stringify(params)).toBe(code);
    }
    // A code the VPC owner issued to someone else is no consent for this caller.
    const strangersCode = await codeFor(vpcOwner, stranger);
    expect(
      (await failure(zoneOwner.pvtz('AddUserVpcAuthorization', { AuthorizedUserId: vpcOwner.uid, AuthCode: strangersCode }))).code,
    ).toBe('InvalidParameter');
    expect(await authorizations(zoneOwner)).toMatchObject({ TotalItems: 0, Users: [] });
    expect((await failure(bind(zoneOwner, zoneId, vpcId))).code).toBe('ZoneVpc.NotExists.VpcId');
    // Issuing a code for oneself or an unknown account is refused.
    expect((await failure(vpcOwner.operator('CreateVpcAuthorizationCode', { ZoneOwnerId: vpcOwner.uid }))).code).toBe('IllegalUser');
    expect((await failure(vpcOwner.operator('CreateVpcAuthorizationCode', { ZoneOwnerId: '1999999999999999' }))).code).toBe('IllegalUser');
  });

  it('binds the VPC once its owner’s code is spent, for that zone owner only', async () => {
    const code = await codeFor(vpcOwner, zoneOwner);
    expect(code).toMatch(/^[0-9a-z]{8}$/);
    expect(await zoneOwner.pvtz('AddUserVpcAuthorization', { AuthorizedUserId: vpcOwner.uid, AuthCode: code })).toMatchObject({
      RequestId: expect.any(String),
    });
    // Used once.
    expect((await failure(zoneOwner.pvtz('AddUserVpcAuthorization', { AuthorizedUserId: vpcOwner.uid, AuthCode: code }))).code).toBe(
      'InvalidParameter',
    );
    const listed = await authorizations(zoneOwner);
    expect(listed).toMatchObject({ TotalItems: 1, TotalPages: 1, PageNumber: 1, PageSize: 20 });
    const [user] = listed['Users'] as Json[];
    // pop-core reads 16-digit JSON numbers as big numbers.
    expect(String(user!['AuthorizedUserId'])).toBe(vpcOwner.uid);
    expect(user).toMatchObject({
      AuthType: 'NORMAL',
      CreateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/),
      CreateTimestamp: expect.any(Number),
    });
    expect(await authorizations(zoneOwner, { AuthorizedUserId: stranger.uid })).toMatchObject({ TotalItems: 0 });
    expect(await authorizations(zoneOwner, { AuthType: 'CLOUD_PRODUCT' })).toMatchObject({ TotalItems: 0 });
    // The authorization is the zone owner's: the VPC owner and others do not list it.
    expect(await authorizations(vpcOwner)).toMatchObject({ TotalItems: 0 });

    await bind(zoneOwner, zoneId, vpcId);
    expect(await boundVpcs(zoneOwner, zoneId)).toEqual([vpcId]);
    expect((await zoneOwner.pvtz('DescribeZones', { QueryVpcId: vpcId }))['TotalItems']).toBe(1);
    const regions = ((await zoneOwner.pvtz('DescribeRegions', { AuthorizedUserId: vpcOwner.uid }))['Regions'] as { Region: Json[] }).Region;
    expect(regions.map((r) => r['RegionId'])).toEqual(['cn-hangzhou']);

    // Still nobody else's: the stranger's zone cannot take the VPC, nor can it see the zone.
    const strangerZone = (await stranger.pvtz('AddZone', { ZoneName: 'other.example' }))['ZoneId'] as string;
    expect((await failure(bind(stranger, strangerZone, vpcId))).code).toBe('ZoneVpc.NotExists.VpcId');
    expect((await failure(stranger.pvtz('DescribeZoneInfo', { ZoneId: zoneId }))).code).toBe('Zone.NotExists');
    expect((await failure(vpcOwner.pvtz('DescribeZoneInfo', { ZoneId: zoneId }))).code).toBe('Zone.NotExists');
  });

  it('keeps one zone per name in a VPC across accounts', async () => {
    const ownSameName = (await vpcOwner.pvtz('AddZone', { ZoneName: 'shared.example' }))['ZoneId'] as string;
    expect(await failure(bind(vpcOwner, ownSameName, vpcId))).toMatchObject({
      code: 'ZoneVpc.Zone.Repeated',
      message: 'Vpc is bind to same zone name.',
    });
    const secondSameName = (await zoneOwner.pvtz('AddZone', { ZoneName: 'shared.example' }))['ZoneId'] as string;
    expect((await failure(bind(zoneOwner, secondSameName, vpcId))).code).toBe('ZoneVpc.Zone.Repeated');
    expect(await boundVpcs(vpcOwner, ownSameName)).toEqual([]);
  });

  it('unbinds the zone owner’s zones from the VPCs when the authorization is deleted', async () => {
    expect((await failure(zoneOwner.pvtz('DeleteUserVpcAuthorization', { AuthorizedUserId: stranger.uid }))).code).toBe(
      'ZoneVpc.Auth.NotExists',
    );
    await zoneOwner.pvtz('DeleteUserVpcAuthorization', { AuthorizedUserId: vpcOwner.uid, AuthType: 'NORMAL' });
    expect(await boundVpcs(zoneOwner, zoneId)).toEqual([]);
    expect(await authorizations(zoneOwner)).toMatchObject({ TotalItems: 0 });
    expect((await failure(bind(zoneOwner, zoneId, vpcId))).code).toBe('ZoneVpc.NotExists.VpcId');
    expect((await failure(zoneOwner.pvtz('DeleteUserVpcAuthorization', { AuthorizedUserId: vpcOwner.uid }))).code).toBe(
      'ZoneVpc.Auth.NotExists',
    );
    // The VPC is free again for its owner's own zone of that name.
    const own = ((await vpcOwner.pvtz('DescribeZones', { Keyword: 'shared.example', SearchMode: 'EXACT' }))['Zones'] as { Zone: Json[] })
      .Zone[0]!['ZoneId'] as string;
    await bind(vpcOwner, own, vpcId);
    expect(await boundVpcs(vpcOwner, own)).toEqual([vpcId]);
  });
});
