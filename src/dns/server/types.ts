import type { DnsAuthority, ViewResolver } from '../lookup/types.js';

export type Transport = 'udp' | 'tcp';

/** Where a query came from. */
export interface QuerySource {
  address: string;
  port: number;
  transport: Transport;
}

/** Receives one observation per answered query (Prometheus lives elsewhere). */
export interface DnsMetricsSink {
  /** `view` is the asking VPC's id, or "-" when the source is bound to none. */
  observe(rcode: number, qtype: number, view: string, seconds: number): void;
}

/** One line of the optional query log. */
export interface QueryLogEntry {
  /** Epoch milliseconds when the answer was sent. */
  time: number;
  client: string;
  clientPort: number;
  protocol: Transport;
  id: number;
  /** As asked (original case); "" when the query had no readable question. */
  qname: string;
  qtype: number;
  qclass: number;
  /** 12-bit RCODE (16 = BADVERS). */
  rcode: number;
  view: string;
  /** Bytes of the reply. */
  size: number;
  /** Answered from a precompiled reply. */
  cached: boolean;
  durationMicros: number;
}

export interface DnsServerOptions {
  /** Each address gets a UDP and a TCP listener. Port 0 lets each protocol pick its own port. */
  listen: Array<{ host: string; port: number }>;
  authority: DnsAuthority;
  views: ViewResolver;
  /** Close a TCP connection after this long without a complete query (RFC 7766 §6.2.3). Default 10 s. */
  tcpIdleTimeoutMs?: number;
  /** Open TCP connections across all listeners; beyond it new ones are closed at once. Default 1000. */
  tcpMaxConnections?: number;
  /** Precompiled replies kept for the fast path. Default 250,000 entries / 64 MiB. */
  replyCacheEntries?: number;
  replyCacheBytes?: number;
  metrics?: DnsMetricsSink;
  queryLog?: (entry: QueryLogEntry) => void;
  /** Internal errors (a lookup that threw, a socket error). The query got SERVFAIL. */
  onError?: (err: Error) => void;
}

export interface DnsServer {
  readonly addresses: ReadonlyArray<{ host: string; port: number; protocol: Transport }>;
  close(): Promise<void>;
}
