import { CloudError } from '../../errors/catalogue.js';
import { newId } from '../../model/ids.js';
import type { PrivateZone, PrivateZoneProxyPattern, PrivateZoneRecord } from '../../model/types.js';
import type { Transaction } from '../../store/types.js';
import { createOnce } from '../idempotency.js';
import type { Plane } from '../plane.js';
import { canonicalZoneName } from '../../model/record-values.js';
import { authorizationId, mayBindVpcsOf } from './vpc-authorizations.js';

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

export interface AddPrivateZoneInput {
  uid: string;
  zoneName: string;
  proxyPattern: PrivateZoneProxyPattern;
  resourceGroupId: string | undefined;
}

/**
 * AddZone. Zone names may repeat (the cloud allows two zones of one name, to
 * bind them to different VPCs; BindZoneVpc refuses one VPC seeing both).
 */
export async function addPrivateZone(plane: Plane, input: AddPrivateZoneInput): Promise<PrivateZone> {
  return createOnce(plane, {
    kind: 'privateZone',
    idOf: (zone) => zone.zoneId,
    validate: () => {
      const name = canonicalZoneName(input.zoneName);
      if (!name.ok) throw new CloudError('Zone.Invalid.Name');
      return name.value;
    },
    create: async (tx, zoneName) => {
      const now = plane.timestamp();
      const zone: PrivateZone = {
        zoneId: newId('pz'),
        uid: input.uid,
        zoneName,
        remark: '',
        proxyPattern: input.proxyPattern,
        ...(input.resourceGroupId === undefined ? {} : { resourceGroupId: input.resourceGroupId }),
        vpcs: [],
        createdAt: now,
        updatedAt: now,
      };
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
export async function deletePrivateZone(plane: Plane, uid: string, zoneId: string): Promise<void> {
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
 * as the reference says). Each VPC must exist and belong to the caller or to an
 * account that authorised the caller (AddUserVpcAuthorization, vpc-authorizations.ts);
 * any other VPC is ZoneVpc.NotExists.VpcId, as an unknown one is. A VPC may not see
 * two zones of the same name, whoever owns them: ZoneVpc.Zone.Repeated.
 */
export async function bindZoneVpcs(plane: Plane, uid: string, zoneId: string, requested: readonly VpcToBind[]): Promise<void> {
  const zone = ownZone(plane, uid, zoneId);
  const vpcs = new Map<string, { vpcId: string; regionId: string }>();
  for (const { vpcId, regionId } of requested) {
    const vpc = plane.replica.get('vpc', vpcId);
    if (vpc === undefined || !mayBindVpcsOf(plane, uid, vpc.uid) || (regionId !== undefined && vpc.regionId !== regionId)) {
      throw new CloudError('ZoneVpc.NotExists.VpcId');
    }
    vpcs.set(vpcId, { vpcId, regionId: vpc.regionId });
  }
  // Across accounts: another account's zone may be bound to the same VPC through an authorization.
  const rivals = [...plane.replica.values('privateZone')].filter((z) => z.zoneId !== zoneId && z.zoneName === zone.zoneName);
  const checkRivals = (sameName: readonly PrivateZone[]): void => {
    for (const rival of sameName) if (rival.vpcs.some((v) => vpcs.has(v.vpcId))) throw new CloudError('ZoneVpc.Zone.Repeated');
  };
  checkRivals(rivals);
  await plane.write(async (tx) => {
    const current = await ownZoneIn(tx, uid, zoneId);
    for (const vpcId of vpcs.keys()) {
      const vpc = await tx.get('vpc', vpcId);
      if (vpc === undefined) throw new CloudError('ZoneVpc.NotExists.VpcId');
      // Read through the transaction: an authorization deleted meanwhile makes this commit conflict and run again.
      if (vpc.uid !== uid && (await tx.get('userVpcAuthorization', authorizationId(uid, vpc.uid))) === undefined) {
        throw new CloudError('ZoneVpc.NotExists.VpcId');
      }
    }
    // Likewise for a rival rebound meanwhile.
    const fresh: PrivateZone[] = [];
    for (const rival of rivals) {
      const doc = await tx.get('privateZone', rival.zoneId);
      if (doc !== undefined) fresh.push(doc);
    }
    checkRivals(fresh);
    tx.put('privateZone', zoneId, { ...current, vpcs: [...vpcs.values()], updatedAt: plane.timestamp() });
  });
}
