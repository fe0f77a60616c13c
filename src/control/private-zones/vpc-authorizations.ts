import { CloudError } from '../../errors/catalogue.js';
import type { UserVpcAuthorization } from '../../model/types.js';
import type { Plane } from '../plane.js';
import { checkAuthorizationCode, otherAccount, spendAuthorizationCode } from './authorization-codes.js';

/**
 * PrivateZone cross-account binding (https://api.aliyun.com/api/pvtz/2018-01-01/AddUserVpcAuthorization):
 * the zone owner records that another account — the cloud's AuthorizedUserId, the owner of
 * the VPCs — consented, and may then bind that account's VPCs to its zones (BindZoneVpc).
 * The consent is the AuthCode the VPC owner handed over (authorization-codes.ts). Only the
 * NORMAL type over the AUTH_CODE channel is modelled: CLOUD_PRODUCT concerns the cloud's own
 * product zones, RESOURCE_DIRECTORY a resource directory, neither of which plinkd has.
 */

export function authorizationId(uid: string, vpcOwnerUid: string): string {
  return `${uid}:NORMAL:${vpcOwnerUid}`;
}

/** May `uid` bind VPCs owned by `vpcOwnerUid`? Its own, or an authorising account's (from the replica). */
export function mayBindVpcsOf(plane: Plane, uid: string, vpcOwnerUid: string): boolean {
  return vpcOwnerUid === uid || plane.replica.get('userVpcAuthorization', authorizationId(uid, vpcOwnerUid)) !== undefined;
}

export interface AddAuthorizationInput {
  uid: string;
  authorizedUserId: string;
  authType: string | undefined;
  authChannel: string | undefined;
  authCode: string | undefined;
}

/** Refuses what is not modelled, rather than recording an authorization nobody consented to. */
function checkModelled(input: Pick<AddAuthorizationInput, 'authType' | 'authChannel'>): void {
  if (input.authType === 'CLOUD_PRODUCT') {
    throw new CloudError('InvalidParameter', {
      detail: 'The specified value parameter is not valid: AuthType CLOUD_PRODUCT is not supported (plinkd has no cloud product zones).',
    });
  }
  if (input.authChannel === 'RESOURCE_DIRECTORY') {
    throw new CloudError('InvalidParameter', {
      detail:
        'The specified value parameter is not valid: AuthChannel RESOURCE_DIRECTORY is not supported (plinkd has no resource directory); use AUTH_CODE.',
    });
  }
}

/**
 * AddUserVpcAuthorization: spends the VPC owner's code and records the authorization (again:
 * an existing one keeps its CreateTime). A wrong, expired or used code changes nothing.
 */
export async function addUserVpcAuthorization(plane: Plane, input: AddAuthorizationInput): Promise<void> {
  checkModelled(input);
  if (input.authCode === undefined) throw new CloudError('MissingParam', { param: 'AuthCode' });
  const authCode = input.authCode;
  otherAccount(plane, input.uid, input.authorizedUserId);
  checkAuthorizationCode(plane, input.authorizedUserId, input.uid, authCode);
  const id = authorizationId(input.uid, input.authorizedUserId);
  await plane.write(async (tx) => {
    await spendAuthorizationCode(plane, tx, input.authorizedUserId, input.uid, authCode);
    const existing = await tx.get('userVpcAuthorization', id);
    const doc: UserVpcAuthorization = existing ?? {
      uid: input.uid,
      authorizedUserId: input.authorizedUserId,
      authType: 'NORMAL',
      createdAt: plane.timestamp(),
    };
    tx.put('userVpcAuthorization', id, doc);
  });
}

/**
 * DeleteUserVpcAuthorization: without the authorization the caller's zones no longer reach
 * that account's VPCs, so they are unbound from them in the same transaction (their names
 * stop answering there at once). ZoneVpc.Auth.NotExists when there is none.
 */
export async function deleteUserVpcAuthorization(
  plane: Plane,
  uid: string,
  authorizedUserId: string,
  authType: string | undefined,
): Promise<void> {
  checkModelled({ authType, authChannel: undefined });
  const id = authorizationId(uid, authorizedUserId);
  if (plane.replica.get('userVpcAuthorization', id) === undefined) throw new CloudError('ZoneVpc.Auth.NotExists');
  const ownedByThem = (vpcId: string): boolean => plane.replica.get('vpc', vpcId)?.uid === authorizedUserId;
  await plane.write(async (tx) => {
    if ((await tx.get('userVpcAuthorization', id)) === undefined) throw new CloudError('ZoneVpc.Auth.NotExists');
    tx.delete('userVpcAuthorization', id);
    for (const { zoneId } of plane.replica.ownedBy('privateZone', uid)) {
      const zone = await tx.get('privateZone', zoneId);
      if (zone === undefined || !zone.vpcs.some((v) => ownedByThem(v.vpcId))) continue;
      tx.put('privateZone', zoneId, { ...zone, vpcs: zone.vpcs.filter((v) => !ownedByThem(v.vpcId)), updatedAt: plane.timestamp() });
    }
  });
}

/** The caller's authorizations, oldest first, optionally of one account. */
export function userVpcAuthorizations(plane: Plane, uid: string, authorizedUserId: string | undefined): UserVpcAuthorization[] {
  return plane.replica
    .ownedBy('userVpcAuthorization', uid)
    .filter((a) => authorizedUserId === undefined || a.authorizedUserId === authorizedUserId)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.authorizedUserId < b.authorizedUserId ? -1 : 1));
}
