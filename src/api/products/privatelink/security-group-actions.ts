import { ownEndpoint } from '../../../control/endpoint-guards.js';
import { attachSecurityGroup, detachSecurityGroup, securityGroupRows } from '../../../control/security-groups.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ParamsOf } from '../../rpc/params.js';
import { ClientTokenParam, DryRunParam, RegionIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { listPage, pagingParams } from '../paging.js';
import { PRIVATELINK_VERSION } from './version.js';
import { ENDPOINT_CHANGE_CODES } from './codes.js';

const SecurityGroupIdParam = { type: 'string', required: true, pattern: /^sg-[a-z0-9]{1,40}$/ } as const;

const SecurityGroupChangeParams = {
  RegionId: RegionIdParam,
  EndpointId: idParam('ep'),
  SecurityGroupId: SecurityGroupIdParam,
  ClientToken: ClientTokenParam,
  DryRun: DryRunParam,
} as const;

/** What Attach… and Detach… ask of the control plane: the same fields. */
function securityGroupChange(uid: string, p: ParamsOf<typeof SecurityGroupChangeParams>): Parameters<typeof attachSecurityGroup>[1] {
  return { uid, regionId: p.RegionId, endpointId: p.EndpointId, securityGroupId: p.SecurityGroupId };
}

export const securityGroupActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'AttachSecurityGroupToVpcEndpoint',
    kind: 'change',
    errorCodes: [...ENDPOINT_CHANGE_CODES, 'SecurityGroupExist', 'QuotaMisMatched', 'DryRunOperation'],
    params: SecurityGroupChangeParams,
    async handle(ctx, p) {
      await attachSecurityGroup(ctx.deps.plane, securityGroupChange(ctx.caller.account.uid, p));
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DetachSecurityGroupFromVpcEndpoint',
    kind: 'change',
    errorCodes: [...ENDPOINT_CHANGE_CODES, 'SecurityGroupNotFound', 'EndpointMustContainSecurityGroup', 'DryRunOperation'],
    params: SecurityGroupChangeParams,
    async handle(ctx, p) {
      await detachSecurityGroup(ctx.deps.plane, securityGroupChange(ctx.caller.account.uid, p));
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointSecurityGroups',
    kind: 'read',
    errorCodes: ['EndpointNotFound'],
    // MaxResults 1..50 (the API metadata's schema maximum for this list).
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep'), ...pagingParams(50) },
    async handle(ctx, p) {
      const endpoint = ownEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId);
      const page = listPage(securityGroupRows(endpoint), (r) => r.securityGroupId, p.MaxResults, p.NextToken);
      return {
        ...page.wire,
        SecurityGroups: page.items.map((r) => ({ SecurityGroupId: r.securityGroupId, SecurityGroupStatus: r.securityGroupStatus })),
      };
    },
  }),
];
