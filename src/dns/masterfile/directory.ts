import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { nameProblem, normalizeName } from '../zone/names.js';
import type { Zone } from '../zone/zone.js';
import { formatError, type MasterFileError } from './errors.js';
import type { IncludeResolver } from './parser.js';
import { parseZone } from './zone-text.js';

/** A zone file is loaded only if it is at most this big (a guard against mistakes). */
export const MAX_ZONE_FILE_BYTES = 64 * 1024 * 1024;

export interface ZoneFileError {
  /** File the error is in, relative to the zones directory. */
  readonly file: string;
  /** 1-based line, or 0 for the file as a whole. */
  readonly line: number;
  /** "file:line: what is wrong". */
  readonly message: string;
}

/**
 * Loads every `<origin>.zone` file directly in `dir`. The file name decides
 * the zone's apex ("example.com.zone" → example.com), like a `zone` clause
 * names it in NSD or BIND: the file cannot claim another zone, and two files
 * cannot serve the same one. `$INCLUDE` paths are resolved against `dir` and
 * must stay inside it (symbolic links included). A file with any error is
 * not loaded; the others are.
 */
export function loadZoneDirectory(dir: string): { zones: Zone[]; errors: ZoneFileError[] } {
  const zones: Zone[] = [];
  const errors: ZoneFileError[] = [];
  const report = (error: MasterFileError): void => {
    errors.push({ file: error.file, line: error.line, message: formatError(error) });
  };
  let root: string;
  let files: string[];
  try {
    root = realpathSync(dir);
    files = readdirSync(root)
      .filter((f) => f.endsWith('.zone'))
      .sort();
  } catch (error) {
    report({ file: dir, line: 0, message: `cannot read the zones directory: ${(error as Error).message}` });
    return { zones, errors };
  }
  const origins = new Map<string, string>();
  for (const file of files) {
    const origin = normalizeName(file.slice(0, -'.zone'.length));
    const problem = origin === '' ? 'no origin before ".zone"' : nameProblem(origin);
    if (problem !== undefined) {
      report({ file, line: 0, message: `the file name is not <origin>.zone: ${problem}` });
      continue;
    }
    const previous = origins.get(origin);
    if (previous !== undefined) {
      report({ file, line: 0, message: `zone ${origin} is already loaded from ${previous}` });
      continue;
    }
    const text = readConfined(root, file);
    if (typeof text !== 'string') {
      report({ file, line: 0, message: text.error });
      continue;
    }
    const parsed = parseZone(origin, text, { file, include: (path) => includeFrom(root, path) });
    parsed.errors.forEach(report);
    if (parsed.zone !== undefined) {
      origins.set(origin, file);
      zones.push(parsed.zone);
    }
  }
  return { zones, errors };
}

function includeFrom(root: string, path: string): ReturnType<IncludeResolver> {
  const text = readConfined(root, path);
  if (typeof text !== 'string') return text;
  return { file: relative(root, resolve(root, path)), text };
}

/** Reads `path` (relative to `root`) only if it resolves to a regular file inside `root`. */
function readConfined(root: string, path: string): string | { error: string } {
  const outside = { error: `"${path}" is outside the zones directory` };
  if (isAbsolute(path)) return outside;
  let real: string;
  try {
    real = realpathSync(join(root, path));
  } catch {
    return { error: `cannot open "${path}"` };
  }
  if (!real.startsWith(root + sep)) return outside;
  try {
    const stat = statSync(real);
    if (!stat.isFile()) return { error: `"${path}" is not a regular file` };
    if (stat.size > MAX_ZONE_FILE_BYTES) return { error: `"${path}" is larger than ${MAX_ZONE_FILE_BYTES} bytes` };
    return readFileSync(real, 'utf8');
  } catch (error) {
    return { error: `cannot read "${path}": ${(error as Error).message}` };
  }
}
