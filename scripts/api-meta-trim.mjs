#!/usr/bin/env node
/**
 * Trims the cloud's published API metadata (one JSON document per product and version, as the
 * cloud serves it to its SDK generators; https://api.aliyun.com/product/<Product> shows the same
 * data) to what plinkd's conformance tests read: per action the parameter names, places, styles
 * and types, the response schema's fields, types and nesting, and the documented error codes per
 * HTTP status. Descriptions, examples and titles are dropped: the repository keeps the facts, not
 * the cloud's prose.
 *
 *   node scripts/api-meta-trim.mjs <dir with privatelink-2020-04-15.json …> [--check]
 *
 * writes test/fixtures/api-meta/<same file names>; `--check` only compares and exits 1 on a
 * difference (test/fixtures/api-meta/README.md).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../test/fixtures/api-meta/', import.meta.url));

/** The metadata writes some maps as arrays (`{"0": …}` or `[…]`); both become arrays. */
function listOf(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : Object.values(value);
}

/** A schema node reduced to type, format, properties and items (recursively). */
function trimSchema(schema) {
  const out = { type: schema.type };
  if (schema.format !== undefined) out.format = schema.format;
  if (schema.type === 'object') {
    out.properties = {};
    const properties = Array.isArray(schema.properties) ? {} : (schema.properties ?? {});
    for (const [name, child] of Object.entries(properties)) out.properties[name] = trimSchema(child);
  }
  if (schema.type === 'array' && schema.items !== undefined) out.items = trimSchema(schema.items);
  return out;
}

function trimParameter(parameter) {
  const out = { name: parameter.name, in: parameter.in };
  if (parameter.style !== undefined) out.style = parameter.style;
  out.type = parameter.schema.type;
  if (parameter.schema.required === true) out.required = true;
  if (parameter.schema.type === 'array' && parameter.schema.items !== undefined) out.items = trimSchema(parameter.schema.items);
  if (parameter.schema.type === 'object' && parameter.schema.properties !== undefined)
    out.properties = trimSchema(parameter.schema).properties;
  return out;
}

function trimErrorCodes(errorCodes) {
  const out = {};
  if (errorCodes === undefined || errorCodes === null || Array.isArray(errorCodes)) return out;
  for (const [status, entries] of Object.entries(errorCodes)) out[status] = listOf(entries).map((e) => e.errorCode);
  return out;
}

function trimDocument(document) {
  const apis = {};
  for (const name of Object.keys(document.apis).sort()) {
    const api = document.apis[name];
    apis[name] = {
      parameters: listOf(api.parameters).map(trimParameter),
      response: trimSchema(api.responses['200'].schema),
      errorCodes: trimErrorCodes(api.errorCodes),
    };
  }
  return { product: document.info.product, version: document.info.version, apis };
}

const [source, flag] = process.argv.slice(2);
if (source === undefined) {
  console.error('usage: node scripts/api-meta-trim.mjs <metadata dir> [--check]');
  process.exit(2);
}
let differs = false;
for (const file of readdirSync(source)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const text = `${JSON.stringify(trimDocument(JSON.parse(readFileSync(join(source, file), 'utf8'))), null, 1)}\n`;
  const target = join(OUT, file);
  if (flag === '--check') {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing: a difference
    }
    if (current !== text) {
      console.error(`${file}: differs from the trimmed source`);
      differs = true;
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
process.exit(differs ? 1 : 0);
