import { KNOWN_KEYS } from './operators.js';

/**
 * Finding a condition key in a request context. Key names are case-insensitive
 * (`acs:sourceip` ≡ `acs:SourceIp`, the RAM/IAM rule), yet a request almost always spells
 * keys the documented way, so lookup tries the policy's spelling and the canonical one by
 * direct property access first and only then scans the context comparing case-folded names —
 * none of which allocates.
 */

export class ContextKey {
  readonly lower: string;
  readonly canonical: string;

  constructor(readonly spelled: string) {
    this.lower = spelled.toLowerCase();
    this.canonical = KNOWN_KEYS.get(this.lower)?.canonical ?? spelled;
  }

  /** The request's value for this key; undefined when absent (null counts as absent). */
  lookup(context: Readonly<Record<string, unknown>>): unknown {
    // Direct reads are safe: a condition key always contains ':' and no Object.prototype
    // member does, so nothing inherited can answer.
    let value = context[this.spelled];
    if (value !== undefined && value !== null) return value;
    if (this.canonical !== this.spelled) {
      value = context[this.canonical];
      if (value !== undefined && value !== null) return value;
    }
    for (const name in context) {
      if (name.length === this.lower.length && equalsIgnoreAsciiCase(name, this.lower)) {
        value = ownValue(context, name);
        if (value !== undefined) return value;
      }
    }
    return undefined;
  }
}

function ownValue(context: Readonly<Record<string, unknown>>, name: string): unknown {
  if (!Object.hasOwn(context, name)) return undefined;
  const value = context[name];
  return value === null ? undefined : value;
}

/** `name` equals the already-lowercased `lower`, folding A–Z in `name`. */
export function equalsIgnoreAsciiCase(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    let c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}
