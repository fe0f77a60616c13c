import { CloudError, type ErrorCode } from '../errors/catalogue.js';
import type { Tag } from '../model/types.js';

/**
 * What a tag may be, per product, and the codes each product answers when it
 * is not. PrivateLink and VPC check the same things but name them differently
 * (https://api.aliyun.com/api/Privatelink/2020-04-15/TagResources,
 * https://api.aliyun.com/api/Vpc/2016-04-28/TagResources).
 */
export interface TagRules {
  maxKeyLength: number;
  maxValueLength: number;
  /** The VPC API also refuses values starting with `aliyun` / `acs:`; PrivateLink only keys. */
  reservedValuePrefix: boolean;
  codes: {
    missingKey: ErrorCode;
    badKey: ErrorCode;
    badValue: ErrorCode;
    duplicateKey: ErrorCode;
    /** More than MAX_TAGS_PER_RESOURCE on one resource. */
    perResource: ErrorCode;
    /** A ResourceId.N that is not the caller's resource of that type in the region. */
    notFound: ErrorCode;
    /** ListTagResources with neither ResourceId.N nor Tag.N. */
    bothEmpty: ErrorCode;
  };
}

/** Privatelink 2020-04-15: keys ≤ 64, values ≤ 128. */
export const PRIVATELINK_TAG_RULES: TagRules = {
  maxKeyLength: 64,
  maxValueLength: 128,
  reservedValuePrefix: false,
  codes: {
    missingKey: 'MissingTagKeyParam',
    badKey: 'IllegalTagKeyParam',
    badValue: 'IllegalTagValueParam',
    duplicateKey: 'DuplicatedTagKey',
    perResource: 'QuotaExceed.TagsPerResource',
    notFound: 'InvalidResourceId.NotFound',
    bothEmpty: 'MissingResourceIdOrTagParam',
  },
};

/** VPC 2016-04-28: keys and values ≤ 128, neither starting with `aliyun` / `acs:`. */
export const VPC_TAG_RULES: TagRules = {
  maxKeyLength: 128,
  maxValueLength: 128,
  reservedValuePrefix: true,
  codes: {
    missingKey: 'MissingParameter.TagKey',
    badKey: 'InvalidTagKey',
    badValue: 'InvalidTagValue',
    duplicateKey: 'Forbidden.TagKey.Duplicated',
    perResource: 'QuotaExceeded.TagNum',
    notFound: 'InvalidInstanceIds.NotFound',
    bothEmpty: 'BothEmpty.TagsAndResources',
  },
};

/** Both products: 20 tags per resource, 20 per call. */
export const MAX_TAGS_PER_RESOURCE = 20;

const RESERVED_PREFIX = /^(aliyun|acs:)/i;
const URL_TEXT = /https?:\/\//i;

/** Checks Tag.N as given (a Key is required) and returns them as tags. */
export function checkTags(given: ReadonlyArray<{ key: string | undefined; value: string | undefined }>, rules: TagRules): Tag[] {
  const seen = new Set<string>();
  return given.map(({ key, value }) => {
    if (key === undefined || key === '') throw new CloudError(rules.codes.missingKey);
    checkTagKey(key, rules);
    const text = value ?? '';
    if (text.length > rules.maxValueLength || URL_TEXT.test(text) || (rules.reservedValuePrefix && RESERVED_PREFIX.test(text))) {
      throw new CloudError(rules.codes.badValue);
    }
    if (seen.has(key)) throw new CloudError(rules.codes.duplicateKey);
    seen.add(key);
    return { key, value: text };
  });
}

export function checkTagKey(key: string, rules: TagRules): void {
  if (key.length > rules.maxKeyLength || RESERVED_PREFIX.test(key) || URL_TEXT.test(key)) throw new CloudError(rules.codes.badKey);
}

/**
 * Tag filters of a list call: a Key is required, a Value is optional (any value of the key).
 * A missing or repeated key answers the rules' codes unless the action documents another
 * (`codes`: DescribeVpcs and DescribeVSwitches document only InvalidTagKey / InvalidTagValue).
 */
export function checkTagFilters(
  given: ReadonlyArray<{ key: string | undefined; value: string | undefined }>,
  rules: TagRules,
  codes: { missingKey: ErrorCode; duplicateKey: ErrorCode } = rules.codes,
): TagFilter[] {
  const filters = given.map(({ key, value }) => {
    if (key === undefined || key === '') throw new CloudError(codes.missingKey);
    checkTagKey(key, rules);
    return { key, value };
  });
  if (new Set(filters.map((f) => f.key)).size !== filters.length) throw new CloudError(codes.duplicateKey);
  return filters;
}

/** Adds or overwrites; more than MAX_TAGS_PER_RESOURCE is refused. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[], rules: TagRules): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t.value]));
  for (const tag of added) byKey.set(tag.key, tag.value);
  if (byKey.size > MAX_TAGS_PER_RESOURCE) throw new CloudError(rules.codes.perResource);
  return [...byKey].map(([key, value]) => ({ key, value }));
}

export interface TagFilter {
  key: string;
  /** Undefined: any value of the key. */
  value: string | undefined;
}

/** Every filter is carried by the resource (several filters: AND). */
export function matchesTagFilters(tags: readonly Tag[], filters: readonly TagFilter[]): boolean {
  return filters.every((f) => tags.some((t) => t.key === f.key && (f.value === undefined || t.value === f.value)));
}
