import type { AnswerChange, DnsAuthority, LookupQuery, LookupResult, QueryView, RRsetLookupResult } from '../lookup/types.js';
import { lookupRRsetsInZone } from '../zone/lookup.js';
import { hasZones, recordsResult } from '../lookup/rrsets.js';
import { isAtOrBelow, normalizeName } from '../zone/names.js';
import type { Zone } from '../zone/zone.js';
import { orderByAffinity, type AffinityMode } from './affinity.js';
import { ChangeLog } from './change-log.js';
import { OriginDepths, suffixOfDepth } from './origin-depths.js';
import { ZoneRegistryError } from './errors.js';
import { VpcIndex, type PrivateZone } from './vpc-index.js';

/**
 * A name error in a zone that hands absent names on (Zone.absentNameStatus): nothing to say
 * about the name itself → REFUSED, so the asking resolver turns elsewhere; at the end of a
 * CNAME chain → the chain alone (NOERROR), as for a chain that leaves the zone, and the
 * resolver asks for its target on its own.
 */
function handedOn(result: RRsetLookupResult): RRsetLookupResult {
  if (result.answer.length > 0) return { status: 'success', answer: result.answer, authority: [], additional: [] };
  return { status: 'notAuthoritative', answer: [], authority: [], additional: [], refusal: 'handedOn' };
}

export interface ZoneRegistryOptions {
  /** Zone-affinity ordering of tagged address sets (default 'first'). */
  readonly affinityMode?: AffinityMode;
}

/**
 * Every zone plinkd serves, and who may see it (docs/dns.md "Views"). Public
 * zones answer every query; a private zone answers only queries whose view
 * is in a VPC bound to it. A query goes to the visible zone with the longest
 * origin that contains its name — a private zone before a public zone of the
 * same name — and no visible zone means not authoritative (REFUSED).
 */
export class ZoneRegistry implements DnsAuthority {
  private readonly publicZones = new Map<string, Zone>();
  private readonly privateZones = new Map<string, PrivateZone>();
  private readonly vpcIndex = new VpcIndex();
  /** Origins of the private zones bound to at least one VPC, with how many: tells a refusal by view (RFC 8914 "Prohibited"). */
  private readonly boundOrigins = new Map<string, number>();
  private readonly affinityMode: AffinityMode;
  private readonly log = new ChangeLog();
  /** Origins of every zone held, public or private (bound or not). */
  private readonly depths = new OriginDepths();

  constructor(options: ZoneRegistryOptions = {}) {
    this.affinityMode = options.affinityMode ?? 'first';
  }

  /** Advances on every change that alters an answer: zones added, removed or rebound, any record. */
  get generation(): number {
    return this.log.generation;
  }

  changesSince(generation: number): readonly AnswerChange[] | undefined {
    return this.log.since(generation);
  }

  /** What the zone reports goes to the log: its names, or its whole origin. */
  private listenTo(zone: Zone): void {
    zone.setChangeListener(
      (names) => {
        if (names === undefined) this.log.add(zone.origin, true);
        else for (const name of names) this.log.add(name, false);
      },
      () => this.log.watched,
    );
  }

  /** Any spelling of the name (the explainer passes what a user typed). */
  lookup(query: LookupQuery): LookupResult {
    return recordsResult(this.lookupRRsets({ ...query, name: normalizeName(query.name) }));
  }

  /**
   * The name as LookupQuery has it — lowercased, no trailing dot — as the DNS
   * server's decoder gives it: normalizing it again was a visible share of a miss.
   */
  lookupRRsets(query: LookupQuery): RRsetLookupResult {
    const name = query.name;
    const zone = this.visibleZone(name, query.view);
    if (zone === undefined) return this.refused(name);
    const found = lookupRRsetsInZone(zone, name, query.type);
    const result = found.status === 'nameError' && zone.absentNameStatus === 'notAuthoritative' ? handedOn(found) : found;
    const zoneId = query.view.zoneId;
    // Most answers carry no zone-tagged RRset: those are returned as they are, no copy.
    if (zoneId === undefined || !result.answer.some((item) => hasZones(item.rrset))) return result;
    return { ...result, answer: orderByAffinity(result.answer, zoneId, this.affinityMode) };
  }

