/** VPC 2016-04-28 (SPEC §3). */
export const VPC_VERSION = '2016-04-28';
