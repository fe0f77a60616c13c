import { ApiError } from '../rpc/errors.js';

export interface Page<T> {
  items: T[];
  /** Empty string on the last page, as the cloud returns it. */
  nextToken: string;
  totalCount: number;
}

/**
 * Keyset paging (`MaxResults` / `NextToken`): the token names the last item
 * served, so items created between calls never shift a page. Items must come
 * sorted by `keyOf`.
 */
export function paginate<T>(sorted: readonly T[], keyOf: (item: T) => string, maxResults: number, nextToken: string | undefined): Page<T> {
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const after = decodeToken(nextToken);
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

function decodeToken(token: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  if (!text.startsWith('k:')) throw new ApiError('IllegalParamFormat', { param: 'NextToken', reason: 'is not a token this API issued' });
  return text.slice(2);
}

/** Sort key: creation time, then id — stable and unique. */
export function byCreation<T extends { createdAt: string }>(idOf: (item: T) => string): (item: T) => string {
  return (item) => `${item.createdAt}|${idOf(item)}`;
}

/** Page-number paging of the VPC API (PageNumber from 1, PageSize ≤ 50). */
export function pageByNumber<T>(sorted: readonly T[], pageNumber: number, pageSize: number): T[] {
  return sorted.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}
