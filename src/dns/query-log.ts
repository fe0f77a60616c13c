import type { Logger } from '../log/logger.js';
import type { QueryLogEntry } from './server/index.js';
import { className, qtypeName, rcodeName } from './wire/index.js';

/**
 * The query log (--query-log, docs/dns.md "Operations"): one line per answered query,
 * with the rcode, type and class by name ("rcode":"REFUSED","qtype":"A") as dig prints them.
 * The line's own ISO `time` is when the answer went out; the entry's epoch copy is dropped.
 */
export function queryLogger(log: Logger): (entry: QueryLogEntry) => void {
  return ({ time: _sentAt, rcode, qtype, qclass, ...rest }) =>
    log.info('query', { ...rest, qtype: qtypeName(qtype), qclass: className(qclass), rcode: rcodeName(rcode) });
}
