/** PrivateZone 2018-01-01 (docs/api.md): a global product, so its actions take no RegionId. */
export const PVTZ_VERSION = '2018-01-01';
