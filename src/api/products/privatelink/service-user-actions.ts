import { ownService } from '../../../control/services.js';
import { addServiceUser, removeServiceUser } from '../../../control/service-users.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DryRunParam, NextTokenParam, RegionIdParam, idParam, maxResultsParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { paginate } from '../paging.js';
import { UserArnParam, UserIdParam } from './params.js';
import { PRIVATELINK_VERSION } from './version.js';
import { SERVICE_CHANGE_CODES } from './codes.js';

const UserParams = {
  RegionId: RegionIdParam,
  ServiceId: idParam('epsrv'),
  UserId: UserIdParam,
  UserARN: UserArnParam,
  ClientToken: ClientTokenParam,
  DryRun: DryRunParam,
} as const;

/** The service whitelist (docs/control-plane.md): account uids and RAM ARNs that may see and connect to a service. */
export const serviceUserActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'AddUserToVpcEndpointService',
    kind: 'change',
    errorCodes: [...SERVICE_CHANGE_CODES, 'Mismatch.UserIdAndUserArn', 'DryRunOperation'],
    params: UserParams,
    async handle(ctx, p) {
      await addServiceUser(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.ServiceId, { userId: p.UserId, userArn: p.UserARN });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'RemoveUserFromVpcEndpointService',
    kind: 'change',
    errorCodes: [...SERVICE_CHANGE_CODES, 'Mismatch.UserIdAndUserArn', 'DryRunOperation'],
    params: UserParams,
    async handle(ctx, p) {
      await removeServiceUser(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.ServiceId, { userId: p.UserId, userArn: p.UserARN });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointServiceUsers',
    kind: 'read',
    errorCodes: ['EndpointServiceNotFound'],
    params: {
      RegionId: RegionIdParam,
      ServiceId: idParam('epsrv'),
      UserId: UserIdParam,
      UserListType: { type: 'string', enum: ['Users', 'UserARNs'] },
      MaxResults: maxResultsParam(50),
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      const service = ownService(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.ServiceId);
      const arns = p.UserListType === 'UserARNs';
      const entries = service.users
        .filter((u) => (arns ? u.startsWith('acs:') : /^\d+$/.test(u)))
        .filter((u) => p.UserId === undefined || u === p.UserId || (arns && u.split(':')[3] === p.UserId))
        .sort();
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(entries, (u) => u, maxResults, p.NextToken);
      return {
        // UserId is a long in the cloud's model: a JSON number.
        Users: arns ? [] : page.items.map((u) => ({ UserId: Number(u) })),
        UserARNs: arns ? page.items.map((u) => ({ UserARN: u })) : [],
        NextToken: page.nextToken,
        MaxResults: maxResults,
        // A string in this response, as the cloud returns it.
        TotalCount: String(page.totalCount),
      };
    },
  }),
];
