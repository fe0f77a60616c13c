import type { ParamsSpec, ScalarSpec } from '../api/rpc/params.js';
import { closest } from './catalogue.js';
import { UsageError } from './io.js';
import { OPTION_FLAGS } from './options.js';

/**
 * The parameter flags of one action, from its declaration (api/rpc/params.ts, the
 * spec the server validates with), written as the aliyun CLI writes RPC parameters:
 * `--VpcId vpc-1`, repeat lists `--SecurityGroupId.1 sg-1`, lists of objects
 * `--Zone.1.ZoneId cn-hangzhou-h --Zone.1.VSwitchId vsw-1`.
 */
export interface ParamFlag {
  /** The RPC parameter name with its list index: `Zone.1.ZoneId`. */
  name: string;
  spec: ScalarSpec;
}

/** Resolves `Zone.2.ZoneId` (or `VpcId`, `SecurityGroupId.3`) against the declaration; UsageError when it names nothing. */
export function resolveParamFlag(params: ParamsSpec, flag: string, context: string): ParamFlag {
  const [head = '', index, field, ...rest] = flag.split('.');
  const spec = params[head];
  const unknown = (): UsageError => {
    const suggestion = closest(flag, [...flagNames(params), ...OPTION_FLAGS.map((o) => o.slice(2))]);
    return new UsageError(
      `unknown parameter --${flag} for ${context}${suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`}`,
    );
  };
  if (spec === undefined || rest.length > 0) throw unknown();
  if (spec.type !== 'list' && spec.type !== 'objects') {
    if (index !== undefined) throw unknown();
    return { name: flag, spec };
  }
  const sample = spec.type === 'list' ? `--${head}.1` : `--${head}.1.${Object.keys(spec.fields)[0] ?? ''}`;
  if (index === undefined) throw new UsageError(`--${head} is a list: write it as ${sample} (items 1 to ${spec.maxItems})`);
  if (!/^[1-9]\d*$/.test(index) || Number(index) > spec.maxItems) {
    throw new UsageError(`--${flag}: the item number must be 1 to ${spec.maxItems}`);
  }
  if (spec.type === 'list') {
    if (field !== undefined) throw unknown();
    return { name: flag, spec: spec.item };
  }
  const fieldSpec = field === undefined ? undefined : spec.fields[field];
  if (fieldSpec === undefined)
    throw new UsageError(`--${flag}: the items of ${head} have the fields ${Object.keys(spec.fields).join(', ')}`);
  return { name: flag, spec: fieldSpec };
}

/**
 * A value as the server will read it: booleans `true`/`false` (a flag given alone is
 * true), integers in decimal. Strings go as given; patterns, enums and required
 * parameters are the server's to check, so its answer carries the cloud's code.
 */
export function typedValue(flag: ParamFlag, value: string | undefined): string {
  switch (flag.spec.type) {
    case 'boolean': {
      if (value === undefined) return 'true';
      const lower = value.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new UsageError(`--${flag.name} is a boolean: true or false, not '${value}'`);
      return lower;
    }
    case 'integer':
      if (value === undefined) throw new UsageError(`--${flag.name} needs an integer`);
      if (!/^-?\d{1,15}$/.test(value)) throw new UsageError(`--${flag.name} is an integer, not '${value}'`);
      return value;
    case 'string':
      if (value === undefined) throw new UsageError(`--${flag.name} needs a value`);
      return value;
  }
}

/** Every flag an action takes, lists with item 1 (for help, completion and suggestions). */
export function flagNames(params: ParamsSpec): string[] {
  const names: string[] = [];
  for (const [name, spec] of Object.entries(params)) {
    if (spec.type === 'list') names.push(`${name}.1`);
    else if (spec.type === 'objects') for (const field of Object.keys(spec.fields)) names.push(`${name}.1.${field}`);
    else names.push(name);
  }
  return names;
}
