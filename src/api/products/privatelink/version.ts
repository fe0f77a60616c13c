/** Privatelink 2020-04-15 (docs/api.md). */
export const PRIVATELINK_VERSION = '2020-04-15';
