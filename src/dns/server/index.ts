/** plinkd's DNS server: UDP and TCP listeners in front of a DnsAuthority. */
export { startDnsServer } from './server.js';
export { DnsHandler, type HandlerOptions } from './handler.js';
export type { DnsMetricsSink, DnsServer, DnsServerOptions, QueryLogEntry, QuerySource, Transport } from './types.js';
