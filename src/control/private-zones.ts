/**
 * PrivateZone 2018-01-01 operations (docs/control-plane.md–§4): zones, their VPC bindings
 * and their records. The DNS side reads the same documents from the replica
 * (src/dns/projection/private-zone-projection.ts).
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
export { RECORD_TYPES, canonicalRr, canonicalValue, canonicalZoneName, ownerOf, rdataOf } from './private-zones/record-values.js';
