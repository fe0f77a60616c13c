import { Counter, Histogram, type CounterSeries, type MetricsRegistry } from '../metrics/registry.js';
import type { DnsMetricsSink } from './server/index.js';
import { isNamedQtype, qtypeName, rcodeName } from './wire/index.js';

/**
 * Prometheus series for the DNS server (docs/dns.md "Operations"): queries by
 * rcode, type and view, and a latency histogram. Uncommon types are folded
 * into "other" so a flood of random types cannot grow the series without bound.
 */
export function dnsMetrics(registry: MetricsRegistry): DnsMetricsSink {
  const queries = registry.register(
    new Counter('plinkd_dns_queries_total', 'DNS queries answered, by rcode, qtype and view (VPC id or "-").', ['rcode', 'qtype', 'view']),
  );
  const latency = registry.register(
    new Histogram(
      'plinkd_dns_query_duration_seconds',
      'Time from receiving a query to sending its answer.',
      [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    ),
  );
  // Series by view, then "rcode:qtype" folded to a number: building the
  // label string on every query cost ~5% of the hot path (bench:dns profile).
  const seriesByView = new Map<string, Map<number, CounterSeries>>();
  const seriesFor = (rcode: number, qtype: number, view: string): CounterSeries => {
    let byCode = seriesByView.get(view);
    if (byCode === undefined) seriesByView.set(view, (byCode = new Map()));
    const named = isNamedQtype(qtype);
    const code = rcode * 65536 + (named ? qtype : 65535);
    let series = byCode.get(code);
    if (series === undefined) {
      series = queries.series({ rcode: rcodeName(rcode), qtype: named ? qtypeName(qtype) : 'other', view });
      byCode.set(code, series);
    }
    return series;
  };
  return {
    observe(rcode, qtype, view, seconds) {
      seriesFor(rcode, qtype, view).inc();
      latency.observe(seconds);
    },
  };
}
