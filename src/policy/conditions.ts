import { parseBoolText, parseNumberText, parsePolicyValue } from './condition-values.js';
import { ContextKey } from './context.js';
import { parseIsoDate } from './dates.js';
import { cidrContains, parseAddress, type Cidr } from './address-match.js';
import { OPERATORS, type Comparison, type OperatorKind } from './operators.js';
import type { ConditionBlock, ConditionValue } from './types.js';
import { WildcardSet } from './wildcard.js';

/**
 * One compiled `"<Operator>": {"<key>": [values]}` pair. Semantics (docs/design/policy.md, RAM docs):
 * - several policy values: OR (a negated operator is the negation of that OR);
 * - a key missing from the request: false, or true for a negated operator;
 * - a request value that cannot be read as the operator's type (a date that does not parse,
 *   `"abc"` for a number) matches nothing — so, like a missing key, it is true only for a
 *   negated operator;
 * - a multi-valued request value (string[]): the positive test holds if any element matches.
 * All the conditions of a statement must hold (AND) — see compile.ts.
 */

export class CompiledCondition {
  private readonly kind: OperatorKind;
  private readonly comparison: Comparison;
  private readonly negated: boolean;
  private readonly key: ContextKey;
  /** Parsed policy values: strings (lowercased for IgnoreCase), numbers (ms for dates), booleans or CIDRs. */
  private readonly values: readonly (string | number | boolean | Cidr)[];
  private readonly like: WildcardSet | null;
  /**
   * The last request value read as a date or address, and what it read as: consecutive
   * requests usually carry the same acs:CurrentTime second or client address, and a string
   * comparison is cheaper than parsing again.
   */
  private lastText: string | undefined = undefined;
  private lastDate = NaN;
  private lastAddressValid = false;
  private readonly lastAddress = new Uint32Array(4);

  constructor(operator: string, key: string, raw: ConditionValue | ConditionValue[]) {
    const spec = OPERATORS.get(operator);
    if (spec === undefined) throw new Error(`unknown condition operator '${operator}'`);
    this.kind = spec.kind;
    this.comparison = spec.comparison;
    this.negated = spec.negated;
    this.key = new ContextKey(key);
    const list = Array.isArray(raw) ? raw : [raw];
    this.values = list.map((value) => {
      const parsed = parsePolicyValue(spec.kind, value);
      if (!parsed.ok) throw new Error(`${operator}.${key}: ${parsed.message}`);
      const v = parsed.value;
      return spec.comparison === 'eqIgnoreCase' && typeof v === 'string' ? v.toLowerCase() : v;
    });
    this.like = spec.comparison === 'like' ? new WildcardSet(this.values as string[], false) : null;
  }

  test(context: Readonly<Record<string, unknown>> | undefined): boolean {
    const value = context === undefined ? undefined : this.key.lookup(context);
    if (value === undefined) return this.negated;
    let hit = false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (this.matchOne(value[i])) {
          hit = true;
          break;
        }
      }
    } else {
      hit = this.matchOne(value);
    }
    return this.negated ? !hit : hit;
  }

  /** Does one request value match any policy value under the (positive) comparison? */
  private matchOne(value: unknown): boolean {
    switch (this.kind) {
      case 'string':
        return this.matchString(value);
      case 'numeric':
        return this.matchOrdered(typeof value === 'number' ? value : typeof value === 'string' ? parseNumberText(value) : NaN);
      case 'date':
        return this.matchOrdered(typeof value === 'string' ? this.readDate(value) : typeof value === 'number' ? value * 1000 : NaN);
      case 'bool': {
        const b = typeof value === 'boolean' ? value : typeof value === 'string' ? parseBoolText(value) : null;
        return b !== null && this.values.includes(b);
      }
      case 'ip': {
        if (typeof value !== 'string' || !this.readAddress(value)) return false;
        for (let i = 0; i < this.values.length; i++) {
          if (cidrContains(this.values[i] as Cidr, this.lastAddress)) return true;
        }
        return false;
      }
    }
  }

  private readDate(text: string): number {
    if (text !== this.lastText) {
      this.lastDate = parseIsoDate(text);
      this.lastText = text;
    }
    return this.lastDate;
  }

  /** Parses into this.lastAddress (unless it already holds `text`); false if not an address. */
  private readAddress(text: string): boolean {
    if (text !== this.lastText) {
      this.lastAddressValid = parseAddress(text, this.lastAddress);
      this.lastText = text;
    }
    return this.lastAddressValid;
  }

  private matchString(value: unknown): boolean {
    // Numbers and booleans in a request are compared by their JSON text ("42", "true").
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else return false;
    if (this.like !== null) return this.like.test(text);
    if (this.comparison === 'eqIgnoreCase') text = text.toLowerCase();
    const values = this.values;
    for (let i = 0; i < values.length; i++) if (values[i] === text) return true;
    return false;
  }

  private matchOrdered(n: number): boolean {
    if (Number.isNaN(n)) return false;
    const values = this.values as readonly number[];
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      switch (this.comparison) {
        case 'eq':
          if (n === v) return true;
          break;
        case 'lt':
          if (n < v) return true;
          break;
        case 'le':
          if (n <= v) return true;
          break;
        case 'gt':
          if (n > v) return true;
          break;
        case 'ge':
          if (n >= v) return true;
          break;
        default:
          break;
      }
    }
    return false;
  }
}

/** All conditions of one statement, in document order; a statement applies only if all hold. */
export function compileConditions(block: ConditionBlock | undefined): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  if (block === undefined) return out;
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, values] of Object.entries(keys)) out.push(new CompiledCondition(operator, key, values));
  }
  return out;
}
