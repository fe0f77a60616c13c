import { VPC_TAG_HOLDERS, type TagHolder } from '../../../control/tag-holders.js';
import { MAX_TAGS_PER_RESOURCE, VPC_TAG_RULES, checkTagFilters, checkTagKey, checkTags } from '../../../control/tag-rules.js';
import { listTagRows, tagResources, untagResources } from '../../../control/tags.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { RegionIdParam, maxResultsParam, NextTokenParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { listPage } from '../paging.js';
import { VPC_VERSION } from './version.js';

/**
 * The VPC product's own TagResources / UnTagResources (capital T) /
 * ListTagResources (https://api.aliyun.com/api/Vpc/2016-04-28/TagResources):
 * upper-case resource types, its own codes, `TagResources: {TagResource: [...]}`.
 */

/** Resource ids and tags per call: 50 and 20 (https://api.aliyun.com/api/Vpc/2016-04-28/TagResources). */
const MAX_RESOURCE_IDS = 50;

// Generous list bounds: the counts are checked below, with the API's own codes.
const ResourceIdParam = { type: 'list', maxItems: 100, item: { type: 'string', maxLength: 64 } } as const;
const TagParam = { type: 'objects', maxItems: 100, fields: { Key: { type: 'string' }, Value: { type: 'string' } } } as const;
const ResourceTypeParam = { type: 'string', required: true, maxLength: 64 } as const;

/** VPC, VSWITCH, ROUTETABLE or GATEWAYENDPOINT, in any case; other types (EIP, NATGATEWAY, …) are not modelled. */
function holderOf(resourceType: string): TagHolder {
  const holder = VPC_TAG_HOLDERS[resourceType.toUpperCase()];
  if (holder === undefined) throw new CloudError('InvalidInstanceType.NotFound');
  return holder;
}

function checkResourceIds(ids: string[], required: boolean): string[] {
  if (ids.length === 0 && required) throw new CloudError('MissingParam', { param: 'ResourceId' });
  if (ids.length > MAX_RESOURCE_IDS) throw new CloudError('SizeLimitExceeded.ResourceId');
  return ids;
}

function checkTagCount<T>(tags: T[]): T[] {
  if (tags.length > MAX_TAGS_PER_RESOURCE) throw new CloudError('SizeLimitExceeded.TagNum');
  return tags;
}

export const vpcTagActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'TagResources',
    kind: 'change',
    errorCodes: [
      'InvalidInstanceType.NotFound',
      'InvalidInstanceIds.NotFound',
      'SizeLimitExceeded.ResourceId',
      'SizeLimitExceeded.TagNum',
      'MissingParameter.TagKey',
      'InvalidTagKey',
      'InvalidTagValue',
      'Forbidden.TagKey.Duplicated',
      'QuotaExceeded.TagNum',
    ],
    params: { RegionId: RegionIdParam, ResourceType: ResourceTypeParam, ResourceId: ResourceIdParam, Tag: TagParam },
    async handle(ctx, p) {
      const holder = holderOf(p.ResourceType);
      const resourceIds = checkResourceIds(p.ResourceId, true);
      if (p.Tag.length === 0) throw new CloudError('MissingParam', { param: 'Tags' });
      const tags = checkTags(
        checkTagCount(p.Tag).map((t) => ({ key: t.Key, value: t.Value })),
        VPC_TAG_RULES,
      );
      const target = { uid: ctx.caller.account.uid, regionId: p.RegionId, holder, resourceIds, rules: VPC_TAG_RULES };
      await tagResources(ctx.deps.plane, target, tags);
      return {};
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'UnTagResources',
    kind: 'change',
    errorCodes: [
      'InvalidInstanceType.NotFound',
      'InvalidInstanceIds.NotFound',
      'SizeLimitExceeded.ResourceId',
      'SizeLimitExceeded.TagNum',
      'InvalidTagKey',
    ],
    params: {
      RegionId: RegionIdParam,
      ResourceType: ResourceTypeParam,
      ResourceId: ResourceIdParam,
      TagKey: { type: 'list', maxItems: 100, item: { type: 'string' } },
      All: { type: 'boolean' },
    },
    async handle(ctx, p) {
      const holder = holderOf(p.ResourceType);
      const resourceIds = checkResourceIds(p.ResourceId, true);
      for (const key of checkTagCount(p.TagKey)) checkTagKey(key, VPC_TAG_RULES);
      if (p.TagKey.length === 0 && p.All !== true) throw new CloudError('MissingParam', { param: 'TagKey' });
      const target = { uid: ctx.caller.account.uid, regionId: p.RegionId, holder, resourceIds, rules: VPC_TAG_RULES };
      await untagResources(ctx.deps.plane, target, p.TagKey, p.All === true);
      return {};
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'ListTagResources',
    kind: 'read',
    errorCodes: [
      'InvalidInstanceType.NotFound',
      'SizeLimitExceeded.ResourceId',
      'SizeLimitExceeded.TagNum',
      'InvalidTagKey',
      'Forbidden.TagKey.Duplicated',
      'BothEmpty.TagsAndResources',
    ],
    params: {
      RegionId: RegionIdParam,
      ResourceType: ResourceTypeParam,
      ResourceId: ResourceIdParam,
      Tag: TagParam,
      MaxResults: maxResultsParam(50),
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      const holder = holderOf(p.ResourceType);
      const filters = checkTagFilters(
        checkTagCount(p.Tag).map((t) => ({ key: t.Key, value: t.Value })),
        VPC_TAG_RULES,
        { missingKey: 'InvalidTagKey', duplicateKey: 'Forbidden.TagKey.Duplicated' },
      );
      const rows = listTagRows(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        holder,
        resourceIds: checkResourceIds(p.ResourceId, false),
        filters,
        rules: VPC_TAG_RULES,
      });
      const page = listPage(rows, (r) => `${r.resourceId}|${r.key}`, p.MaxResults, p.NextToken);
      return {
        NextToken: page.wire.NextToken,
        TagResources: {
          TagResource: page.items.map((r) => ({
            ResourceId: r.resourceId,
            ResourceType: r.resourceType,
            TagKey: r.key,
            TagValue: r.value,
          })),
        },
      };
    },
  }),
];
