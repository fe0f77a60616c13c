import type { IntegerSpec } from '../../rpc/params.js';

/**
 * PrivateZone's page-number paging (https://api.aliyun.com/product/pvtz): `PageNumber` ≥ 1
 * (default 1), `PageSize` 1..100 (default 20); answers carry PageNumber,
 * PageSize, TotalItems and TotalPages — not the VPC API's TotalCount.
 */
export const pvtzPagingParams = {
  PageNumber: { type: 'integer', min: 1, max: 1_000_000 },
  PageSize: { type: 'integer', min: 1, max: 100 },
} as const satisfies Record<string, IntegerSpec>;

export const DEFAULT_PAGE_SIZE = 20;

export interface PvtzPage<T> {
  items: T[];
  wire: { PageNumber: number; PageSize: number; TotalItems: number; TotalPages: number };
}

export function pvtzPage<T>(sorted: readonly T[], pageNumber: number | undefined, pageSize: number | undefined): PvtzPage<T> {
  const number = pageNumber ?? 1;
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  return {
    items: sorted.slice((number - 1) * size, number * size),
    wire: { PageNumber: number, PageSize: size, TotalItems: sorted.length, TotalPages: Math.ceil(sorted.length / size) },
  };
}

/** Keyword matching: LIKE is a case-insensitive substring (`%Keyword%`), EXACT the whole value. */
export function keywordMatches(value: string, keyword: string | undefined, mode: 'LIKE' | 'EXACT'): boolean {
  if (keyword === undefined) return true;
  return mode === 'EXACT' ? value.toLowerCase() === keyword.toLowerCase() : value.toLowerCase().includes(keyword.toLowerCase());
}
