import { timingSafeEqual } from 'node:crypto';
import { MAX_TOKEN_BYTES } from '../../model/api-token.js';

/**
 * Bearer tokens for the /v1 routes (docs/design/policy.md: `Authorization: Bearer <token>`, tokens from
 * PLINKD_API_TOKENS). The presented token is copied into a zero-padded buffer of fixed size
 * and compared with crypto.timingSafeEqual against every configured token, padded the same
 * way, with the lengths compared too: equal-length inputs, no early exit, and every token is
 * compared on every call, so the time taken says nothing about which one (if any) matched
 * nor how much of it was right. (An earlier version hashed each presented token with
 * SHA-256 first: the same guarantee at ~5% of /v1/authorize's CPU.)
 */
export class BearerTokens {
  private readonly padded: readonly Buffer[];
  private readonly lengths: readonly number[];
  /** Reused per call: the process is single-threaded and `accepts` is synchronous. */
  private readonly presented = Buffer.alloc(MAX_TOKEN_BYTES);

  constructor(tokens: readonly string[]) {
    const usable = tokens.filter((token) => token.length > 0);
    for (const token of usable) {
      if (Buffer.byteLength(token, 'utf8') > MAX_TOKEN_BYTES) throw new Error(`API tokens are limited to ${MAX_TOKEN_BYTES} bytes`);
    }
    this.padded = usable.map((token) => {
      const buffer = Buffer.alloc(MAX_TOKEN_BYTES);
      buffer.write(token, 'utf8');
      return buffer;
    });
    this.lengths = usable.map((token) => Buffer.byteLength(token, 'utf8'));
  }

  /** True when the header is `Bearer <one of the tokens>` (scheme case-insensitive, RFC 7235 §2.1). */
  accepts(authorizationHeader: string | undefined): boolean {
    if (typeof authorizationHeader !== 'string' || authorizationHeader.length < 7) return false;
    const scheme = authorizationHeader.startsWith('Bearer ') || authorizationHeader.slice(0, 7).toLowerCase() === 'bearer ';
    if (!scheme) return false;
    const token = authorizationHeader.slice(7).trim();
    // Longer than any token can be: refused without comparing (its length is no secret).
    if (token.length > MAX_TOKEN_BYTES) return false;
    const presented = this.presented;
    let length = token.length;
    if (!copyAscii(token, presented)) {
      // Not ASCII: the general (slower) path; a token whose UTF-8 overflows the buffer is refused.
      if (Buffer.byteLength(token, 'utf8') > MAX_TOKEN_BYTES) return false;
      presented.fill(0);
      length = presented.write(token, 'utf8');
    }
    let matched = false;
    for (let i = 0; i < this.padded.length; i++) {
      const same = timingSafeEqual(presented, this.padded[i]!);
      if (same && length === this.lengths[i]) matched = true;
    }
    return matched;
  }
}

/**
 * Copies an ASCII `text` into `into` and zeroes the rest of it, in one loop without a call
 * into C++ (Buffer#fill and #write were ~2% of /v1/authorize's CPU); false, with `into` left
 * partly written, when `text` has a character outside ASCII. `text` is never longer than `into`.
 */
function copyAscii(text: string, into: Buffer): boolean {
  for (let i = 0; i < into.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (code > 0x7f) return false;
    into[i] = code;
  }
  return true;
}
