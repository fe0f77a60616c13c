import type {
  ClientSubnet,
  DnsAuthority,
  LookupQuery,
  LookupResult,
  QueryView,
  RData,
  ResolvedView,
  ResourceRecord,
  ViewResolver,
} from '../../src/dns/lookup/types.js';
import { RRType } from '../../src/dns/lookup/types.js';

type Soa = Extract<RData, { kind: 'SOA' }>;
/** DS lives at the parent side of a cut (RFC 4035 §3.1.4.1). */
const DS_TYPE = 43;

export interface StaticZone {
  /** Apex, lowercased, no trailing dot. */
  origin: string;
  soa: Omit<Soa, 'kind'> & { ttl: number };
  records: ResourceRecord[];
  /** VPCs that see this zone; absent = everyone (like endpoint domains). */
  visibleTo?: string[];
}

const TYPE_OF: Record<RData['kind'], number | undefined> = {
  A: RRType.A,
  AAAA: RRType.AAAA,
  NS: RRType.NS,
  CNAME: RRType.CNAME,
  PTR: RRType.PTR,
  SOA: RRType.SOA,
  MX: RRType.MX,
  TXT: RRType.TXT,
  SRV: RRType.SRV,
  RAW: undefined,
};

/** A record in zone-file terms: `rr('www.example.test', 300, { kind: 'A', address: '192.0.2.1' })`. */
export function rr(name: string, ttl: number, data: RData): ResourceRecord {
  return { name, type: TYPE_OF[data.kind] ?? (data as { type: number }).type, class: 1, ttl, data };
}

function inZone(name: string, origin: string): boolean {
  return origin === '' || name === origin || name.endsWith('.' + origin);
}

/** Ancestors of `name` strictly below `origin`, closest to the apex first. */
function namesBetween(name: string, origin: string): string[] {
  const labels = name.split('.');
  const depth = origin === '' ? 0 : origin.split('.').length;
  const out: string[] = [];
  for (let keep = depth + 1; keep < labels.length; keep++) out.push(labels.slice(labels.length - keep).join('.'));
  return out;
}

/**
 * A small but real authority over fixed tables: exact-name lookup, CNAME
 * followed inside the zone, zone cuts (NS below the apex) as referrals with
 * glue, NXDOMAIN vs NODATA with the SOA (negative TTL = min(SOA TTL, MINIMUM),
 * RFC 2308 §5), ANY = everything at the name, notAuthoritative outside its
 * zones or for VPCs a zone is not visible to.
 */
export class StaticAuthority implements DnsAuthority {
  private zones: StaticZone[];
  private byName = new Map<string, ResourceRecord[]>();
  private existing = new Set<string>();
  generation = 1;

  constructor(zones: StaticZone[]) {
    this.zones = [];
    this.load(zones);
  }

  /** Replaces all data and bumps the generation, as a reload would. */
  load(zones: StaticZone[]): void {
    this.zones = [...zones].sort((a, b) => b.origin.length - a.origin.length);
    this.byName = new Map();
    this.existing = new Set();
    for (const zone of zones) {
      const soa: ResourceRecord = rr(zone.origin, zone.soa.ttl, { kind: 'SOA', ...zone.soa });
      for (const record of [soa, ...zone.records]) {
        const list = this.byName.get(record.name) ?? [];
        list.push(record);
        this.byName.set(record.name, list);
        this.existing.add(record.name);
        for (const ancestor of namesBetween(record.name, zone.origin)) this.existing.add(ancestor);
      }
    }
    this.generation++;
  }

  private zoneFor(name: string, view: QueryView): StaticZone | undefined {
    return this.zones.find(
      (z) => inZone(name, z.origin) && (z.visibleTo === undefined || (view.vpcId !== undefined && z.visibleTo.includes(view.vpcId))),
    );
  }

