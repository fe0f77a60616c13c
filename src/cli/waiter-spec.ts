import { UsageError } from './io.js';
import { parsePath, type PathExpression } from './path-expression.js';

/**
 * `--waiter expr=<path> to=<value> [timeout=<s>] [interval=<s>]`, as the aliyun CLI has it
 * (https://www.alibabacloud.com/help/en/cli/result-polling): repeat the call until the
 * path's value is `to`. With a projection (`Zones[*].ZoneStatus`) every value must be.
 */
export interface WaiterSpec {
  expr: PathExpression;
  to: string;
  timeoutSeconds: number;
  intervalSeconds: number;
}

/** The aliyun CLI's default and bounds. */
export const DEFAULT_TIMEOUT_SECONDS = 180;
const MAX_TIMEOUT_SECONDS = 600;
/**
 * The aliyun CLI polls every 5 s (2–10), sized for the cloud's transitions of minutes;
 * plinkd's take --transition-delay (300 ms by default), so it polls every second (0.1–10).
 */
export const DEFAULT_INTERVAL_SECONDS = 1;

export function parseWaiter(fields: readonly string[]): WaiterSpec {
  const values = new Map<string, string>();
  for (const field of fields) {
    const equals = field.indexOf('=');
    const key = field.slice(0, equals);
    if (!['expr', 'to', 'timeout', 'interval'].includes(key)) {
      throw new UsageError(`--waiter takes expr=<path> to=<value> [timeout=<s>] [interval=<s>], not '${field}'`);
    }
    values.set(key, field.slice(equals + 1));
  }
  const expr = values.get('expr');
  const to = values.get('to');
  if (expr === undefined || to === undefined) throw new UsageError('--waiter needs expr=<path> and to=<value>');
  return {
    expr: parsePath(expr),
    to,
    timeoutSeconds: seconds(values.get('timeout'), 'timeout', DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS, true),
    intervalSeconds: seconds(values.get('interval'), 'interval', DEFAULT_INTERVAL_SECONDS, 0.1, 10, false),
  };
}

function seconds(text: string | undefined, name: string, fallback: number, min: number, max: number, whole: boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  const form = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!form.test(text) || value < min || value > max) throw new UsageError(`--waiter ${name}=${text}: seconds from ${min} to ${max}`);
  return value;
}
