import { PRIVATELINK_TAG_HOLDERS, type TagHolder } from '../../../control/tag-holders.js';
import { PRIVATELINK_TAG_RULES, checkTagFilters, checkTagKey, checkTags } from '../../../control/tag-rules.js';
import { listTagRows, tagResources, untagResources } from '../../../control/tags.js';
import { CloudError } from '../../../errors/catalogue.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DryRunParam, NextTokenParam, RegionIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { listPage } from '../paging.js';
import { PRIVATELINK_VERSION } from './version.js';
import { TAG_CODES } from './codes.js';

/**
 * TagResources / UntagResources / ListTagResources (Privatelink 2020-04-15).
 * TagResources and UntagResources send their parameters in the POST form body
 * (the API metadata's `in: formData`); the RPC route merges body and query.
 */

/** `vpcendpoint` | `vpcendpointservice`; the API's own spelling is lowercase, any case is taken. */
const ResourceTypeParam = { type: 'string', required: true, pattern: /^(vpcendpoint|vpcendpointservice)$/i } as const;
const ResourceIdParam = { type: 'list', maxItems: 50, item: { type: 'string', pattern: /^(ep|epsrv)-[a-z0-9]{1,40}$/ } } as const;
const TagParam = { type: 'objects', maxItems: 20, fields: { Key: { type: 'string' }, Value: { type: 'string' } } } as const;

/** Rows per ListTagResources page (the action takes no MaxResults). */
const TAG_ROWS_PER_PAGE = 50;

function holderOf(text: string): TagHolder {
  return PRIVATELINK_TAG_HOLDERS[text.toLowerCase()]!;
}

function requireIds(ids: string[]): string[] {
  if (ids.length === 0) throw new CloudError('MissingParam', { param: 'ResourceId.1' });
  return ids;
}

export const tagActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'TagResources',
    kind: 'change',
    errorCodes: [...TAG_CODES, 'InvalidResourceId.NotFound', 'QuotaExceed.TagsPerResource', 'DryRunOperation'],
    params: {
      RegionId: RegionIdParam,
      ResourceType: ResourceTypeParam,
      ResourceId: ResourceIdParam,
      Tag: TagParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const tags = checkTags(
        p.Tag.map((t) => ({ key: t.Key, value: t.Value })),
        PRIVATELINK_TAG_RULES,
      );
      if (tags.length === 0) throw new CloudError('MissingTagKeyParam');
      await tagResources(
        ctx.deps.plane,
        {
          uid: ctx.caller.account.uid,
          regionId: p.RegionId,
          holder: holderOf(p.ResourceType),
          resourceIds: requireIds(p.ResourceId),
          rules: PRIVATELINK_TAG_RULES,
        },
        tags,
      );
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'UntagResources',
    kind: 'change',
    errorCodes: ['MissingTagKeyParam', 'IllegalTagKeyParam', 'DuplicatedTagKey', 'InvalidResourceId.NotFound', 'DryRunOperation'],
    params: {
      RegionId: RegionIdParam,
      ResourceType: ResourceTypeParam,
      ResourceId: ResourceIdParam,
      TagKey: { type: 'list', maxItems: 20, item: { type: 'string' } },
      All: { type: 'boolean' },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      for (const key of p.TagKey) checkTagKey(key, PRIVATELINK_TAG_RULES);
      if (new Set(p.TagKey).size !== p.TagKey.length) throw new CloudError('DuplicatedTagKey');
      if (p.TagKey.length === 0 && p.All !== true) throw new CloudError('MissingTagKeyParam');
      await untagResources(
        ctx.deps.plane,
        {
          uid: ctx.caller.account.uid,
          regionId: p.RegionId,
          holder: holderOf(p.ResourceType),
          resourceIds: requireIds(p.ResourceId),
          rules: PRIVATELINK_TAG_RULES,
        },
        p.TagKey,
        p.All === true,
      );
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListTagResources',
    kind: 'read',
    errorCodes: ['MissingTagKeyParam', 'IllegalTagKeyParam', 'DuplicatedTagKey', 'MissingResourceIdOrTagParam'],
    params: {
      RegionId: RegionIdParam,
      ResourceType: ResourceTypeParam,
      ResourceId: ResourceIdParam,
      Tag: TagParam,
      NextToken: NextTokenParam,
      ClientToken: ClientTokenParam,
    },
    async handle(ctx, p) {
      // "If you specify only Tag.N.Value, an error message is returned."
      const filters = checkTagFilters(
        p.Tag.map((t) => ({ key: t.Key, value: t.Value })),
        PRIVATELINK_TAG_RULES,
      );
      const rows = listTagRows(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        holder: holderOf(p.ResourceType),
        resourceIds: p.ResourceId,
        filters,
        rules: PRIVATELINK_TAG_RULES,
      });
      const page = listPage(rows, (r) => `${r.resourceId}|${r.key}`, TAG_ROWS_PER_PAGE, p.NextToken);
      return {
        NextToken: page.wire.NextToken,
        TagResources: page.items.map((r) => ({ ResourceId: r.resourceId, ResourceType: r.resourceType, TagKey: r.key, TagValue: r.value })),
      };
    },
  }),
];
