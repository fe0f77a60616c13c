import { Counter, Histogram, type MetricsRegistry } from '../metrics/registry.js';
import type { DnsMetricsSink } from './server/index.js';

const RCODE_NAMES: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 16: 'BADVERS' };
const TYPE_NAMES: Record<number, string> = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 65: 'HTTPS', 255: 'ANY' };

/**
 * Prometheus series for the DNS server (SPEC §4 "Operations"): queries by
 * rcode, type and view, and a latency histogram. Uncommon types are folded
 * into "other" so a flood of random types cannot grow the series without bound.
 */
export function dnsMetrics(registry: MetricsRegistry): DnsMetricsSink {
  const queries = registry.register(new Counter('plinkd_dns_queries_total', 'DNS queries answered, by rcode, qtype and view (VPC id or "-").'));
  const latency = registry.register(
    new Histogram('plinkd_dns_query_duration_seconds', 'Time from receiving a query to sending its answer.', [
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05,
    ]),
  );
  return {
    observe(rcode, qtype, view, seconds) {
      queries.inc({ rcode: RCODE_NAMES[rcode] ?? String(rcode), qtype: TYPE_NAMES[qtype] ?? 'other', view });
      latency.observe(seconds);
    },
  };
}
