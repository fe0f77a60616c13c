import type { Endpoint, EndpointService } from '../../model/types.js';
import type { AppliedChange } from '../../replica/applied-change.js';
import type { Replica } from '../../replica/replica.js';
import { RRType } from '../lookup/types.js';
import { ClaimPriority, type PrivateZoneArbiter } from '../registry/index.js';
import type { Zone } from '../zone/index.js';
import { isPublished } from '../../model/endpoint-publication.js';
import { ENDPOINT_TTL } from './endpoint-records.js';
import { createPrivateZone, type PrivateApex } from './private-zone-projection.js';

/**
 * Custom service domains (docs/dns.md; the seed's 自訂服務網域名稱): a
 * cloud-provided service's PrivateServiceDomain answers, in the VPC of an
 * endpoint that enabled PrivateServiceDomainEnabled, that endpoint's
 * region-wide addresses — the same name the service has elsewhere, resolved
 * privately, as PrivateZone does it in the cloud. Each (VPC, domain) is one
 * private zone bound to that VPC alone, with A/AAAA at its apex (the union over
 * the VPC's endpoints of that service that are published); other VPCs get
 * REFUSED. Claims go through the arbiter at SYSTEM priority, so a tenant's own
 * PrivateZone of the same name shadows it in the VPCs it is bound to.
 */
interface Contribution {
  key: string;
  vpcId: string;
  domain: string;
}

interface DomainZone {
  zone: Zone;
  vpcId: string;
  endpoints: Set<string>;
}

const keyOf = (vpcId: string, domain: string): string => `psd:${vpcId}:${domain}`;

export class CustomDomainProjection {
  private readonly contributions = new Map<string, Contribution>();
  private readonly zones = new Map<string, DomainZone>();

  constructor(
    private readonly replica: Replica,
    private readonly arbiter: PrivateZoneArbiter,
    private readonly apex: PrivateApex,
    private readonly serial: number,
  ) {}

  attach(): void {
    this.replica.subscribe({ onChanges: (applied) => this.onChanges(applied) });
  }

  private onChanges(applied: readonly AppliedChange[]): void {
    const dirty = new Set<string>();
    for (const { change, previous } of applied) {
      if (change.kind === 'endpoint') {
        this.recompute(change.id, change.doc, dirty);
      } else if (change.kind === 'service' && domainChanged(previous as EndpointService | undefined, change.doc)) {
        // The replica's index of a service's endpoints (the one index; it already holds the whole batch).
        for (const endpointId of this.replica.endpointIdsOfService(change.id))
          this.recompute(endpointId, this.replica.get('endpoint', endpointId) ?? null, dirty);
      }
    }
    if (dirty.size === 0) return;
    for (const key of dirty) this.rebuild(key);
    this.arbiter.flush();
  }

  /** Moves the endpoint's contribution to the (VPC, domain) it serves now, marking both sides dirty. */
  private recompute(endpointId: string, endpoint: Endpoint | null, dirty: Set<string>): void {
    const before = this.contributions.get(endpointId);
    const after = endpoint === null ? undefined : this.contributionOf(endpoint);
    if (before !== undefined) {
      this.zones.get(before.key)?.endpoints.delete(endpointId);
      dirty.add(before.key);
    }
    if (after === undefined) {
      this.contributions.delete(endpointId);
      return;
    }
    this.contributions.set(endpointId, after);
    let entry = this.zones.get(after.key);
    if (entry === undefined) {
      entry = { zone: createPrivateZone(after.domain, this.apex, this.serial), vpcId: after.vpcId, endpoints: new Set() };
      this.zones.set(after.key, entry);
    }
    entry.endpoints.add(endpointId);
    dirty.add(after.key);
  }

  private contributionOf(endpoint: Endpoint): Contribution | undefined {
    if (!endpoint.privateServiceDomainEnabled) return undefined;
    const domain = this.replica.get('service', endpoint.serviceId)?.privateServiceDomain;
    if (domain === null || domain === undefined) return undefined;
    return { key: keyOf(endpoint.vpcId, domain), vpcId: endpoint.vpcId, domain };
  }

  /** Rewrites the apex addresses of one (VPC, domain) zone, or releases it when nothing serves it. */
  private rebuild(key: string): void {
    const entry = this.zones.get(key);
    if (entry === undefined) return;
    const a = new Set<string>();
    const aaaa = new Set<string>();
    for (const endpointId of entry.endpoints) {
      const endpoint = this.replica.get('endpoint', endpointId);
      if (endpoint === undefined || !isPublished(endpoint)) continue;
      for (const zone of endpoint.zones) {
        if (zone.zoneStatus !== 'Connected') continue;
        a.add(zone.eniIp);
        if (zone.zoneIpv6Address !== null) aaaa.add(zone.zoneIpv6Address);
      }
    }
    if (a.size === 0 && aaaa.size === 0) {
      this.arbiter.release(key);
      if (entry.endpoints.size === 0) this.zones.delete(key);
      return;
    }
    const origin = entry.zone.origin;
    entry.zone.setRRset(
      origin,
      RRType.A,
      [...a].sort().map((address) => ({ ttl: ENDPOINT_TTL, data: { kind: 'A' as const, address } })),
    );
    entry.zone.setRRset(
      origin,
      RRType.AAAA,
      [...aaaa].sort().map((address) => ({ ttl: ENDPOINT_TTL, data: { kind: 'AAAA' as const, address } })),
    );
    this.arbiter.claim(key, entry.zone, [entry.vpcId], ClaimPriority.SYSTEM);
  }
}

function domainChanged(previous: EndpointService | undefined, current: EndpointService | null): boolean {
  return (previous?.privateServiceDomain ?? null) !== (current?.privateServiceDomain ?? null);
}
