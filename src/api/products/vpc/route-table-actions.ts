import { associateRouteTables, dissociateRouteTables, type RouteTableChange } from '../../../control/gateway-route-tables.js';
import { defineAction, type ActionContext, type ActionDefinition } from '../../rpc/action.js';
import type { ParamsOf } from '../../rpc/params.js';
import { ClientTokenParam, DryRunParam, RegionIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { VPC_VERSION } from './version.js';

/** Both actions take the same parameters (https://api.aliyun.com/api/Vpc/2016-04-28/AssociateRouteTablesWithVpcGatewayEndpoint). */
const RouteTableParams = {
  RegionId: RegionIdParam,
  EndpointId: idParam('vpce'),
  // RouteTableIds.N, at most 20: the VPC's `vtb-` route table (control/gateway-route-tables.ts).
  RouteTableIds: { type: 'list', required: true, maxItems: 20, item: { type: 'string', maxLength: 64 } },
  ClientToken: ClientTokenParam,
  DryRun: DryRunParam,
} as const;

function changeOf(ctx: ActionContext<ApiDeps>, action: string, p: ParamsOf<typeof RouteTableParams>): RouteTableChange {
  const uid = ctx.caller.account.uid;
  return {
    uid,
    regionId: p.RegionId,
    endpointId: p.EndpointId,
    routeTableIds: p.RouteTableIds,
  };
}

/** Route tables of OSS gateway endpoints. */
export const routeTableActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'AssociateRouteTablesWithVpcGatewayEndpoint',
    kind: 'change',
    errorCodes: [
      'ResourceNotFound.GatewayEndpoint',
      'ResourceNotFound.RouteTable',
      'Mismatch.VpcAndRouteTable',
      'ResourceAlreadyExist.Association',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: RouteTableParams,
    async handle(ctx, p) {
      await associateRouteTables(ctx.deps.plane, changeOf(ctx, 'AssociateRouteTablesWithVpcGatewayEndpoint', p));
      return {};
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DissociateRouteTablesFromVpcGatewayEndpoint',
    kind: 'change',
    errorCodes: [
      'ResourceNotFound.GatewayEndpoint',
      'ResourceNotFound.RouteTable',
      'ResourceNotFound.Association',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: RouteTableParams,
    async handle(ctx, p) {
      await dissociateRouteTables(ctx.deps.plane, changeOf(ctx, 'DissociateRouteTablesFromVpcGatewayEndpoint', p));
      return {};
    },
  }),
];
