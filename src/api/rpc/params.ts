import { CloudError } from '../../errors/catalogue.js';

/**
 * Each action declares its parameters as data, checked once per request before
 * the handler (as fastify validates a route's schema); `readParams` turns the flat RPC map
 * (`Zone.1.ZoneId=…`, `SecurityGroupId.2=…`) into a typed object or throws the
 * cloud's error (`MissingParam.<Name>`, `IllegalParamFormat.<Name>`) before any
 * handler runs — so a bad request never changes state.
 */

export interface StringSpec {
  type: 'string';
  required?: boolean;
  pattern?: RegExp;
  minLength?: number;
  maxLength?: number;
  enum?: readonly string[];
  /** A check beyond the syntax (e.g. a policy document), returning the cloud's error for a bad value. */
  check?: (text: string) => CloudError | undefined;
}
export interface IntegerSpec {
  type: 'integer';
  required?: boolean;
  min?: number;
  max?: number;
}
export interface BooleanSpec {
  type: 'boolean';
  required?: boolean;
}
export type ScalarSpec = StringSpec | IntegerSpec | BooleanSpec;

/**
 * How a list travels, as the API metadata's `style` says and the generated SDKs send it
 * (@alicloud/openapi-core: `OpenApiUtil.query` flattens `repeatList` and `flat` alike;
 * `arrayToStringWithSpecifiedStyle(…, 'json')` writes one JSON text):
 *   flattened (repeatList, flat): `Name.1=…`, `Name.2=…`; objects `Name.1.Field=…`
 *   json: `Name=["a","b"]`, `Name=[{"Field":"…"}]` — the flattened form is accepted too.
 */
export type ListStyle = 'flattened' | 'json';

/** `Name.1`, `Name.2`, … */
export interface ScalarListSpec {
  type: 'list';
  required?: boolean;
  maxItems: number;
  item: ScalarSpec;
  style?: ListStyle;
}
/** `Name.1.Field`, `Name.2.Field`, … */
export interface ObjectListSpec {
  type: 'objects';
  required?: boolean;
  maxItems: number;
  fields: Readonly<Record<string, ScalarSpec>>;
  style?: ListStyle;
}
export type ParamSpec = ScalarSpec | ScalarListSpec | ObjectListSpec;
export type ParamsSpec = Readonly<Record<string, ParamSpec>>;

type ScalarValue<S extends ScalarSpec> = S extends StringSpec
  ? S['enum'] extends readonly (infer E)[]
    ? E
    : string
  : S extends IntegerSpec
    ? number
    : boolean;
type Present<S extends { required?: boolean }, V> = S['required'] extends true ? V : V | undefined;
type ObjectValue<F extends Readonly<Record<string, ScalarSpec>>> = { [K in keyof F]: Present<F[K], ScalarValue<F[K]>> };
type ValueOf<S extends ParamSpec> = S extends ScalarSpec
  ? Present<S, ScalarValue<S>>
  : S extends ScalarListSpec
    ? ScalarValue<S['item']>[]
    : S extends ObjectListSpec
      ? ObjectValue<S['fields']>[]
      : never;

/** The typed parameters a handler receives for a spec. */
export type ParamsOf<P extends ParamsSpec> = { [K in keyof P]: ValueOf<P[K]> };

/** Bounds that hold for every request, whatever its action (docs/reliability.md). */
export const MAX_PARAMETERS = 400;
export const MAX_VALUE_LENGTH = 16_384;

export function readParams<P extends ParamsSpec>(spec: P, raw: ReadonlyMap<string, string>): ParamsOf<P> {
  const result: Record<string, unknown> = {};
  for (const [name, paramSpec] of Object.entries(spec)) {
    if (paramSpec.type === 'list') result[name] = readList(name, paramSpec, raw);
    else if (paramSpec.type === 'objects') result[name] = readObjects(name, paramSpec, raw);
    else result[name] = readScalar(name, paramSpec, raw.get(name));
  }
  return result as ParamsOf<P>;
}

