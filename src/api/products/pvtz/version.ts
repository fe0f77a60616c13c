/** PrivateZone 2018-01-01 (SPEC §3): a global product, so its actions take no RegionId. */
export const PVTZ_VERSION = '2018-01-01';
