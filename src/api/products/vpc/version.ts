/** VPC 2016-04-28 (docs/api.md). */
export const VPC_VERSION = '2016-04-28';
