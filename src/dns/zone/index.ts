export { Zone, type AbsentNameStatus } from './zone.js';
export { ZoneDataError } from './errors.js';
export { MAX_CNAME_HOPS } from './lookup.js';
export type { RecordInput } from './rdata.js';
export { MAX_TTL } from './rdata.js';
export { asciiLower, isAtOrBelow, nameProblem, normalizeName } from './names.js';