  /**
   * No zone answers in this view. When a private zone bound to other VPCs holds the name the
   * view is what refuses it; the reply then says so (docs/dns.md "Extended DNS Errors"), which
   * tells the asker that such a zone is served here — its origin, never its data or VPCs.
   */
  private refused(normalized: string): RRsetLookupResult {
    const refused: RRsetLookupResult = { status: 'notAuthoritative', answer: [], authority: [], additional: [] };
    if (this.boundOrigins.size === 0) return refused;
    for (let start = 0; ;) {
      const suffix = start === 0 ? normalized : normalized.slice(start);
      if (this.boundOrigins.has(suffix)) return { ...refused, refusal: 'view' };
      if (suffix === '') return refused;
      const dot = normalized.indexOf('.', start);
      start = dot < 0 ? normalized.length : dot + 1;
    }
  }

  /** The zone that answers `name` in `view`, if any. */
  zoneFor(name: string, view: QueryView): Zone | undefined {
    return this.visibleZone(normalizeName(name), view);
  }

  private visibleZone(normalized: string, view: QueryView): Zone | undefined {
    const privateZones = view.vpcId === undefined ? undefined : this.vpcIndex.zonesOf(view.vpcId);
    const depths = this.depths.deepestFirst;
    for (let i = 0; i < depths.length; i++) {
      const suffix = this.suffixAt(normalized, depths[i] as number);
      if (suffix === undefined) continue;
      const zone = privateZones?.get(suffix)?.zone ?? this.publicZones.get(suffix);
      if (zone !== undefined) return zone;
    }
    return undefined;
  }

  /** The last suffix visibleZone sliced at each depth: most queries of a fleet end in the same few origins. */
  private readonly lastSuffixes: string[] = [];

  /**
   * suffixOfDepth, but when the name ends in the suffix last found at that depth (after a
   * dot), that string is reused: no slice per query, and its hash is already computed for
   * the map reads that follow.
   */
  private suffixAt(normalized: string, depth: number): string | undefined {
    const last = this.lastSuffixes[depth];
    if (
      last !== undefined &&
      last !== '' &&
      normalized.length > last.length &&
      normalized.charCodeAt(normalized.length - last.length - 1) === 0x2e &&
      normalized.endsWith(last)
    ) {
      return last;
    }
    const suffix = suffixOfDepth(normalized, depth);
    if (suffix !== undefined) this.lastSuffixes[depth] = suffix;
    return suffix;
  }

  /** Serves `zone` to everyone, replacing (and returning) a public zone of the same origin. */
  setPublicZone(zone: Zone): Zone | undefined {
    const previous = this.publicZones.get(zone.origin);
    if (previous === zone) return undefined;
    this.listenTo(zone);
    previous?.setChangeListener(undefined);
    if (previous === undefined) this.depths.add(zone.origin);
    this.publicZones.set(zone.origin, zone);
    this.log.add(zone.origin, true);
    return previous;
  }

  removePublicZone(origin: string): boolean {
    const key = normalizeName(origin);
    const zone = this.publicZones.get(key);
    if (zone === undefined) return false;
    zone.setChangeListener(undefined);
    this.publicZones.delete(key);
    this.depths.remove(key);
    this.log.add(key, true);
    return true;
  }

