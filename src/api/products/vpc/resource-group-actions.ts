import { moveToResourceGroup, type GroupedKind } from '../../../control/resource-groups.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { RegionIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { ResourceGroupIdParam } from './params.js';
import { VPC_VERSION } from './version.js';

/** MoveResourceGroup's ResourceType values plinkd models; the others it lists (Eip, HaVip, …) it has no resources of. */
const MOVABLE: Readonly<Record<string, GroupedKind>> = { vpc: 'vpc', gatewayendpoint: 'gatewayEndpoint' };

/** MoveResourceGroup (https://api.aliyun.com/api/Vpc/2016-04-28/MoveResourceGroup): a VPC or gateway endpoint changes group. */
export const vpcResourceGroupActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'MoveResourceGroup',
    kind: 'change',
    errorCodes: ['InvalidResourceGroupId', 'InvalidResourceId.NotFound', 'IllegalParam.ResourceType'],
    params: {
      RegionId: RegionIdParam,
      ResourceType: { type: 'string', required: true, maxLength: 64 },
      ResourceId: { type: 'string', required: true, maxLength: 64 },
      NewResourceGroupId: { ...ResourceGroupIdParam, required: true },
    },
    async handle(ctx, p) {
      const kind = MOVABLE[p.ResourceType.toLowerCase()];
      if (kind === undefined)
        throw new CloudError('IllegalParam', { param: 'ResourceType', reason: 'names a resource type plinkd does not have' });
      await moveToResourceGroup(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        kind,
        resourceId: p.ResourceId,
        resourceGroupId: p.NewResourceGroupId,
        notFound: 'InvalidResourceId.NotFound',
      });
      return {};
    },
  }),
];
