import type { Zone } from '../zone/zone.js';
import type { ZoneRegistry } from './registry.js';

/**
 * Who wants a private zone served to which VPCs, and who wins when two want
 * the same name in the same VPC (the registry serves a VPC at most one private
 * zone per name and refuses anything else).
 *
 * Two sources claim private zones: PrivateZone zones (the tenant's explicit
 * configuration, priority USER) and the OSS zones of gateway endpoints
 * (priority SYSTEM). A tenant zone of the same name shadows the OSS zone in
 * the VPCs it is bound to. Between claims of equal priority — two tenant zones
 * of one name bound to one VPC, which BindZoneVpc refuses but two API
 * processes racing could still write — the lower id wins, so every replica
 * serves the same one.
 *
 * Claims are collected while a replica batch is applied and `flush()` applies
 * them: for each name touched, first every zone's VPC set shrinks to what it
 * keeps, then grows to its new set, so the registry never sees a conflict on
 * the way.
 */
export const ClaimPriority = { SYSTEM: 0, USER: 1 } as const;

interface Claim {
  zone: Zone;
  vpcIds: ReadonlySet<string>;
  priority: number;
}

export class PrivateZoneArbiter {
  private readonly claims = new Map<string, Claim>();
  private readonly idsByOrigin = new Map<string, Set<string>>();
  private readonly dirtyOrigins = new Set<string>();
  /** Ids whose zone object left the registry's hands (released, or replaced by another Zone). */
  private readonly retired = new Set<string>();

  constructor(private readonly registry: ZoneRegistry) {}

  /** Wants `zone` served as private zone `id` to `vpcIds`; replaces the id's earlier claim. */
  claim(id: string, zone: Zone, vpcIds: Iterable<string>, priority: number): void {
    const previous = this.claims.get(id);
    if (previous !== undefined && previous.zone !== zone) this.forget(id, previous);
    this.claims.set(id, { zone, vpcIds: new Set(vpcIds), priority });
    let ids = this.idsByOrigin.get(zone.origin);
    if (ids === undefined) this.idsByOrigin.set(zone.origin, (ids = new Set()));
    ids.add(id);
    this.dirtyOrigins.add(zone.origin);
  }

  release(id: string): void {
    const previous = this.claims.get(id);
    if (previous === undefined) return;
    this.claims.delete(id);
    this.forget(id, previous);
  }

  /** The VPCs `id` is actually served to once flushed (for tests and diagnostics). */
  effectiveVpcs(id: string): ReadonlySet<string> {
    return this.registry.privateZone(id)?.vpcIds ?? new Set();
  }

  /** Applies every claim made since the last flush to the registry. */
  flush(): void {
    for (const id of this.retired) this.registry.removePrivateZone(id);
    this.retired.clear();
    const plans: Array<{ id: string; zone: Zone; target: Set<string> }> = [];
    for (const origin of this.dirtyOrigins) plans.push(...this.plan(origin));
    this.dirtyOrigins.clear();
    // Shrink everything first, then grow: no intermediate state has a VPC bound twice.
    for (const { id, zone, target } of plans) {
      const current = this.registry.privateZone(id);
      if (current === undefined) this.registry.setPrivateZone(id, zone, []);
      else
        this.registry.bindVpcs(
          id,
          [...current.vpcIds].filter((v) => target.has(v)),
        );
    }
    for (const { id, target } of plans) this.registry.bindVpcs(id, target);
  }

  private forget(id: string, claim: Claim): void {
    const ids = this.idsByOrigin.get(claim.zone.origin);
    ids?.delete(id);
    if (ids?.size === 0) this.idsByOrigin.delete(claim.zone.origin);
    this.dirtyOrigins.add(claim.zone.origin);
    if (this.registry.privateZone(id) !== undefined) this.retired.add(id);
  }

  /** Each claim of `origin` with the VPCs it keeps: higher priority first, then lower id. */
  private plan(origin: string): Array<{ id: string; zone: Zone; target: Set<string> }> {
    const ids = [...(this.idsByOrigin.get(origin) ?? [])];
    const ranked = ids
      .map((id) => ({ id, claim: this.claims.get(id)! }))
      .sort((a, b) => b.claim.priority - a.claim.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const taken = new Set<string>();
    return ranked.map(({ id, claim }) => {
      const target = new Set([...claim.vpcIds].filter((v) => !taken.has(v)));
      for (const v of target) taken.add(v);
      return { id, zone: claim.zone, target };
    });
  }
}
