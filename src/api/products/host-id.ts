import { PRIVATELINK_VERSION } from './privatelink/version.js';
import { VPC_VERSION } from './vpc/version.js';

/** HostId in error bodies: the product's endpoint host, as the cloud fills it in. */
export function hostIdOf(version: string | undefined, regionId: string): string {
  if (version === PRIVATELINK_VERSION) return `privatelink.${regionId}.aliyuncs.com`;
  if (version === VPC_VERSION) return 'vpc.aliyuncs.com';
  if (version === '2018-01-01') return 'pvtz.aliyuncs.com';
  return 'plinkd';
}
