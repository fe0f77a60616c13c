import { parseIsoDate } from './dates.js';
import { parseCidr, type Cidr } from './address-match.js';
import type { OperatorKind } from './operators.js';
import type { ConditionValue } from './types.js';

/**
 * Turning the values written in a policy into what the evaluator compares — shared by the
 * validator (which reports the first bad value) and the compiler (which keeps the result).
 * RAM's grammar: `<condition_value> = ("String" | "Number" | "Boolean" | "Date and time" |
 * "IP address")`.
 */

export type ParsedValue = string | number | boolean | Cidr;
export type ValueResult = { ok: true; value: ParsedValue } | { ok: false; message: string };

/** A decimal number as text: `42`, `-1.5`, `.5`, `1e3` — not `0x10`, `''` or `' 1'` (which Number() accepts). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumberText(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** `true`/`false`, in any letter case (the cloud sends `"true"` for acs:SecureTransport). */
export function parseBoolText(text: string): boolean | null {
  if (text.length === 4 && text.toLowerCase() === 'true') return true;
  if (text.length === 5 && text.toLowerCase() === 'false') return false;
  return null;
}

function quote(value: ConditionValue): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

export function parsePolicyValue(kind: OperatorKind, value: ConditionValue): ValueResult {
  switch (kind) {
    case 'string':
      return typeof value === 'string'
        ? { ok: true, value }
        : { ok: false, message: `must be a string, got ${typeof value} ${quote(value)}` };
    case 'numeric': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? parseNumberText(value) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `invalid number ${quote(value)}` };
    }
    case 'date': {
      // A JSON number is epoch seconds, as the IAM family accepts for Date operators.
      const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? parseIsoDate(value) : NaN;
      return Number.isFinite(ms) ? { ok: true, value: ms } : { ok: false, message: `invalid ISO 8601 date ${quote(value)}` };
    }
    case 'bool': {
      const b = typeof value === 'boolean' ? value : typeof value === 'string' ? parseBoolText(value) : null;
      return b === null ? { ok: false, message: `invalid Bool value ${quote(value)} (must be true or false)` } : { ok: true, value: b };
    }
    case 'ip': {
      const cidr = typeof value === 'string' ? parseCidr(value) : null;
      return cidr === null ? { ok: false, message: `invalid CIDR ${quote(value)}` } : { ok: true, value: cidr };
    }
  }
}
