import { issueAuthorizationCode } from '../../../control/private-zones/authorization-codes.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { OPERATOR_VERSION } from './version.js';

/**
 * CreateVpcAuthorizationCode: the one operator-product action any account may call, for
 * itself. The cloud emails the VPC owner a code for a zone owner's AddUserVpcAuthorization
 * and offers no API for it; here the VPC owner asks for the code, naming the zone owner,
 * and hands it over itself (src/control/private-zones/authorization-codes.ts). The code is
 * in this response only.
 */
export const vpcAuthorizationCodeActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: OPERATOR_VERSION,
    name: 'CreateVpcAuthorizationCode',
    kind: 'create',
    errorCodes: ['IllegalUser'],
    params: { ZoneOwnerId: { type: 'string', required: true, pattern: /^\d{1,19}$/ } },
    async handle(ctx, p) {
      const issued = await issueAuthorizationCode(ctx.deps.plane, ctx.caller.account.uid, p.ZoneOwnerId);
      return { AuthCode: issued.authCode, ExpireTime: issued.expiresAt };
    },
  }),
];
