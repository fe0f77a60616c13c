import {
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry,
  type LabelValues,
  type MetricObjectWithValues,
  type MetricType,
  type MetricValueWithName,
} from 'prom-client';

/**
 * Metrics through prom-client (Prometheus text exposition 0.0.4), one registry per process.
 *
 * The per-query path (one DNS query) never calls prom-client: it increments local cells, and
 * prom-client reads them when /metrics is scraped — a counter's collect() adds what the cells
 * gained since the last scrape, a histogram reports its cells' buckets. prom-client on that path
 * cost a multiple of the cells' time (bench/metrics-hot-path, docs/design/performance.md
 * "Metrics"). Gauges are read at scrape time. Names and label sets are the callers'.
 */
type Labels = Readonly<Record<string, string>>;

/** The default label set, recognised by identity so an unlabelled observation skips formatting. */
const NO_LABELS: Labels = Object.freeze({});

function labelKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return '';
  return names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(',');
}

/** prom-client's typings declare a numeric enum that its JavaScript does not export; its registry writes this string. */
const HISTOGRAM_TYPE = 'histogram' as unknown as MetricType;

/** The labels with their names in order, as prom-client writes them in the order given. */
function sorted(labels: Labels): Labels {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) out[name] = labels[name]!;
  return out;
}

interface Registrable {
  readonly name: string;
  /** Creates the prom-client metric in `registry`, fed from this one. */
  attach(registry: Registry): void;
}

/** One labelled series of a counter, for callers that count the same labels many times. */
export interface CounterSeries {
  inc(by?: number): void;
}

class CounterCell implements CounterSeries {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

export class Counter implements Registrable {
  private readonly cells = new Map<string, { labels: Labels; cell: CounterCell }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {}

  inc(labels: Labels = NO_LABELS, by = 1): void {
    this.series(labels).inc(by);
  }

  /**
   * The series for these labels, to keep and increment directly: a hot path
   * (one DNS query) then pays no label formatting per increment.
   */
  series(labels: Labels = NO_LABELS): CounterSeries {
    const key = labels === NO_LABELS ? '' : labelKey(labels);
    let entry = this.cells.get(key);
    if (entry === undefined) this.cells.set(key, (entry = { labels: sorted(labels), cell: new CounterCell() }));
    return entry.cell;
  }

  attach(registry: Registry): void {
    const cells = this.cells;
    const collected = new Map<CounterCell, number>();
    new PromCounter({
      name: this.name,
      help: this.help,
      labelNames: [...this.labelNames],
      registers: [registry],
      collect() {
        // Only what each cell gained since the last scrape: prom-client's counter stays monotonic.
        for (const { labels, cell } of cells.values()) {
          this.inc(labels, cell.value - (collected.get(cell) ?? 0));
          collected.set(cell, cell.value);
        }
      },
    });
  }
}

/** A value read at scrape time, per label set. */
export class Gauge implements Registrable {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => Array<[Labels, number]>,
    readonly labelNames: readonly string[] = [],
  ) {}

  attach(registry: Registry): void {
    const read = this.read;
    new PromGauge({
      name: this.name,
      help: this.help,
      labelNames: [...this.labelNames],
      registers: [registry],
      collect() {
        this.reset();
        for (const [labels, value] of read()) this.set(sorted(labels), value);
      },
    });
  }
}

interface HistogramCells {
  counts: number[];
  sum: number;
  count: number;
  labels: Labels;
}

export class Histogram implements Registrable {
  private readonly series = new Map<string, HistogramCells>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = NO_LABELS): void {
    const key = labels === NO_LABELS ? '' : labelKey(labels);
    let s = this.series.get(key);
    if (s === undefined) this.series.set(key, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0, labels: sorted(labels) }));
    // One increment per observation (hot path); buckets are made cumulative at scrape time.
    let i = 0;
    while (i < this.buckets.length && value > this.buckets[i]!) i++;
    if (i < this.buckets.length) s.counts[i]! += 1;
    s.sum += value;
    s.count += 1;
  }

  attach(registry: Registry): void {
    const { name, buckets, series } = this;
    const labelNames = [...new Set([...series.values()].flatMap((s) => Object.keys(s.labels)))];
    const help = this.help;
    const values = (): Array<MetricValueWithName<string>> => {
      const out: Array<MetricValueWithName<string>> = [];
      for (const s of series.values()) {
        const labels: LabelValues<string> = { ...s.labels };
        let cumulative = 0;
        buckets.forEach((bound, i) => {
          cumulative += s.counts[i]!;
          out.push({ labels: { ...labels, le: bound }, value: cumulative, metricName: `${name}_bucket` });
        });
        out.push({ labels: { ...labels, le: '+Inf' }, value: s.count, metricName: `${name}_bucket` });
        out.push({ labels, value: s.sum, metricName: `${name}_sum` });
        out.push({ labels, value: s.count, metricName: `${name}_count` });
      }
      return out;
    };
    // A prom-client histogram whose values are the cells' (the registry's text output reads
    // getForPromString(), its JSON output get(): both answer them).
    class CellHistogram extends PromHistogram {
      override async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
        return { name, help, type: HISTOGRAM_TYPE, aggregator: 'sum', collect: () => undefined, values: values() };
      }

      getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
        return this.get();
      }
    }
    new CellHistogram({ name, help: this.help, buckets: [...buckets], labelNames, registers: [registry] });
  }
}

export class MetricsRegistry {
  private readonly registry = new Registry();

  /** The Content-Type of `render()`'s text. */
  readonly contentType: string = this.registry.contentType;

  register<M extends Counter | Gauge | Histogram>(metric: M): M {
    metric.attach(this.registry);
    return metric;
  }

  /** Every metric in the Prometheus text format, collected now. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
