import { CloudError } from '../errors/catalogue.js';
import type { Tag } from '../model/types.js';
import type { TagHolder, Tagged } from './tag-holders.js';
import { mergeTags, type TagFilter, type TagRules } from './tag-rules.js';
import type { Plane } from './plane.js';

/**
 * TagResources, UntagResources (UnTagResources in the VPC API) and
 * ListTagResources over any kind of resource that carries tags
 * (tag-holders.ts). A resource keeps its tags in its own document, so they
 * are written in the same transaction as the resource and its renderers read
 * them from there.
 */

export interface TagTarget {
  uid: string;
  regionId: string;
  holder: TagHolder;
  resourceIds: readonly string[];
  rules: TagRules;
}

/** Applies `change` to every resource in one transaction: all of them are tagged, or none. */
async function retag(plane: Plane, target: TagTarget, change: (tags: readonly Tag[]) => Tag[]): Promise<void> {
  const ids = [...new Set(target.resourceIds)];
  for (const id of ids) {
    const resource = target.holder.find(plane, target.uid, target.regionId, id);
    if (resource === undefined) throw new CloudError(target.rules.codes.notFound);
    change(resource.tags);
  }
  await plane.write(async (tx) => {
    const current: Tagged[] = [];
    for (const id of ids) {
      const resource = await target.holder.read(tx, id);
      if (resource === undefined || resource.uid !== target.uid) throw new CloudError(target.rules.codes.notFound);
      current.push(resource);
    }
    for (const resource of current) resource.write(tx, change(resource.tags));
  });
}

export async function tagResources(plane: Plane, target: TagTarget, tags: readonly Tag[]): Promise<void> {
  await retag(plane, target, (existing) => mergeTags(existing, tags, target.rules));
}

/** Removes the keys given, or every tag with `all`; keys a resource does not have are ignored. */
export async function untagResources(plane: Plane, target: TagTarget, keys: readonly string[], all: boolean): Promise<void> {
  const drop = new Set(keys);
  await retag(plane, target, (existing) => (all && keys.length === 0 ? [] : existing.filter((t) => !drop.has(t.key))));
}

export interface TagRow {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
}

export interface TagQuery {
  uid: string;
  regionId: string;
  holder: TagHolder;
  resourceIds: readonly string[];
  /** Tag.N: a resource must carry every one (value undefined: any value of the key). */
  filters: readonly TagFilter[];
  rules: TagRules;
}

/**
 * ListTagResources rows, one per (resource, tag), sorted by resource then key.
 * With Tag.N filters only the filtered keys are listed ("if you specify only
 * Tag.N.Key, all tag values associated with the key are returned").
 */
export function listTagRows(plane: Plane, query: TagQuery): TagRow[] {
  if (query.resourceIds.length === 0 && query.filters.length === 0) throw new CloudError(query.rules.codes.bothEmpty);
  const wanted = query.resourceIds.length === 0 ? undefined : new Set(query.resourceIds);
  const filterKeys = new Set(query.filters.map((f) => f.key));
  const rows: TagRow[] = [];
  for (const resource of query.holder.list(plane, query.uid, query.regionId)) {
    if (wanted !== undefined && !wanted.has(resource.id)) continue;
    const matches = query.filters.every((f) =>
      resource.tags.some((t) => t.key === f.key && (f.value === undefined || t.value === f.value)),
    );
    if (!matches) continue;
    for (const tag of resource.tags) {
      if (filterKeys.size === 0 || filterKeys.has(tag.key))
        rows.push({ resourceId: resource.id, resourceType: query.holder.type, key: tag.key, value: tag.value });
    }
  }
  return rows.sort((a, b) =>
    a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}
