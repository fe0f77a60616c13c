import { isPrivateLinkOpen, openPrivateLink } from '../../../control/activation.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { PRIVATELINK_VERSION } from './version.js';

/**
 * OpenPrivateLinkService and CheckProductOpen (https://api.aliyun.com/api/Privatelink/2020-04-15/OpenPrivateLinkService):
 * account-wide, so they take no parameters, not even RegionId.
 */
export const activationActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'OpenPrivateLinkService',
    kind: 'change',
    errorCodes: ['OrderOpend', 'InvalidAccountStatus.NotEnoughBalance'],
    params: {},
    async handle(ctx) {
      return { OrderId: await openPrivateLink(ctx.deps.plane, ctx.caller.account.uid) };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'CheckProductOpen',
    kind: 'read',
    errorCodes: ['NeedOpenProduct'],
    params: {},
    async handle(ctx) {
      // Success is only ever true: an account that has not opened PrivateLink gets NeedOpenProduct.
      if (!isPrivateLinkOpen(ctx.deps.plane.replica.get('account', ctx.caller.account.uid))) throw new CloudError('NeedOpenProduct');
      return { Success: true };
    },
  }),
];
