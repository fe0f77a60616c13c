export { ZoneRegistry, type ZoneRegistryOptions } from './registry.js';
export { ZoneRegistryError } from './errors.js';
export { orderByAffinity, type AffinityMode } from './affinity.js';
export type { PrivateZone } from './vpc-index.js';
