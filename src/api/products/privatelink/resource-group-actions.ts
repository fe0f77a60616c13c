import { RESOURCE_GROUP_ID, moveToResourceGroup } from '../../../control/resource-groups.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import type { ApiDeps } from '../deps.js';
import { PRIVATELINK_VERSION } from './version.js';

/**
 * ChangeResourceGroup (https://api.aliyun.com/api/Privatelink/2020-04-15/ChangeResourceGroup):
 * an endpoint (ResourceType VpcEndpoint, the default) or a service
 * (VpcEndpointService) moves to another group. Missing parameters answer the
 * action's own MissingParameter.* codes, so they are checked here.
 */
export const resourceGroupActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ChangeResourceGroup',
    kind: 'change',
    errorCodes: [
      'MissingParameter.ResourceId',
      'MissingParameter.ResourceGroupId',
      'MissingParameter.ResourceRegionId',
      'InvalidResourceGroup',
      'ResourceNotFound',
    ],
    params: {
      // The region the resource is in (the SDK sends RegionId).
      RegionId: { type: 'string', maxLength: 64 },
      ResourceType: { type: 'string', enum: ['VpcEndpoint', 'VpcEndpointService'] },
      ResourceId: { type: 'string', maxLength: 64 },
      ResourceGroupId: { type: 'string', maxLength: 64 },
    },
    async handle(ctx, p) {
      if (p.ResourceId === undefined) throw new CloudError('MissingParameter.ResourceId');
      if (p.ResourceGroupId === undefined) throw new CloudError('MissingParameter.ResourceGroupId');
      if (p.RegionId === undefined) throw new CloudError('MissingParameter.ResourceRegionId');
      if (!RESOURCE_GROUP_ID.test(p.ResourceGroupId)) throw new CloudError('InvalidResourceGroup');
      await moveToResourceGroup(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        kind: p.ResourceType === 'VpcEndpointService' ? 'service' : 'endpoint',
        resourceId: p.ResourceId,
        resourceGroupId: p.ResourceGroupId,
        notFound: 'ResourceNotFound',
      });
      return {};
    },
  }),
];
