import type { ParamsSpec, ScalarSpec } from '../api/rpc/params.js';
import { actionsOf, PRODUCTS } from './catalogue.js';
import { flagNames } from './param-flags.js';

/** The words the completion scripts offer, read from the action registry when a script is printed. */
export interface Words {
  commands: string[];
  actions: Map<string, string[]>;
  /** Key `<product>_<Action>`. */
  flags: Map<string, string[]>;
  /** Key `<product>_<Action>_<Flag with dots as _>`. */
  values: Map<string, string[]>;
}

const COMMANDS = ['topology', 'completion', 'serve'];

export function collectWords(): Words {
  const words: Words = { commands: [...PRODUCTS.map((p) => p.name), ...COMMANDS], actions: new Map(), flags: new Map(), values: new Map() };
  for (const product of PRODUCTS) {
    const actions = actionsOf(product);
    words.actions.set(
      product.name,
      actions.map((a) => a.name),
    );
    for (const action of actions) {
      const key = `${product.name}_${action.name}`;
      const flags = flagNames(action.params);
      words.flags.set(
        key,
        flags.map((f) => `--${f}`),
      );
      for (const flag of flags) {
        const choices = choicesOf(scalarOf(action.params, flag));
        if (choices !== undefined && /^[A-Za-z0-9_.]+$/.test(flag)) words.values.set(`${key}_${flag.replace(/\./g, '_')}`, choices);
      }
    }
  }
  return words;
}

function scalarOf(params: ParamsSpec, flag: string): ScalarSpec | undefined {
  const [head = '', , field] = flag.split('.');
  const spec = params[head];
  if (spec === undefined) return undefined;
  if (spec.type === 'list') return spec.item;
  if (spec.type === 'objects') return field === undefined ? undefined : spec.fields[field];
  return spec;
}

function choicesOf(spec: ScalarSpec | undefined): string[] | undefined {
  if (spec?.type === 'boolean') return ['true', 'false'];
  if (spec?.type === 'string' && spec.enum !== undefined) return [...spec.enum];
  return undefined;
}

/** Words are identifiers, flags and enum values: none holds a quote, but make sure. */
export function quoted(words: readonly string[]): string {
  return `'${words.join(' ').replace(/'/g, `'\\''`)}'`;
}