  /**
   * Adds the private zone `id`, or replaces its data with `zone`. `vpcIds`
   * replaces its bindings; left out, a replaced zone keeps its bindings and a
   * new one is bound to no VPC. Throws ZoneRegistryError when a VPC would see
   * two private zones of the same name.
   */
  setPrivateZone(id: string, zone: Zone, vpcIds?: Iterable<string>): Zone | undefined {
    const previous = this.privateZones.get(id);
    const vpcs = new Set(vpcIds ?? previous?.vpcIds ?? []);
    if (previous?.zone === zone && sameSet(previous.vpcIds, vpcs)) return undefined;
    this.checkConflicts(id, zone.origin, vpcs);
    if (previous?.zone !== zone) this.listenTo(zone);
    this.replacePrivate(previous, { id, zone, vpcIds: vpcs });
    if (previous !== undefined && previous.zone !== zone) {
      previous.zone.setChangeListener(undefined);
      return previous.zone;
    }
    return undefined;
  }

  removePrivateZone(id: string): boolean {
    const entry = this.privateZones.get(id);
    if (entry === undefined) return false;
    entry.zone.setChangeListener(undefined);
    this.vpcIndex.remove(entry);
    this.countBound(entry, -1);
    this.privateZones.delete(id);
    this.depths.remove(entry.zone.origin);
    this.log.add(entry.zone.origin, true);
    return true;
  }

  /**
   * Sets the VPCs private zone `id` answers, replacing the previous set, as
   * PrivateZone's BindZoneVpc does (an empty set unbinds every VPC).
   */
  bindVpcs(id: string, vpcIds: Iterable<string>): void {
    const entry = this.privateZones.get(id);
    if (entry === undefined) throw new ZoneRegistryError(`no private zone ${id}`);
    const vpcs = new Set(vpcIds);
    if (sameSet(entry.vpcIds, vpcs)) return;
    this.checkConflicts(id, entry.zone.origin, vpcs);
    this.replacePrivate(entry, { id, zone: entry.zone, vpcIds: vpcs });
  }

  publicZone(origin: string): Zone | undefined {
    return this.publicZones.get(normalizeName(origin));
  }

  privateZone(id: string): PrivateZone | undefined {
    return this.privateZones.get(id);
  }

  /**
   * Every private zone whose origin holds `name` (any case), whichever VPCs it is bound to:
   * for explaining an answer (dns/explain), not for answering. O(private zones).
   */
  privateZonesHolding(name: string): PrivateZone[] {
    const normalized = normalizeName(name);
    const found: PrivateZone[] = [];
    for (const entry of this.privateZones.values()) if (isAtOrBelow(normalized, entry.zone.origin)) found.push(entry);
    return found;
  }

  private checkConflicts(id: string, origin: string, vpcIds: ReadonlySet<string>): void {
    for (const vpcId of vpcIds) {
      const other = this.vpcIndex.conflict(vpcId, origin, id);
      if (other !== undefined) {
        throw new ZoneRegistryError(`VPC ${vpcId} is already bound to private zone ${other.id} named ${origin || '.'}`);
      }
    }
  }

  private replacePrivate(previous: PrivateZone | undefined, next: PrivateZone): void {
    if (previous !== undefined) {
      this.vpcIndex.remove(previous);
      this.countBound(previous, -1);
    }
    if (previous?.zone.origin !== next.zone.origin) {
      if (previous !== undefined) this.depths.remove(previous.zone.origin);
      this.depths.add(next.zone.origin);
    }
    Object.freeze(next);
    this.privateZones.set(next.id, next);
    this.vpcIndex.add(next);
    this.countBound(next, 1);
    if (previous !== undefined && previous.zone.origin !== next.zone.origin) this.log.add(previous.zone.origin, true);
    this.log.add(next.zone.origin, true);
  }

  private countBound(entry: PrivateZone, by: 1 | -1): void {
    if (entry.vpcIds.size === 0) return;
    const origin = entry.zone.origin;
    const count = (this.boundOrigins.get(origin) ?? 0) + by;
    if (count === 0) this.boundOrigins.delete(origin);
    else this.boundOrigins.set(origin, count);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}
