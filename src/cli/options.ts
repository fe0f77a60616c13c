import { UsageError } from './io.js';
import { parsePath, type PathExpression } from './path-expression.js';
import { parseWaiter, type WaiterSpec } from './waiter-spec.js';

/** The options every action command takes besides its parameters (the aliyun CLI's global flags). */
export interface CallOptions {
  region?: string;
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  dryRun: boolean;
  help: boolean;
  waiter?: WaiterSpec;
  /** `--cli-query <path>`: print only what the path selects (still JSON), as the aliyun CLI does. */
  query?: PathExpression;
}

const VALUED = new Map<string, keyof CallOptions>([
  ['region', 'region'],
  ['endpoint', 'endpoint'],
  ['access-key-id', 'accessKeyId'],
  ['access-key-secret', 'accessKeySecret'],
]);

export const OPTION_FLAGS = [
  '--region',
  '--endpoint',
  '--access-key-id',
  '--access-key-secret',
  '--dry-run',
  '--waiter',
  '--cli-query',
  '--help',
];

/**
 * Splits an action's arguments into options (lowercase, `--region`) and parameter
 * flags (the API's PascalCase names, `--VpcId`), each `--name value` or `--name=value`.
 * `onParam(name, value, takeNext)` handles a parameter; `takeNext` consumes the next
 * argument as its value (undefined when there is none, or it is another flag).
 */
export function readArguments(
  args: readonly string[],
  onParam: (name: string, inline: string | undefined, takeNext: () => string | undefined) => void,
): CallOptions {
  const options: CallOptions = { dryRun: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') throw new UsageError(`unexpected argument '${arg}': parameters are written --Name value`);
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    const inline = equals < 0 ? undefined : arg.slice(equals + 1);
    const takeNext = (): string | undefined => {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i += 1;
      return next;
    };
    const option = VALUED.get(name);
    if (option !== undefined) {
      const value = inline ?? takeNext();
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      (options as unknown as Record<string, string>)[option] = value;
    } else if (name === 'cli-query') {
      const value = inline ?? takeNext();
      if (value === undefined || value === '') throw new UsageError('--cli-query needs a path, e.g. --cli-query VpcId');
      options.query = parsePath(value, '--cli-query');
    } else if (name === 'dry-run') options.dryRun = true;
    else if (name === 'help') options.help = true;
    else if (name === 'waiter') {
      const fields: string[] = inline === undefined ? [] : [inline];
      for (let next = args[i + 1]; next !== undefined && !next.startsWith('--') && next.includes('='); next = args[i + 1]) {
        fields.push(next);
        i += 1;
      }
      options.waiter = parseWaiter(fields);
    } else onParam(name, inline, takeNext);
  }
  return options;
}
