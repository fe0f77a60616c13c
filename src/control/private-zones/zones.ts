import { CloudError } from '../../errors/catalogue.js';
import { newId } from '../../model/ids.js';
import type { PrivateZone, PrivateZoneRecord } from '../../model/types.js';
import type { Transaction } from '../../store/types.js';
import { createOnce, type ClientTokenScope } from '../idempotency.js';
import type { Plane } from '../plane.js';
import { canonicalZoneName } from './record-values.js';

/**
 * PrivateZone 2018-01-01 zones (docs/control-plane.md, docs/api.md, https://api.aliyun.com/product/pvtz). A zone is a
 * `privateZone` document; its records are `privateZoneRecord` documents. The
 * zone is global (no RegionId); the VPCs bound to it carry their regions.
 * Every change to a zone or its records rewrites the zone document, so two
 * API processes changing one zone at once are serialized by the store's
 * compare-and-set on it.
 */

/** ZoneIds plinkd issues are `pz-` + 20 base-36 characters; any other opaque id the cloud uses is accepted as a format. */
const ZONE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface AddZoneInput {
  uid: string;
  zoneName: string;
  token: ClientTokenScope;
}

/**
 * AddZone. Zone names may repeat (the cloud allows two zones of one name, to
 * bind them to different VPCs; BindZoneVpc refuses one VPC seeing both).
 */
export async function addZone(plane: Plane, input: AddZoneInput): Promise<PrivateZone> {
  return createOnce(plane, {
    kind: 'privateZone',
    scope: input.token,
    dryRun: false,
    idOf: (zone) => zone.zoneId,
    validate: () => {
      const name = canonicalZoneName(input.zoneName);
      if (!name.ok) throw new CloudError('Zone.Invalid.Name');
      return name.value;
    },
    create: async (tx, zoneName) => {
      const now = plane.timestamp();
      const zone: PrivateZone = { zoneId: newId('pz'), uid: input.uid, zoneName, remark: '', vpcs: [], createdAt: now, updatedAt: now };
      tx.put('privateZone', zone.zoneId, zone);
      return zone;
    },
  });
}

/** The caller's zone, or Zone.Invalid.Id (malformed) / Zone.NotExists (unknown or another account's: no existence leak). */
export function ownZone(plane: Plane, uid: string, zoneId: string): PrivateZone {
  if (!ZONE_ID.test(zoneId)) throw new CloudError('Zone.Invalid.Id');
  const zone = plane.replica.get('privateZone', zoneId);
  if (zone === undefined || zone.uid !== uid) throw new CloudError('Zone.NotExists');
  return zone;
}

/** Inside a transaction: the caller's zone as the store has it, or Zone.NotExists. */
export async function ownZoneIn(tx: Transaction, uid: string, zoneId: string): Promise<PrivateZone> {
  const zone = await tx.get('privateZone', zoneId);
  if (zone === undefined || zone.uid !== uid) throw new CloudError('Zone.NotExists');
  return zone;
}

/** The zone's records, from the replica (the owner index keeps this one account's records). */
export function recordsOfZone(plane: Plane, zone: PrivateZone): PrivateZoneRecord[] {
  return plane.replica.ownedBy('privateZoneRecord', zone.uid).filter((r) => r.zoneId === zone.zoneId);
}

/** VPCs of the zone that still exist (a VPC deleted after binding no longer counts). */
export function liveVpcs(plane: Plane, zone: PrivateZone): PrivateZone['vpcs'] {
  return zone.vpcs.filter((v) => plane.replica.get('vpc', v.vpcId) !== undefined);
}

/**
 * DeleteZone: refused with Zone.VpcExists while a VPC is bound (terraform
 * retries DeleteZone on exactly this code); the zone's records go with it.
 */
export async function deleteZone(plane: Plane, uid: string, zoneId: string): Promise<void> {
  const zone = ownZone(plane, uid, zoneId);
  if (liveVpcs(plane, zone).length > 0) throw new CloudError('Zone.VpcExists');
  await plane.write(async (tx) => {
    const current = await ownZoneIn(tx, uid, zoneId);
    if (liveVpcs(plane, current).length > 0) throw new CloudError('Zone.VpcExists');
    for (const record of recordsOfZone(plane, current)) tx.delete('privateZoneRecord', record.recordId);
    tx.delete('privateZone', zoneId);
  });
}

export interface VpcToBind {
  vpcId: string;
  regionId: string | undefined;
}

/**
 * BindZoneVpc: REPLACES the zone's VPC set (an empty list unbinds every VPC,
 * as the reference says). Each VPC must exist and belong to the caller — a
 * zone's names are then answered to that VPC's resolvers only (documented
 * choice: the cloud's cross-account binding needs an authorization plinkd does
 * not model). A VPC may not see two zones of the same name: ZoneVpc.Zone.Repeated.
 */
export async function bindZoneVpcs(plane: Plane, uid: string, zoneId: string, requested: readonly VpcToBind[]): Promise<void> {
  const zone = ownZone(plane, uid, zoneId);
  const vpcs = new Map<string, { vpcId: string; regionId: string }>();
  for (const { vpcId, regionId } of requested) {
    const vpc = plane.replica.get('vpc', vpcId);
    if (vpc === undefined || vpc.uid !== uid || (regionId !== undefined && vpc.regionId !== regionId)) {
      throw new CloudError('ZoneVpc.NotExists.VpcId');
    }
    vpcs.set(vpcId, { vpcId, regionId: vpc.regionId });
  }
  // Zones bound to the caller's VPCs are the caller's, so the owner index holds every rival.
  const rivals = plane.replica.ownedBy('privateZone', uid).filter((z) => z.zoneId !== zoneId && z.zoneName === zone.zoneName);
  const checkRivals = (sameName: readonly PrivateZone[]): void => {
    for (const rival of sameName) if (rival.vpcs.some((v) => vpcs.has(v.vpcId))) throw new CloudError('ZoneVpc.Zone.Repeated');
  };
  checkRivals(rivals);
  await plane.write(async (tx) => {
    const current = await ownZoneIn(tx, uid, zoneId);
    for (const vpcId of vpcs.keys()) {
      const vpc = await tx.get('vpc', vpcId);
      if (vpc === undefined || vpc.uid !== uid) throw new CloudError('ZoneVpc.NotExists.VpcId');
    }
    // Read through the transaction: a rival rebound meanwhile makes this commit conflict and run again.
    const fresh: PrivateZone[] = [];
    for (const rival of rivals) {
      const doc = await tx.get('privateZone', rival.zoneId);
      if (doc !== undefined) fresh.push(doc);
    }
    checkRivals(fresh);
    tx.put('privateZone', zoneId, { ...current, vpcs: [...vpcs.values()], updatedAt: plane.timestamp() });
  });
}
