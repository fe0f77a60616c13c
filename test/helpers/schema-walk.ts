import type { Schema, SchemaType } from './api-meta.js';

/**
 * Walks a response schema of the cloud's API metadata against a JSON answer: every field the
 * model has must be present with the model's type and nesting (a list wrapped the classic POP way,
 * `Vpcs: {Vpc: [...]}`, where the model has one, and bare where it does not). Fields beyond the
 * model are allowed: newer SDK models than the published metadata carry them (e.g.
 * AddressIpVersion), and a misspelt field shows up as the correct one missing. Paths are written
 * the way docs/api-conformance.md writes them: `Vpcs.Vpc[].VSwitchIds.VSwitchId[]`.
 */
export interface ShapeReport {
  problems: string[];
  /** Schema paths of arrays seen empty / with items: an array never seen with items showed no item shape. */
  emptyArrays: Set<string>;
  filledArrays: Set<string>;
  /** Every value seen per schema path, to check the documented neutral values. */
  values: Map<string, unknown[]>;
}

export function emptyReport(): ShapeReport {
  return { problems: [], emptyArrays: new Set(), filledArrays: new Set(), values: new Map() };
}

function typeOf(value: unknown): SchemaType | 'null' | 'number' | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      // pop-core parses answers with json-bigint: a JSON number of more than 15 digits (an
      // account id) arrives as a BigNumber, which only a number in the JSON text becomes.
      if (isBigNumber(value)) return value.isInteger() ? 'integer' : 'number';
      return 'object';
    default:
      return 'undefined';
  }
}

function isBigNumber(value: object): value is { isInteger(): boolean } {
  return (value as { _isBigNumber?: unknown })._isBigNumber === true;
}

const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

export function walkSchema(schema: Schema, value: unknown, report: ShapeReport, path = ''): void {
  const seen = report.values.get(path);
  if (seen === undefined) report.values.set(path, [value]);
  else seen.push(value);
  const actual = typeOf(value);
  if (actual !== schema.type) {
    report.problems.push(`${path || '(body)'}: expected ${schema.type}, got ${actual} ${JSON.stringify(value)?.slice(0, 80)}`);
    return;
  }
  if (schema.type === 'object') {
    const object = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    for (const [name, child] of Object.entries(properties)) {
      if (!(name in object)) report.problems.push(`${join(path, name)}: missing (${child.type})`);
      else walkSchema(child, object[name], report, join(path, name));
    }
  } else if (schema.type === 'array') {
    const items = value as unknown[];
    if (items.length === 0) report.emptyArrays.add(path);
    else report.filledArrays.add(path);
    if (schema.items !== undefined) for (const item of items) walkSchema(schema.items, item, report, `${path}[]`);
  }
}

/** Whether a schema path (as walkSchema writes them) exists in the schema. */
export function schemaHasPath(schema: Schema, path: string): boolean {
  let node: Schema | undefined = schema;
  for (const part of path.split('.')) {
    const name = part.replace(/(\[\])+$/, '');
    const depth = (part.length - name.length) / 2;
    node = node?.properties?.[name];
    for (let i = 0; i < depth; i++) node = node?.items;
    if (node === undefined) return false;
  }
  return true;
}