function readScalar(name: string, spec: ScalarSpec, text: string | undefined): unknown {
  if (text === undefined || text === '') {
    if (spec.required === true) throw new CloudError('MissingParam', { param: name });
    return undefined;
  }
  switch (spec.type) {
    case 'string':
      if (spec.enum !== undefined && !spec.enum.includes(text)) throw illegal(name, `must be one of ${spec.enum.join(', ')}`);
      if (spec.minLength !== undefined && text.length < spec.minLength)
        throw illegal(name, `must be at least ${spec.minLength} characters`);
      if (spec.maxLength !== undefined && text.length > spec.maxLength) throw illegal(name, `must be at most ${spec.maxLength} characters`);
      if (spec.pattern !== undefined && !spec.pattern.test(text)) throw illegal(name, 'has an invalid format');
      if (spec.check !== undefined) {
        const problem = spec.check(text);
        if (problem !== undefined) throw problem;
      }
      return text;
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(text)) throw illegal(name, 'must be an integer');
      const value = Number(text);
      if (spec.min !== undefined && value < spec.min) throw illegal(name, `must be at least ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) throw illegal(name, `must be at most ${spec.max}`);
      return value;
    }
    case 'boolean':
      if (text === 'true' || text === 'True') return true;
      if (text === 'false' || text === 'False') return false;
      throw illegal(name, 'must be true or false');
  }
}

/** Indices `1..maxItems` found for `prefix.N` (optionally `.Field`), sorted. */
function indicesOf(prefix: string, maxItems: number, raw: ReadonlyMap<string, string>): number[] {
  const found = new Set<number>();
  const head = `${prefix}.`;
  for (const key of raw.keys()) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const indexText = dot < 0 ? rest : rest.slice(0, dot);
    if (!/^[1-9]\d{0,3}$/.test(indexText)) throw illegal(prefix, `has an invalid list index '${indexText}'`);
    const index = Number(indexText);
    if (index > maxItems) throw illegal(prefix, `accepts at most ${maxItems} items`);
    found.add(index);
  }
  return [...found].sort((a, b) => a - b);
}

function readList(name: string, spec: ScalarListSpec, raw: ReadonlyMap<string, string>): unknown[] {
  const json = jsonItems(name, spec, raw);
  if (json !== undefined)
    return json.map((item, i) => readScalar(`${name}.${i + 1}`, { ...spec.item, required: true }, scalarText(name, item)));
  const indices = indicesOf(name, spec.maxItems, raw);
  if (indices.length === 0 && spec.required === true) throw new CloudError('MissingParam', { param: `${name}.1` });
  return indices.map((i) => readScalar(`${name}.${i}`, { ...spec.item, required: true }, raw.get(`${name}.${i}`)));
}

function readObjects(name: string, spec: ObjectListSpec, raw: ReadonlyMap<string, string>): unknown[] {
  const json = jsonItems(name, spec, raw);
  if (json !== undefined) {
    return json.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw illegal(name, 'must be a JSON array of objects');
      const fields = item as Record<string, unknown>;
      const result: Record<string, unknown> = {};
      for (const [field, fieldSpec] of Object.entries(spec.fields)) {
        const value = fields[field];
        result[field] = readScalar(`${name}.${i + 1}.${field}`, fieldSpec, value === undefined ? undefined : scalarText(name, value));
      }
      return result;
    });
  }
  const indices = indicesOf(name, spec.maxItems, raw);
  if (indices.length === 0 && spec.required === true) {
    const firstRequired = Object.entries(spec.fields).find(([, f]) => f.required === true)?.[0] ?? '';
    throw new CloudError('MissingParam', { param: `${name}.1.${firstRequired}` });
  }
  return indices.map((i) => {
    const item: Record<string, unknown> = {};
    for (const [field, fieldSpec] of Object.entries(spec.fields)) {
      item[field] = readScalar(`${name}.${i}.${field}`, fieldSpec, raw.get(`${name}.${i}.${field}`));
    }
    return item;
  });
}

/** The items of a json-style list given as `Name=<JSON array>`; undefined when it is not given so. */
function jsonItems(name: string, spec: ScalarListSpec | ObjectListSpec, raw: ReadonlyMap<string, string>): unknown[] | undefined {
  const text = raw.get(name);
  if (spec.style !== 'json' || text === undefined || text === '') return undefined;
  if ([...raw.keys()].some((key) => key.startsWith(`${name}.`))) throw illegal(name, 'is given both as JSON and flattened');
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    throw illegal(name, 'must be a JSON array');
  }
  if (!Array.isArray(items)) throw illegal(name, 'must be a JSON array');
  if (items.length > spec.maxItems) throw illegal(name, `accepts at most ${spec.maxItems} items`);
  if (items.length === 0 && spec.required === true) throw new CloudError('MissingParam', { param: name });
  return items;
}

/** A JSON scalar as the text the flattened form would carry (`true`, `8`, `"a"` → a). */
function scalarText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw illegal(name, 'has an item that is not a string, number or boolean');
}

function illegal(param: string, reason: string): CloudError {
  return new CloudError('IllegalParamFormat', { param, reason });
}
