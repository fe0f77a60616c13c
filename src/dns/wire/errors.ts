/**
 * Why a message could not be read. One variant per cause, so tests and logs can
 * say exactly what was wrong with a packet rather than "parse error".
 */
export type FormatReason =
  | 'truncated'
  | 'name-too-long'
  | 'bad-label-type'
  | 'bad-pointer'
  | 'pointer-loop'
  | 'trailing-bytes'
  | 'opt-not-root'
  | 'opt-outside-additional'
  | 'duplicate-opt'
  | 'bad-option-length'
  | 'bad-client-subnet'
  | 'duplicate-client-subnet'
  | 'bad-rdata';

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
  constructor(
    readonly reason: FormatReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/**
 * Thrown by the writer when a message would exceed its size limit. The response
 * encoder catches it and retries with less data (truncation); it never escapes.
 */
export class MessageOverflow extends Error {
  override readonly name = 'MessageOverflow';
  constructor() {
    super('message exceeds its size limit');
  }
}

/** Data handed to the encoder that cannot be put on the wire (a bug upstream). */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
}
