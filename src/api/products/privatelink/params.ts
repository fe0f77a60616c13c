import { matchesTagFilters } from '../../../control/tag-rules.js';
import { CloudError } from '../../../errors/catalogue.js';
import type { ObjectListSpec, StringSpec } from '../../rpc/params.js';

/** Parameter specs the Privatelink actions share (names and bounds of the 2020-04-15 API). */

export const ResourceTypeParam = { type: 'string', enum: ['slb', 'alb', 'nlb', 'gwlb'] } as const satisfies StringSpec;
export const AddressIpVersionParam = { type: 'string', enum: ['IPv4', 'DualStack'] } as const satisfies StringSpec;
export const ResourceIdParam = { type: 'string', pattern: /^[a-z]{2,6}-[a-z0-9]{1,40}$/ } as const satisfies StringSpec;
export const ResourceGroupIdParam = { type: 'string', pattern: /^rg-[a-z0-9]{1,40}$/ } as const satisfies StringSpec;
export const UserIdParam = { type: 'string', pattern: /^\d{16}$/ } as const satisfies StringSpec;
export const UserArnParam = { type: 'string', maxLength: 256, pattern: /^acs:ram:[^:]*:(\d{16}|\*):.+$/ } as const satisfies StringSpec;
export const TrafficControlModeParam = { type: 'string', enum: ['Scalability', 'BandwidthLimit'] } as const satisfies StringSpec;
export const IpParam = { type: 'string', maxLength: 64, pattern: /^[0-9.]{7,15}$/ } as const satisfies StringSpec;
export const Ipv6Param = { type: 'string', maxLength: 64, pattern: /^[0-9a-fA-F:.]{2,45}$/ } as const satisfies StringSpec;

/**
 * Tag.N.Key / Tag.N.Value (at most 20). Keys: 1–64 characters, not starting
 * with `aliyun` or `acs:`, no `http://` / `https://`; values up to 128 and may be empty.
 */
export const TagsParam = {
  type: 'objects',
  maxItems: 20,
  fields: {
    Key: { type: 'string', required: true, maxLength: 64, pattern: /^(?!aliyun|acs:)(?![\s\S]*https?:\/\/)[\s\S]+$/ },
    Value: { type: 'string', maxLength: 128, pattern: /^(?![\s\S]*https?:\/\/)[\s\S]*$/ },
  },
} as const satisfies ObjectListSpec;

/** Tag filter of the List* actions: Key alone matches any value. */
export const TagFilterParam = {
  type: 'objects',
  maxItems: 20,
  fields: { Key: { type: 'string', required: true, maxLength: 64 }, Value: { type: 'string', maxLength: 128 } },
} as const satisfies ObjectListSpec;

export function toTags(tags: ReadonlyArray<{ Key: string; Value: string | undefined }>): Array<{ key: string; value: string }> {
  const byKey = new Map<string, string>();
  for (const tag of tags) byKey.set(tag.Key, tag.Value ?? '');
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** Every filter tag present on the resource (several tags: AND). */
export function matchesTags(
  tags: ReadonlyArray<{ key: string; value: string }>,
  filter: ReadonlyArray<{ Key: string; Value: string | undefined }>,
): boolean {
  return matchesTagFilters(
    tags,
    filter.map((f) => ({ key: f.Key, value: f.Value })),
  );
}

/** A DNS name (RFC 1035 §2.3.1 labels, RFC 1123 leading digits), at most 253 characters. */
export const DomainNameParam = {
  type: 'string',
  maxLength: 254,
  pattern: /^(?=.{1,253}\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/,
} as const satisfies StringSpec;

/** Served regions other than the service's own: plinkd has no cross-region services. */
export function refuseOtherRegions(param: string, regions: readonly string[], own: string): void {
  if (regions.some((r) => r !== own))
    throw new CloudError('IllegalParam', { param, reason: 'names another region: cross-region services are not supported' });
}
