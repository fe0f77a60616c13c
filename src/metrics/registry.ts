/**
 * A small Prometheus text-format registry (exposition format 0.0.4): counters,
 * gauges computed at scrape time, and histograms. Label values are escaped per
 * the format; label sets are kept small by the callers (rcode, qtype, view).
 */
type Labels = Readonly<Record<string, string>>;

/** The default label set, recognised by identity so an unlabelled observation skips formatting. */
const NO_LABELS: Labels = Object.freeze({});

function labelKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return '';
  return `{${names.map((n) => `${n}="${escapeLabel(labels[n]!)}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
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

export class Counter {
  private readonly values = new Map<string, CounterCell>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    this.series(labels).inc(by);
  }

  /**
   * The series for these labels, to keep and increment directly: a hot path
   * (one DNS query) then pays no label formatting per increment.
   */
  series(labels: Labels = {}): CounterSeries {
    const key = labelKey(labels);
    let cell = this.values.get(key);
    if (cell === undefined) this.values.set(key, (cell = new CounterCell()));
    return cell;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, cell] of this.values) lines.push(`${this.name}${key} ${cell.value}`);
    return lines.join('\n');
  }
}

export class Gauge {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => Array<[Labels, number]>,
  ) {}

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const [labels, value] of this.read()) lines.push(`${this.name}${labelKey(labels)} ${value}`);
    return lines.join('\n');
  }
}

export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number; labels: Labels }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = NO_LABELS): void {
    const key = labels === NO_LABELS ? '' : labelKey(labels);
    let s = this.series.get(key);
    if (s === undefined) this.series.set(key, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0, labels }));
    // One increment per observation (hot path); buckets are made cumulative at scrape time.
    let i = 0;
    while (i < this.buckets.length && value > this.buckets[i]!) i++;
    if (i < this.buckets.length) s.counts[i]! += 1;
    s.sum += value;
    s.count += 1;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += s.counts[i]!;
        lines.push(`${this.name}_bucket${labelKey({ ...s.labels, le: String(bound) })} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${labelKey({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelKey(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelKey(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class MetricsRegistry {
  private readonly metrics: Array<Counter | Gauge | Histogram> = [];

  register<M extends Counter | Gauge | Histogram>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }

  render(): string {
    return `${this.metrics.map((m) => m.render()).join('\n')}\n`;
  }
}
