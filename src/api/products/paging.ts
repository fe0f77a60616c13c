import { CloudError } from '../../errors/catalogue.js';
import { NextTokenParam, maxResultsParam } from './common-params.js';

export interface Page<T> {
  items: T[];
  /** Empty string on the last page, as the cloud returns it. */
  nextToken: string;
  totalCount: number;
}

/**
 * The kind of a refused MaxResults / NextToken: the gateway's IllegalParamFormat, or
 * IllegalParam where the product documents it (VPC's ListVpcGatewayEndpoints:
 * IllegalParam.MaxResults, IllegalParam.NextToken).
 */
export type PagingRefusal = 'IllegalParamFormat' | 'IllegalParam';

/**
 * Keyset paging (`MaxResults` / `NextToken`): the token names the last item
 * served, so items created between calls never shift a page. Items must come
 * sorted by `keyOf`.
 */
export function paginate<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  maxResults: number,
  nextToken: string | undefined,
  refusal: PagingRefusal = 'IllegalParamFormat',
): Page<T> {
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const after = decodeToken(nextToken, refusal);
    start = sorted.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + maxResults);
  const more = start + maxResults < sorted.length;
  return { items, nextToken: more ? encodeToken(keyOf(items[items.length - 1]!)) : '', totalCount: sorted.length };
}

function encodeToken(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

function decodeToken(token: string, refusal: PagingRefusal): string {
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  if (!text.startsWith('k:')) throw new CloudError(refusal, { param: 'NextToken', reason: 'is not a token this API issued' });
  return text.slice(2);
}

/** MaxResults within 1..max, for lists that refuse it with their own kind (see PagingRefusal). */
export function checkMaxResults(maxResults: number | undefined, max: number, refusal: PagingRefusal): void {
  if (maxResults !== undefined && (maxResults < 1 || maxResults > max))
    throw new CloudError(refusal, { param: 'MaxResults', reason: `must be 1-${max}` });
}

/** Sort key: creation time, then id — stable and unique. */
export function byCreation<T extends { createdAt: string }>(idOf: (item: T) => string): (item: T) => string {
  return (item) => `${item.createdAt}|${idOf(item)}`;
}

/** Sorts a copy by the key paginate() will use. */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/**
 * `MaxResults` (1..max; out of range → IllegalParamFormat.MaxResults) and
 * `NextToken`, as PrivateLink's List* actions declare them. docs/api.md caps
 * MaxResults at 50, which the reference confirms for most lists.
 */
export const pagingParams = (max = 50) => ({ MaxResults: maxResultsParam(max), NextToken: NextTokenParam }) as const;

export interface ListPage<T> {
  items: T[];
  /** The response fields, as the cloud names them. */
  wire: { NextToken: string; MaxResults: number; TotalCount: number };
}

/** One page of a PrivateLink-style list: `maxResults` defaults to 50 (the reference's default everywhere). */
export function listPage<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  maxResults: number | undefined,
  nextToken: string | undefined,
  defaultMax = 50,
  refusal: PagingRefusal = 'IllegalParamFormat',
): ListPage<T> {
  const size = maxResults ?? defaultMax;
  const page = paginate(sortedBy(items, keyOf), keyOf, size, nextToken, refusal);
  return { items: page.items, wire: { NextToken: page.nextToken, MaxResults: size, TotalCount: page.totalCount } };
}

/** Page-number paging of the VPC API's Describe* (PageNumber from 1, PageSize ≤ 50, default 10). */
export const pageNumberParams = {
  PageNumber: { type: 'integer', min: 1, max: 100_000 },
  PageSize: { type: 'integer', min: 1, max: 50 },
} as const;

export function pageByNumber<T>(sorted: readonly T[], pageNumber: number, pageSize: number): T[] {
  return sorted.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}

/** The VPC API's paged answer fields plus the page's items. */
export function numberedPage<T>(
  sorted: readonly T[],
  pageNumber: number | undefined,
  pageSize: number | undefined,
): { items: T[]; wire: { TotalCount: number; PageNumber: number; PageSize: number } } {
  const number = pageNumber ?? 1;
  const size = pageSize ?? 10;
  return { items: pageByNumber(sorted, number, size), wire: { TotalCount: sorted.length, PageNumber: number, PageSize: size } };
}
