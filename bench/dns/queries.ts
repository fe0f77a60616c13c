import type { FleetEndpoint } from '../common/fleet.js';
import { shuffleInPlace, xorshift32 } from '../common/xorshift.js';

/**
 * The query mix both servers get (same file, same order): what resolvers ask
 * an endpoint zone. Weights in percent.
 */
export const MIX = [
  { kind: 'region-a', weight: 30, what: 'region-wide name, A (3 addresses)' },
  { kind: 'zonal-a', weight: 25, what: 'zonal name, A (1 address)' },
  { kind: 'aaaa', weight: 10, what: 'DualStack endpoint name, AAAA' },
  { kind: 'nodata-aaaa', weight: 10, what: 'IPv4-only endpoint name, AAAA (NODATA)' },
  { kind: 'nodata-ent', weight: 5, what: 'service domain (empty non-terminal), A (NODATA)' },
  { kind: 'nxdomain', weight: 20, what: 'unknown endpoint under a real service, A (NXDOMAIN)' },
] as const;

export type QueryKind = (typeof MIX)[number]['kind'];

export interface QueryLine {
  kind: QueryKind;
  name: string;
  type: 'A' | 'AAAA';
}

const random = xorshift32;

function kindOf(roll: number): QueryKind {
  let acc = 0;
  for (const entry of MIX) {
    acc += entry.weight;
    if (roll < acc) return entry.kind;
  }
  return 'region-a';
}

/**
 * Builds `count` queries over a fleet of `endpoints` seen once, in order, as
 * it is generated: each query is tied to a random endpoint (uniform over the
 * fleet) and made when that endpoint streams by. Queries needing a DualStack
 * (or IPv4-only) endpoint take the next one that is.
 */
export class QueryMixBuilder {
  private readonly slots: Array<{ at: number; kind: QueryKind }> = [];
  private cursor = 0;
  private seen = 0;
  private readonly waiting = new Map<'dual' | 'v4', QueryKind[]>([
    ['dual', []],
    ['v4', []],
  ]);
  readonly lines: QueryLine[] = [];
  private readonly next = random(1234);

  constructor(endpoints: number, count: number) {
    for (let i = 0; i < count; i++) this.slots.push({ at: this.next() % endpoints, kind: kindOf(this.next() % 100) });
    this.slots.sort((a, b) => a.at - b.at);
  }

  add(batch: readonly FleetEndpoint[]): void {
    for (const endpoint of batch) {
      const index = this.seen++;
      const dual = (endpoint.names[0]?.aaaa.length ?? 0) > 0;
      const family = dual ? 'dual' : 'v4';
      for (const kind of this.waiting.get(family)!.splice(0)) this.make(kind, endpoint);
      while (this.cursor < this.slots.length && this.slots[this.cursor]!.at === index) {
        const { kind } = this.slots[this.cursor++]!;
        if (kind === 'aaaa' && !dual) this.waiting.get('dual')!.push(kind);
        else if (kind === 'nodata-aaaa' && dual) this.waiting.get('v4')!.push(kind);
        else this.make(kind, endpoint);
      }
    }
  }

  private make(kind: QueryKind, endpoint: FleetEndpoint): void {
    const region = endpoint.names[0]!.name;
    const zonal = endpoint.names[1 + (this.next() % (endpoint.names.length - 1))]!.name;
    const serviceDomain = region.slice(region.indexOf('.') + 1);
    switch (kind) {
      case 'region-a':
        return void this.lines.push({ kind, name: region, type: 'A' });
      case 'zonal-a':
        return void this.lines.push({ kind, name: zonal, type: 'A' });
      case 'aaaa':
      case 'nodata-aaaa':
        return void this.lines.push({ kind, name: this.next() % 2 === 0 ? region : zonal, type: 'AAAA' });
      case 'nodata-ent':
        return void this.lines.push({ kind, name: serviceDomain, type: 'A' });
      case 'nxdomain':
        return void this.lines.push({
          kind,
          name: `ep-${this.next().toString(36)}x${this.next().toString(36)}.${serviceDomain}`,
          type: 'A',
        });
    }
  }

  /** The lines in a shuffled (fixed) order, as dnsperf input. */
  text(): string {
    const lines = [...this.lines];
    shuffleInPlace(lines, this.next);
    return lines.map((l) => `${l.name} ${l.type}`).join('\n') + '\n';
  }

  /** How many lines of each kind were made. */
  counts(): Record<QueryKind, number> {
    const counts = Object.fromEntries(MIX.map((m) => [m.kind, 0])) as Record<QueryKind, number>;
    for (const line of this.lines) counts[line.kind]++;
    return counts;
  }
}
