/**
 * The VPC product lives in ./vpc/; this module keeps the names other modules
 * import from here (all-actions, host-id).
 */
export { VPC_VERSION } from './vpc/version.js';
export { vpcActions } from './vpc/index.js';
