import { describe, expect, it } from 'vitest';
import { BearerTokens } from '../../src/api/authz/bearer.js';
import { MAX_TOKEN_BYTES } from '../../src/model/api-token.js';
import { loadConfig } from '../../src/config/config.js';

const A = 'token-aaaaaaaaaaaaaaaa';
const B = 'second-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('bearer tokens', () => {
  const tokens = new BearerTokens([A, B]);

  it.each([
    ['the first token', `Bearer ${A}`, true],
    ['the second token', `Bearer ${B}`, true],
    ['the scheme in any case', `bEARER ${B}`, true],
    ['surrounding spaces', `Bearer   ${A}  `, true],
    ['a prefix of a token', `Bearer ${A.slice(0, -1)}`, false],
    ['a token with one more character', `Bearer ${A}a`, false],
    ['a token padded with NUL', `Bearer ${A}\u0000`, false],
    ['a token with one character changed', `Bearer ${A.slice(0, -1)}b`, false],
    ['another scheme', `Basic ${A}`, false],
    ['no token', 'Bearer ', false],
    ['a token longer than any can be', `Bearer ${'x'.repeat(MAX_TOKEN_BYTES + 1)}`, false],
    ['a multi-byte token that overflows the buffer', `Bearer ${'é'.repeat(MAX_TOKEN_BYTES / 2 + 1)}`, false],
  ])('%s → %s', (_what, header, expected) => {
    expect(tokens.accepts(header)).toBe(expected);
  });

  it('accepts nothing when no token is configured', () => {
    expect(new BearerTokens([]).accepts(`Bearer ${A}`)).toBe(false);
    expect(new BearerTokens(['']).accepts('Bearer ')).toBe(false);
  });

  it('accepts a token of exactly the longest size, and only it', () => {
    const longest = 'L'.repeat(MAX_TOKEN_BYTES);
    const one = new BearerTokens([longest]);
    expect(one.accepts(`Bearer ${longest}`)).toBe(true);
    expect(one.accepts(`Bearer ${longest.slice(1)}M`)).toBe(false);
  });

  it('refuses over-long tokens in the configuration with a clear message', () => {
    expect(() => loadConfig(['--api-tokens', 'x'.repeat(MAX_TOKEN_BYTES + 1)], {})).toThrow(/at most 256 bytes/);
  });
});
