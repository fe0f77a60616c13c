import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens for the /v1 routes (SPEC §5: `Authorization: Bearer <token>`, tokens from
 * PLINKD_API_TOKENS). Tokens are compared as SHA-256 digests with crypto.timingSafeEqual:
 * equal-length inputs, no early exit, and every configured token is compared on every call
 * so the time taken says nothing about which one (if any) matched.
 */
export class BearerTokens {
  private readonly digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.filter((token) => token.length > 0).map(digest);
  }

  /** True when the header is `Bearer <one of the tokens>` (scheme case-insensitive, RFC 7235 §2.1). */
  accepts(authorizationHeader: string | undefined): boolean {
    if (typeof authorizationHeader !== 'string' || authorizationHeader.length < 7) return false;
    if (authorizationHeader.slice(0, 7).toLowerCase() !== 'bearer ') return false;
    const presented = digest(authorizationHeader.slice(7).trim());
    let matched = false;
    for (const expected of this.digests) {
      if (timingSafeEqual(presented, expected)) matched = true;
    }
    return matched;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
