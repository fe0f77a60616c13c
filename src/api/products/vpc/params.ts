import { CloudError, type AnsweredCode } from '../../../errors/catalogue.js';
import { VPC_TAG_RULES, checkTagFilters, type TagFilter } from '../../../control/tag-rules.js';
import type { ObjectListSpec, ParamsOf, StringSpec } from '../../rpc/params.js';

/** Parameter specs the VPC 2016-04-28 actions share (names and bounds of https://api.aliyun.com/product/Vpc). */

/**
 * plinkd models no Resource Manager: any well-formed `rg-…` id names a resource
 * group (as any `sg-…` id names a security group); others answer the VPC API's
 * InvalidResourceGroupId.
 */
export const ResourceGroupIdParam = {
  type: 'string',
  check: (text: string) => (/^rg-[a-z0-9]{1,40}$/.test(text) ? undefined : new CloudError('InvalidResourceGroupId')),
} as const satisfies StringSpec;

/** Tag.N.Key / Tag.N.Value, at most 20; their content is checked with the VPC API's codes (control/tag-rules.ts). */
export const TagParam = {
  type: 'objects',
  maxItems: 20,
  fields: { Key: { type: 'string' }, Value: { type: 'string' } },
} as const satisfies ObjectListSpec;

/** VpcOwnerId / VSwitchOwnerId: an account id (a long in the SDKs; 16 digits exceed the integer spec's 15). */
export const OwnerIdParam = { type: 'string', pattern: /^\d{1,19}$/ } as const satisfies StringSpec;

/** Ipv6Isp: BGP, ChinaMobile, ChinaUnicom, ChinaTelecom (plinkd serves BGP only: control/vpc-ipv6.ts). */
export const Ipv6IspParam = { type: 'string', enum: ['BGP', 'ChinaMobile', 'ChinaUnicom', 'ChinaTelecom'] } as const satisfies StringSpec;

/** The codes a VPC action's Tag.N can answer (control/tag-rules.ts VPC_TAG_RULES). */
export const VPC_TAG_CODES = [
  'MissingParameter.TagKey',
  'InvalidTagKey',
  'InvalidTagValue',
  'Forbidden.TagKey.Duplicated',
] as const satisfies readonly AnsweredCode[];

/** A Tag.N filter without a key, or with a key twice: DescribeVpcs and DescribeVSwitches document InvalidTagKey only. */
export const FILTER_KEY_CODES = { missingKey: 'InvalidTagKey', duplicateKey: 'InvalidTagKey' } as const;

/** DescribeVpcs' and DescribeVSwitches' Tag.N filters, checked with the codes they document. */
export function tagFiltersOf(tags: ParamsOf<{ Tag: typeof TagParam }>['Tag']): TagFilter[] {
  return checkTagFilters(
    tags.map((t) => ({ key: t.Key, value: t.Value })),
    VPC_TAG_RULES,
    FILTER_KEY_CODES,
  );
}
