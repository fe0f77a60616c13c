import type { Area } from '../common/profile-frames.js';

/**
 * The areas of the code a first load's profile is split into (bench:scale --profile,
 * first-load-ab --profile): the innermost area on a sample's stack takes it. The DNS build
 * is split into the zone (the label tree, families, validation) and the projections that
 * feed it, since they are changed apart.
 */
export const LOAD_AREAS: readonly Area[] = [
  { name: 'garbage collector', pattern: /^\(garbage collector\)$/ },
  { name: 'idle (waiting for Redis)', pattern: /^\(idle\)$/ },
  { name: 'DNS zone: tree, families, validation (src/dns/zone)', pattern: /\/dist\/dns\/zone\// },
  { name: 'DNS projections (src/dns/projection)', pattern: /\/dist\/dns\/projection\// },
  { name: 'DNS, other (src/dns)', pattern: /\/dist\/dns\// },
  { name: 'policy index (src/policy)', pattern: /\/dist\/policy\// },
  { name: 'replica state, packing, string pool (src/replica)', pattern: /\/dist\/replica\// },
  { name: 'store: HSCAN replies, JSON.parse (src/store, ioredis)', pattern: /\/dist\/store\/|node_modules\/(ioredis|redis-parser)\// },
];
