/** Privatelink 2020-04-15 (SPEC §3). */
export const PRIVATELINK_VERSION = '2020-04-15';
