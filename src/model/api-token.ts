/**
 * Bearer tokens of the /v1 routes (docs/design/policy.md): the longest one accepted. The
 * configuration refuses longer tokens at start; the comparison pads to this size.
 */
export const MAX_TOKEN_BYTES = 256;

/** Shortest configured token: shorter ones could be guessed. */
export const MIN_TOKEN_CHARS = 16;
