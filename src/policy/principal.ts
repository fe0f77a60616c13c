import type { Principal } from './types.js';
import { WildcardSet } from './wildcard.js';

/**
 * Principal matching for endpoint policies (resource-based RAM policies).
 *
 * - `"*"` (or `["*"]`, or `{"RAM": "*"}`) matches every caller, anonymous ones included.
 * - `acs:ram::<uid>:root`, or a bare account uid, names the whole account: it matches every
 *   identity of that account (`acs:ram::<uid>:user/x`, `…:role/y`, `…:root`), as an account
 *   principal does in the cloud's trust and bucket policies. It is compiled to the pattern
 *   `acs:ram::<uid>:*`, so `<uid>` may itself hold wildcards.
 * - Any other ARN is a case-sensitive wildcard pattern (`acs:ram::<uid>:user/dev-*`).
 * The `Service` and `Federated` keys of trust policies match the caller string the same way.
 */

const ROOT = /^acs:ram::([^:]*):root$/;
const UID = /^[0-9*?]+$/;

/** Canonical list of principal patterns in a Principal element (absent → null = everyone). */
export function principalPatterns(principal: Principal | undefined): string[] | null {
  if (principal === undefined) return null;
  if (typeof principal === 'string') return [principal];
  if (Array.isArray(principal)) return principal;
  const out: string[] = [];
  for (const value of [principal.RAM, principal.Service, principal.Federated]) {
    if (value === undefined) continue;
    if (typeof value === 'string') out.push(value);
    else out.push(...value);
  }
  return out;
}

/** The pattern a principal entry matches callers with (account-level entries widened). */
export function principalPattern(entry: string): string {
  const root = ROOT.exec(entry);
  if (root !== null) return `acs:ram::${root[1] ?? ''}:*`;
  if (UID.test(entry) && !/^\*+$/.test(entry)) return `acs:ram::${entry}:*`;
  return entry;
}

export class PrincipalMatcher {
  private readonly set: WildcardSet | null;
  readonly matchesEveryone: boolean;

  constructor(principal: Principal | undefined) {
    const patterns = principalPatterns(principal);
    this.matchesEveryone = patterns === null || patterns.some((p) => /^\*+$/.test(p));
    this.set = this.matchesEveryone || patterns === null ? null : new WildcardSet(patterns.map(principalPattern), false);
  }

  test(principal: string | undefined): boolean {
    if (this.matchesEveryone) return true;
    // An anonymous caller is matched only by "*".
    if (typeof principal !== 'string' || this.set === null) return false;
    return this.set.test(principal);
  }
}
