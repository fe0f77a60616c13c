import {
  addUserVpcAuthorization,
  deleteUserVpcAuthorization,
  userVpcAuthorizations,
} from '../../../control/private-zones/vpc-authorizations.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { pvtzPage } from './paging.js';
import { AuthTypeParam, UserIdParam } from './params.js';
import { renderAuthorization } from './render.js';
import { PVTZ_VERSION } from './version.js';

/**
 * Cross-account VPC authorizations (https://api.aliyun.com/api/pvtz/2018-01-01/AddUserVpcAuthorization):
 * the caller is the zone owner, AuthorizedUserId the account whose VPCs it may then bind,
 * which consented with the AuthCode (src/control/private-zones/vpc-authorizations.ts).
 */
export const authorizationActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'AddUserVpcAuthorization',
    kind: 'change',
    errorCodes: ['InvalidParameter', 'IllegalUser'],
    params: {
      AuthorizedUserId: { ...UserIdParam, required: true },
      AuthCode: { type: 'string', maxLength: 64 },
      AuthType: AuthTypeParam,
      AuthChannel: { type: 'string', enum: ['AUTH_CODE', 'RESOURCE_DIRECTORY'] },
    },
    async handle(ctx, p) {
      await addUserVpcAuthorization(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        authorizedUserId: p.AuthorizedUserId,
        authType: p.AuthType,
        authChannel: p.AuthChannel,
        authCode: p.AuthCode,
      });
      return {};
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DeleteUserVpcAuthorization',
    kind: 'change',
    errorCodes: ['InvalidParameter', 'ZoneVpc.Auth.NotExists'],
    params: { AuthorizedUserId: { ...UserIdParam, required: true }, AuthType: AuthTypeParam },
    async handle(ctx, p) {
      await deleteUserVpcAuthorization(ctx.deps.plane, ctx.caller.account.uid, p.AuthorizedUserId, p.AuthType);
      return {};
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeUserVpcAuthorizations',
    kind: 'read',
    errorCodes: [],
    params: {
      AuthorizedUserId: UserIdParam,
      AuthType: AuthTypeParam,
      PageNumber: { type: 'integer', min: 1, max: 9_999_999 },
      PageSize: { type: 'integer', min: 1, max: 100 },
    },
    async handle(ctx, p) {
      const all = userVpcAuthorizations(ctx.deps.plane, ctx.caller.account.uid, p.AuthorizedUserId);
      // Every authorization here is NORMAL, so a CLOUD_PRODUCT filter matches none.
      const matching = all.filter((a) => p.AuthType === undefined || a.authType === p.AuthType);
      const page = pvtzPage(matching, p.PageNumber, p.PageSize);
      // The reference lists them bare (`Users: [...]`), not wrapped like zones and records.
      return { ...page.wire, Users: page.items.map(renderAuthorization) };
    },
  }),
];
