/**
 * The API access log (docs/api.md "Access log"): one entry per cloud-API call,
 * answered or refused. Identifiers only — the AccessKeyId, never its secret, the
 * signature, a token or any parameter value.
 */
export interface AccessLogEntry {
  requestId: string;
  /** As asked; undefined when the request named none (or could not be read). */
  action: string | undefined;
  version: string | undefined;
  /** The authenticated caller's account; undefined when the call was refused before or at authentication. */
  uid: string | undefined;
  accessKeyId: string | undefined;
  /** "OK" for an answered call, else the error code of the body. */
  code: string;
  status: number;
  /** From dispatch (the request read and parsed) to the reply being ready, milliseconds (microsecond precision). */
  latencyMs: number;
}

export type AccessLog = (entry: AccessLogEntry) => void;
