import type { GatewayEndpoint } from '../../model/types.js';
import type { AppliedChange } from '../../replica/applied-change.js';
import type { Replica } from '../../replica/replica.js';
import { RRType } from '../lookup/types.js';
import { ClaimPriority, type PrivateZoneArbiter } from '../registry/index.js';
import type { Zone } from '../zone/index.js';
import { createPrivateZone, type PrivateApex } from './private-zone-projection.js';

/**
 * OSS through a VPC gateway endpoint (docs/dns.md: "names in the region's OSS
 * domain, in a VPC with an OSS gateway endpoint → addresses in 100.64.0.0/10").
 *
 * For each served region two private zones are kept, bound to exactly the VPCs
 * that have a gateway endpoint for `com.aliyun.<region>.oss`:
 *   oss-<region>.aliyuncs.com           the public endpoint name
 *   oss-<region>-internal.aliyuncs.com  the classic-network/VPC endpoint name
 * each answering A at the apex and for every name below it (a wildcard, so
 * `<bucket>.oss-<region>[-internal].aliyuncs.com` too), AAAA NODATA. Other
 * VPCs do not see them and get REFUSED, as for any private zone.
 */

/** TTL of the OSS addresses: short, so removing the gateway endpoint takes effect quickly. */
export const OSS_TTL = 60;

/** FNV-1a, 32 bits: a stable spread of region ids over the address space. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The region's two OSS addresses, derived from its id so that every replica
 * (and every test) agrees without configuration: with h = FNV-1a(regionId),
 * `100.<64 + h mod 64>.<(h >> 6) mod 256>.10` and `.11` — always inside
 * 100.64.0.0/10, the shared address space (RFC 6598) the cloud's gateway
 * endpoints use, and different for different regions.
 */
export function ossAddresses(regionId: string): [string, string] {
  const h = fnv1a(regionId);
  const prefix = `100.${64 + (h % 64)}.${(h >>> 6) % 256}`;
  return [`${prefix}.10`, `${prefix}.11`];
}

export function ossZoneNames(regionId: string): string[] {
  return [`oss-${regionId}.aliyuncs.com`, `oss-${regionId}-internal.aliyuncs.com`];
}

/** Registry ids of the OSS zones; PrivateZone ids (`pz-…`) can never take this form. */
const ossZoneId = (origin: string): string => `oss:${origin}`;

/** A gateway endpoint that is built and not being deleted routes the VPC's OSS traffic. */
function isServing(endpoint: GatewayEndpoint): boolean {
  return (
    endpoint.serviceName === `com.aliyun.${endpoint.regionId}.oss` && (endpoint.status === 'Created' || endpoint.status === 'Modifying')
  );
}

export class OssProjection {
  /** region → vpcId → gateway endpoint ids serving it. */
  private readonly endpointsByRegion = new Map<string, Map<string, Set<string>>>();
  private readonly zonesByRegion = new Map<string, Zone[]>();

  constructor(
    private readonly replica: Replica,
    private readonly arbiter: PrivateZoneArbiter,
    regionIds: readonly string[],
    apex: PrivateApex,
    serial: number,
  ) {
    for (const regionId of regionIds) {
      const addresses = ossAddresses(regionId);
      const a = addresses.map((address) => ({ ttl: OSS_TTL, data: { kind: 'A' as const, address } }));
      const zones = ossZoneNames(regionId).map((origin) => {
        const zone = createPrivateZone(origin, apex, serial);
        zone.setRRset(origin, RRType.A, a);
        zone.setRRset(`*.${origin}`, RRType.A, a);
        return zone;
      });
      this.zonesByRegion.set(regionId, zones);
      this.endpointsByRegion.set(regionId, new Map());
    }
  }

  attach(): void {
    this.replica.subscribe({ onChanges: (applied) => this.onChanges(applied) });
  }

  private onChanges(applied: readonly AppliedChange[]): void {
    const touched = new Set<string>();
    for (const { change, previous } of applied) {
      if (change.kind !== 'gatewayEndpoint') continue;
      const before = previous as GatewayEndpoint | undefined;
      if (before !== undefined && this.forget(before)) touched.add(before.regionId);
      if (change.doc !== null && isServing(change.doc) && this.remember(change.doc)) touched.add(change.doc.regionId);
    }
    if (touched.size === 0) return;
    for (const regionId of touched) {
      const vpcIds = [...(this.endpointsByRegion.get(regionId)?.keys() ?? [])];
      for (const zone of this.zonesByRegion.get(regionId) ?? [])
        this.arbiter.claim(ossZoneId(zone.origin), zone, vpcIds, ClaimPriority.SYSTEM);
    }
    this.arbiter.flush();
  }

  private remember(endpoint: GatewayEndpoint): boolean {
    const byVpc = this.endpointsByRegion.get(endpoint.regionId);
    if (byVpc === undefined) return false;
    let ids = byVpc.get(endpoint.vpcId);
    if (ids === undefined) byVpc.set(endpoint.vpcId, (ids = new Set()));
    ids.add(endpoint.endpointId);
    return true;
  }

  private forget(endpoint: GatewayEndpoint): boolean {
    const byVpc = this.endpointsByRegion.get(endpoint.regionId);
    const ids = byVpc?.get(endpoint.vpcId);
    if (byVpc === undefined || ids === undefined || !ids.delete(endpoint.endpointId)) return false;
    if (ids.size === 0) byVpc.delete(endpoint.vpcId);
    return true;
  }
}
