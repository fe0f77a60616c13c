export { loadZoneDirectory, MAX_ZONE_FILE_BYTES, type ZoneFileError } from './directory.js';
export { formatError, type MasterFileError } from './errors.js';
export { formatName, formatRData, formatRecord } from './format.js';
export {
  MAX_ERRORS,
  MAX_INCLUDE_DEPTH,
  parseMasterFile,
  type IncludedFile,
  type IncludeResolver,
  type ParsedRecord,
  type ParseOptions,
} from './parser.js';
export { buildZone } from './zone-builder.js';
export { parseZone, zoneFromText } from './zone-text.js';
