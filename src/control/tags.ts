import { CloudError } from '../errors/catalogue.js';
import type { Endpoint, EndpointService, Tag } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';

/**
 * Tags on PrivateLink endpoints and services (TagResources, UntagResources,
 * ListTagResources) and the tag checks other creates share. A resource keeps
 * its tags in its own document (`tags`), so they are written in the same
 * transaction as the resource and list renderers read them from there.
 */

export interface TagRules {
  maxKeyLength: number;
  maxValueLength: number;
  /** The VPC API also refuses values starting with `aliyun` / `acs:`; PrivateLink only keys. */
  reservedValuePrefix: boolean;
}

/** Privatelink 2020-04-15: keys ≤ 64, values ≤ 128 (https://api.aliyun.com/product/Privatelink, TagResources). */
export const PRIVATELINK_TAG_RULES: TagRules = { maxKeyLength: 64, maxValueLength: 128, reservedValuePrefix: false };
/** VPC 2016-04-28: keys and values ≤ 128, neither starting with `aliyun` / `acs:`. */
export const VPC_TAG_RULES: TagRules = { maxKeyLength: 128, maxValueLength: 128, reservedValuePrefix: true };
export const MAX_TAGS_PER_RESOURCE = 20;

const RESERVED_PREFIX = /^(aliyun|acs:)/i;
const URL_TEXT = /https?:\/\//i;

/** Checks Tag.N as given (Key missing → MissingTagKeyParam) and returns them as tags. */
export function checkTags(given: ReadonlyArray<{ key: string | undefined; value: string | undefined }>, rules: TagRules): Tag[] {
  const seen = new Set<string>();
  return given.map(({ key, value }) => {
    if (key === undefined || key === '') throw new CloudError('MissingTagKeyParam');
    checkTagKey(key, rules);
    const text = value ?? '';
    if (text.length > rules.maxValueLength || URL_TEXT.test(text) || (rules.reservedValuePrefix && RESERVED_PREFIX.test(text))) {
      throw new CloudError('IllegalTagValueParam');
    }
    if (seen.has(key)) throw new CloudError('DuplicatedTagKey');
    seen.add(key);
    return { key, value: text };
  });
}

export function checkTagKey(key: string, rules: TagRules): void {
  if (key.length > rules.maxKeyLength || RESERVED_PREFIX.test(key) || URL_TEXT.test(key)) throw new CloudError('IllegalTagKeyParam');
}

/** Adds or overwrites; more than MAX_TAGS_PER_RESOURCE answers QuotaExceed.TagsPerResource. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t.value]));
  for (const tag of added) byKey.set(tag.key, tag.value);
  if (byKey.size > MAX_TAGS_PER_RESOURCE) throw new CloudError('QuotaExceed.TagsPerResource');
  return [...byKey].map(([key, value]) => ({ key, value }));
}

export type TaggableType = 'vpcendpoint' | 'vpcendpointservice';
type Taggable = Endpoint | EndpointService;

function idOf(resource: Taggable): string {
  return 'endpointId' in resource ? resource.endpointId : resource.serviceId;
}

/** The caller's own resource of that type in the region, from the replica. */
function ownTaggable(plane: Plane, uid: string, regionId: string, type: TaggableType, id: string): Taggable | undefined {
  const doc = type === 'vpcendpoint' ? plane.replica.get('endpoint', id) : plane.replica.get('service', id);
  return doc !== undefined && doc.uid === uid && doc.regionId === regionId ? doc : undefined;
}

async function readTaggable(tx: Transaction, type: TaggableType, id: string): Promise<Taggable | undefined> {
  return type === 'vpcendpoint' ? tx.get('endpoint', id) : tx.get('service', id);
}

function writeTags(tx: Transaction, resource: Taggable, tags: Tag[]): void {
  if ('endpointId' in resource) tx.put('endpoint', resource.endpointId, { ...resource, tags });
  else tx.put('service', resource.serviceId, { ...resource, tags });
}

export interface TagTarget {
  uid: string;
  regionId: string;
  resourceType: TaggableType;
  resourceIds: readonly string[];
  dryRun: boolean;
}

/** Applies `change` to every resource in one transaction: all of them are tagged, or none. */
async function retag(plane: Plane, target: TagTarget, change: (tags: readonly Tag[]) => Tag[]): Promise<void> {
  const ids = [...new Set(target.resourceIds)];
  for (const id of ids) {
    const resource = ownTaggable(plane, target.uid, target.regionId, target.resourceType, id);
    if (resource === undefined) throw new CloudError('InvalidResourceId.NotFound');
    change(resource.tags);
  }
  if (target.dryRun) throw new CloudError('DryRunOperation');
  await plane.write(async (tx) => {
    for (const id of ids) {
      const resource = await readTaggable(tx, target.resourceType, id);
      if (resource === undefined || resource.uid !== target.uid) throw new CloudError('InvalidResourceId.NotFound');
      writeTags(tx, resource, change(resource.tags));
    }
  });
}

export async function tagResources(plane: Plane, target: TagTarget, tags: readonly Tag[]): Promise<void> {
  if (tags.length === 0) throw new CloudError('MissingTagKeyParam');
  await retag(plane, target, (existing) => mergeTags(existing, tags));
}

/** Removes the keys given, or every tag with `all`; keys a resource does not have are ignored. */
export async function untagResources(plane: Plane, target: TagTarget, keys: readonly string[], all: boolean): Promise<void> {
  if (keys.length === 0 && !all) throw new CloudError('MissingTagKeyParam');
  const drop = new Set(keys);
  await retag(plane, target, (existing) => (keys.length === 0 ? [] : existing.filter((t) => !drop.has(t.key))));
}

export interface TagRow {
  resourceId: string;
  resourceType: TaggableType;
  key: string;
  value: string;
}

export interface TagQuery {
  uid: string;
  regionId: string;
  resourceType: TaggableType;
  resourceIds: readonly string[];
  /** Tag.N: a resource must carry every one (value undefined: any value of the key). */
  filters: ReadonlyArray<{ key: string; value: string | undefined }>;
}

/**
 * ListTagResources rows, one per (resource, tag), sorted by resource then key.
 * With Tag.N filters only the filtered keys are listed ("if you specify only
 * Tag.N.Key, all tag values associated with the key are returned").
 */
export function listTagRows(plane: Plane, query: TagQuery): TagRow[] {
  if (query.resourceIds.length === 0 && query.filters.length === 0) throw new CloudError('MissingResourceIdOrTagParam');
  const wanted = query.resourceIds.length === 0 ? undefined : new Set(query.resourceIds);
  const candidates: Taggable[] =
    query.resourceType === 'vpcendpoint' ? plane.replica.ownedBy('endpoint', query.uid) : plane.replica.ownedBy('service', query.uid);
  const filterKeys = new Set(query.filters.map((f) => f.key));
  const rows: TagRow[] = [];
  for (const resource of candidates) {
    const resourceId = idOf(resource);
    if (resource.regionId !== query.regionId || (wanted !== undefined && !wanted.has(resourceId))) continue;
    const matches = query.filters.every((f) =>
      resource.tags.some((t) => t.key === f.key && (f.value === undefined || t.value === f.value)),
    );
    if (!matches) continue;
    for (const tag of resource.tags) {
      if (filterKeys.size === 0 || filterKeys.has(tag.key))
        rows.push({ resourceId, resourceType: query.resourceType, key: tag.key, value: tag.value });
    }
  }
  return rows.sort((a, b) =>
    a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}
