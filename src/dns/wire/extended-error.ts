import { EdnsOptionCode } from './constants.js';
import type { EdnsOption } from './edns.js';

/** INFO-CODEs of the Extended DNS Error option that plinkd sends (RFC 8914 §4). */
export const ExtendedErrorCode = {
  /** §4.1: nothing below fits; EXTRA-TEXT says what happened. */
  OTHER: 0,
  /** §4.19: the client is not allowed the answer (here: its view does not see the zone). */
  PROHIBITED: 18,
  /** §4.21: REFUSED by an authoritative server for a name it is not authoritative for. */
  NOT_AUTHORITATIVE: 20,
  /** §4.22: the requested operation or query is not supported. */
  NOT_SUPPORTED: 21,
} as const;

/**
 * One EDE option (RFC 8914 §2): INFO-CODE then EXTRA-TEXT, UTF-8 without a NUL.
 * Built once per reason and shared: the option's bytes never change.
 */
export function extendedError(infoCode: number, extraText: string): EdnsOption {
  const text = Buffer.from(extraText, 'utf8');
  const data = Buffer.alloc(2 + text.length);
  data.writeUInt16BE(infoCode, 0);
  text.copy(data, 2);
  return { code: EdnsOptionCode.EXTENDED_ERROR, data };
}
