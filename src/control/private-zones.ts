/**
 * PrivateZone 2018-01-01 operations (docs/design/dns-views.md): zones, their VPC bindings,
 * their records and cross-account authorizations. The DNS side reads the same documents
 * from the replica (src/dns/projection/private-zone-projection.ts).
 */
export {
  addZone,
  bindZoneVpcs,
  deleteZone,
  liveVpcs,
  ownZone,
  recordsOfZone,
  type AddZoneInput,
  type VpcToBind,
} from './private-zones/zones.js';
export { setProxyPattern, updateZoneRemark } from './private-zones/zone-settings.js';
export {
  DEFAULT_TTL,
  MAX_TTL,
  MIN_TTL,
  addZoneRecord,
  deleteZoneRecord,
  ownRecord,
  updateZoneRecord,
  type AddRecordInput,
  type RecordFields,
  type UpdateRecordInput,
} from './private-zones/records.js';
export { setZoneRecordStatus, updateRecordRemark } from './private-zones/record-settings.js';
export {
  addUserVpcAuthorization,
  deleteUserVpcAuthorization,
  mayBindVpcsOf,
  userVpcAuthorizations,
  type AddAuthorizationInput,
} from './private-zones/vpc-authorizations.js';
export { AUTH_CODE_TTL_MS, issueAuthorizationCode } from './private-zones/authorization-codes.js';
export {
  RECORD_TYPES,
  canonicalRr,
  canonicalValue,
  canonicalZoneName,
  isWildcardRr,
  ownerOf,
  proxyPatternOf,
  rdataOf,
} from './private-zones/record-values.js';
