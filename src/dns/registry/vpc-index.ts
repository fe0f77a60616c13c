import type { Zone } from '../zone/zone.js';

/** A private zone: its data and the VPCs it answers (PrivateZone "BindZoneVpc"). */
export interface PrivateZone {
  readonly id: string;
  readonly zone: Zone;
  readonly vpcIds: ReadonlySet<string>;
}

/**
 * For each VPC, the private zones bound to it by origin. A VPC sees at most
 * one private zone of a given name, so the lookup is one map read per suffix.
 */
export class VpcIndex {
  private readonly byVpc = new Map<string, Map<string, PrivateZone>>();

  zonesOf(vpcId: string): ReadonlyMap<string, PrivateZone> | undefined {
    return this.byVpc.get(vpcId);
  }

  /** The private zone named `origin` bound to `vpcId`, other than `except`. */
  conflict(vpcId: string, origin: string, except: string): PrivateZone | undefined {
    const bound = this.byVpc.get(vpcId)?.get(origin);
    return bound === undefined || bound.id === except ? undefined : bound;
  }

  add(entry: PrivateZone): void {
    for (const vpcId of entry.vpcIds) {
      let zones = this.byVpc.get(vpcId);
      if (zones === undefined) this.byVpc.set(vpcId, (zones = new Map()));
      zones.set(entry.zone.origin, entry);
    }
  }

  remove(entry: PrivateZone): void {
    for (const vpcId of entry.vpcIds) {
      const zones = this.byVpc.get(vpcId);
      if (zones?.get(entry.zone.origin)?.id !== entry.id) continue;
      zones.delete(entry.zone.origin);
      if (zones.size === 0) this.byVpc.delete(vpcId);
    }
  }
}
