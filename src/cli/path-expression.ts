import { UsageError } from './io.js';

/**
 * The part of JMESPath (https://jmespath.org/specification.html) a `--waiter expr=`
 * and `--cli-query` need, as the aliyun CLI's examples write it: fields `EndpointStatus`,
 * sub-fields `Zones.Zone`, indexes `[0]` (negative from the end), projections `[*]` and
 * `[]`, and quoted fields `"Weird-Name"`. `Zones[*].ZoneStatus` gives every zone's status.
 */
type Step = { field: string } | { index: number } | { all: true };

export interface PathExpression {
  text: string;
  steps: Step[];
  projects: boolean;
}

/** `option` names the flag in error messages. */
export function parsePath(text: string, option = '--waiter expr='): PathExpression {
  const steps: Step[] = [];
  let i = 0;
  const shown = option.endsWith('=') ? `${option}'${text}'` : `${option} '${text}'`;
  const fail = (why: string): UsageError => new UsageError(`${shown}: ${why} at character ${i + 1}`);
  const field = (): void => {
    const quoted = text[i] === '"';
    const match = quoted ? /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(i)) : /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (match === null) throw fail('a field name is expected');
    steps.push({ field: quoted ? (JSON.parse(`"${match[1]}"`) as string) : match[0] });
    i += match[0].length;
  };
  if (text.trim() === '') throw new UsageError(`${option} is empty`);
  if (text[0] !== '[') field();
  while (i < text.length) {
    if (text[i] === '.') {
      i += 1;
      field();
    } else if (text[i] === '[') {
      const match = /^\[(\*|-?\d+)?\]/.exec(text.slice(i));
      if (match === null) throw fail('[n], [*] or [] is expected');
      // `[]` flattens one level; on the lists of these APIs' answers it is the same as `[*]`.
      steps.push(match[1] === undefined || match[1] === '*' ? { all: true } : { index: Number(match[1]) });
      i += match[0].length;
    } else throw fail(`unexpected '${text[i]}'`);
  }
  return { text, steps, projects: steps.some((s) => 'all' in s) };
}

/** The values the path selects: one (or none) without a projection, each element's with one. */
export function selectPath(path: PathExpression, data: unknown): unknown[] {
  let current: unknown[] = [data];
  let projected = false;
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if ('all' in step) {
        if (Array.isArray(value)) next.push(...value);
        continue;
      }
      const found = 'field' in step ? fieldOf(value, step.field) : indexOf(value, step.index);
      // In a projection, elements without the field drop out (JMESPath: nulls are not projected).
      if (found !== undefined && found !== null) next.push(found);
      else if (!projected) next.push(undefined);
    }
    if ('all' in step) projected = true;
    current = next;
  }
  return current;
}

function fieldOf(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[field] : undefined;
}

function indexOf(value: unknown, index: number): unknown {
  if (!Array.isArray(value)) return undefined;
  return value[index < 0 ? value.length + index : index];
}

/** What `--cli-query` prints: the value (null when absent), or the list a projection selects. */
export function queryResult(path: PathExpression, data: unknown): unknown {
  const values = selectPath(path, data);
  return path.projects ? values : (values[0] ?? null);
}

/** A selected value as the waiter compares it: strings as they are, other JSON as its text. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
