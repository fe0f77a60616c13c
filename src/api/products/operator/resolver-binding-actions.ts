import { createResolverBinding, deleteResolverBinding } from '../../../control/resolver-bindings.js';
import type { ResolverBinding } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { DryRunParam, ZoneIdParam, idParam, optionalIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, listPage, pagingParams } from '../paging.js';
import { OPERATOR_VERSION } from './version.js';

function renderBinding(binding: ResolverBinding): Record<string, unknown> {
  return {
    BindingId: binding.bindingId,
    VpcId: binding.vpcId,
    RegionId: binding.regionId,
    SourceCidr: binding.sourceCidr,
    ZoneId: binding.zoneId ?? '',
    CreateTime: binding.createdAt,
  };
}

export const resolverBindingActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: OPERATOR_VERSION,
    name: 'CreateResolverBinding',
    kind: 'create',
    errorCodes: ['InvalidVpcId.NotFound', 'InvalidZoneId.NotFound', 'ResourceAlreadyExist.ResolverBinding', 'DryRunOperation'],
    operatorOnly: true,
    params: {
      RegionId: { type: 'string', maxLength: 64 },
      VpcId: idParam('vpc'),
      SourceCidr: { type: 'string', required: true, maxLength: 64 },
      ZoneId: ZoneIdParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const binding = await createResolverBinding(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vpcId: p.VpcId,
        sourceCidr: p.SourceCidr,
        zoneId: p.ZoneId,
      });
      return renderBinding(binding);
    },
  }),
  defineAction({
    version: OPERATOR_VERSION,
    name: 'DeleteResolverBinding',
    kind: 'change',
    errorCodes: ['ResourceNotFound.ResolverBinding', 'DryRunOperation'],
    operatorOnly: true,
    params: { BindingId: idParam('rb'), DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteResolverBinding(ctx.deps.plane, p.BindingId);
      return {};
    },
  }),
  defineAction({
    version: OPERATOR_VERSION,
    name: 'ListResolverBindings',
    kind: 'read',
    errorCodes: [],
    operatorOnly: true,
    params: { RegionId: { type: 'string', maxLength: 64 }, VpcId: optionalIdParam('vpc'), ...pagingParams(50) },
    async handle(ctx, p) {
      // Bindings are infrastructure: every operator sees all of them.
      const bindings = [...ctx.deps.plane.replica.values('resolverBinding')].filter(
        (b) => (p.RegionId === undefined || b.regionId === p.RegionId) && (p.VpcId === undefined || b.vpcId === p.VpcId),
      );
      const page = listPage(
        bindings,
        byCreation((b) => b.bindingId),
        p.MaxResults,
        p.NextToken,
      );
      return { ...page.wire, ResolverBindings: page.items.map(renderBinding) };
    },
  }),
];