  private negativeSoa(zone: StaticZone): ResourceRecord {
    const ttl = Math.min(zone.soa.ttl, zone.soa.minimum);
    return rr(zone.origin, ttl, { kind: 'SOA', ...zone.soa });
  }

  lookup(query: LookupQuery): LookupResult {
    const zone = this.zoneFor(query.name, query.view);
    const empty: LookupResult = { status: 'notAuthoritative', answer: [], authority: [], additional: [] };
    if (zone === undefined) return empty;
    for (const cut of namesBetween(query.name, zone.origin).concat(query.name === zone.origin ? [] : [query.name])) {
      const ns = (this.byName.get(cut) ?? []).filter((r) => r.type === RRType.NS);
      if (ns.length > 0 && !(cut === query.name && query.type === DS_TYPE)) {
        const glue = ns
          .flatMap((r) => (r.data.kind === 'NS' ? (this.byName.get(r.data.target) ?? []) : []))
          .filter((r) => r.type === RRType.A || r.type === RRType.AAAA);
        return { status: 'delegation', answer: [], authority: ns, additional: glue };
      }
    }
    const answer: ResourceRecord[] = [];
    let name = query.name;
    for (let hops = 0; hops < 8; hops++) {
      const here = this.byName.get(name) ?? [];
      const matching = here.filter((r) => query.type === RRType.ANY || r.type === query.type);
      if (matching.length > 0) return { status: 'success', answer: [...answer, ...matching], authority: [], additional: [] };
      const cname = here.find((r) => r.type === RRType.CNAME);
      if (cname === undefined || cname.data.kind !== 'CNAME') break;
      answer.push(cname);
      if (!inZone(cname.data.target, zone.origin)) return { status: 'success', answer, authority: [], additional: [] };
      name = cname.data.target;
    }
    if (answer.length > 0 && !this.existing.has(name)) {
      return { status: 'nameError', answer, authority: [this.negativeSoa(zone)], additional: [] };
    }
    if (answer.length > 0 || this.existing.has(name)) {
      return { status: 'noData', answer, authority: [this.negativeSoa(zone)], additional: [] };
    }
    return { status: 'nameError', answer: [], authority: [this.negativeSoa(zone)], additional: [] };
  }
}

export interface Binding {
  /** Exact source address of the resolver. */
  address: string;
  vpcId: string;
  zoneId?: string;
}

/**
 * Views by exact source address; with ECS, the zone is chosen by the first
 * matching subnet rule (IPv4 prefix match) and the scope is that rule's prefix.
 */
export class StaticViews implements ViewResolver {
  generation = 1;

  constructor(
    private bindings: Binding[] = [],
    private readonly subnetZones: Array<{ prefix: string; length: number; zoneId: string }> = [],
  ) {}

  bind(bindings: Binding[]): void {
    this.bindings = bindings;
    this.generation++;
  }

  resolve(sourceAddress: string, clientSubnet: ClientSubnet | undefined): ResolvedView {
    const binding = this.bindings.find((b) => b.address === sourceAddress);
    const view: QueryView = { vpcId: binding?.vpcId, zoneId: binding?.zoneId };
    // A /0 subnet says "do not use my address" (RFC 7871 §7.1.2); a rule needs at least its own prefix.
    if (clientSubnet?.family === 1 && clientSubnet.sourcePrefixLength > 0) {
      const rule = this.subnetZones.find(
        (r) => clientSubnet.sourcePrefixLength >= r.length && sameIpv4Prefix(r.prefix, clientSubnet.address, r.length),
      );
      if (rule !== undefined) return { view: { ...view, zoneId: rule.zoneId }, scopePrefixLength: rule.length };
    }
    return { view, scopePrefixLength: 0 };
  }
}

function sameIpv4Prefix(a: string, b: string, length: number): boolean {
  const toInt = (text: string): number => text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  if (length === 0) return true;
  const shift = 32 - length;
  return Math.floor(toInt(a) / 2 ** shift) === Math.floor(toInt(b) / 2 ** shift);
}
