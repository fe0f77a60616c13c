import { normalizeName } from '../zone/names.js';
import type { Zone } from '../zone/zone.js';
import { formatError, type MasterFileError } from './errors.js';
import { parseMasterFile, type IncludeResolver } from './parser.js';
import { buildZone } from './zone-builder.js';

/**
 * Parses one zone from master-file text: `origin` is the apex and the initial
 * $ORIGIN. Returns the zone, or undefined with every error found.
 */
export function parseZone(
  origin: string,
  text: string,
  options: { file?: string; include?: IncludeResolver } = {},
): { zone: Zone | undefined; errors: MasterFileError[] } {
  const apex = normalizeName(origin);
  const file = options.file ?? `${apex || '.'}.zone`;
  const parsed = parseMasterFile(text, { origin: apex, file, include: options.include });
  if (parsed.errors.length > 0) return { zone: undefined, errors: parsed.errors };
  return buildZone(apex, parsed.records, file);
}

/** parseZone for text known to be valid (tests, built-in zones): throws with every error. */
export function zoneFromText(origin: string, text: string): Zone {
  const { zone, errors } = parseZone(origin, text);
  if (zone === undefined) throw new Error(errors.map(formatError).join('\n'));
  return zone;
}
