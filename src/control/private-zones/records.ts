import { randomInt } from 'node:crypto';
import { CloudError } from '../../errors/catalogue.js';
import type { PrivateZone, PrivateZoneRecord, PrivateZoneRecordType } from '../../model/types.js';
import type { Transaction } from '../../store/types.js';
import { createOnce } from '../idempotency.js';
import type { Plane } from '../plane.js';
import { canonicalRr, canonicalValue } from '../../model/record-values.js';
import { checkedRemark } from './remarks.js';
import { refuseWildcardWhenProxied } from './zone-settings.js';
import { ownZone, ownZoneIn, recordsOfZone } from './zones.js';

/**
 * PrivateZone records (https://api.aliyun.com/product/pvtz "Records"). AddZoneRecord names the
 * zone; UpdateZoneRecord and DeleteZoneRecord address a record by RecordId
 * alone, and an update re-sends Rr/Type/Value (a full replace).
 */

/** Ttl bounds and default of the reference (5..86400, 60). */
export const MIN_TTL = 5;
export const MAX_TTL = 86_400;
export const DEFAULT_TTL = 60;

export interface RecordFields {
  rr: string;
  type: PrivateZoneRecordType;
  value: string;
  ttl: number | undefined;
  /** MX preference, 1..99, required for MX and ignored for other types. */
  priority: number | undefined;
}

type Canonical = Pick<PrivateZoneRecord, 'rr' | 'type' | 'value' | 'ttl' | 'priority'>;

/** Validates and canonicalizes the fields (Rr and names lowercased, AAAA compressed). */
function canonicalFields(zone: PrivateZone, fields: RecordFields): Canonical {
  const rr = canonicalRr(fields.rr, zone.zoneName);
  if (!rr.ok) throw new CloudError('InvalidParameter', { detail: `The specified value parameter is not valid: Rr ${rr.problem}.` });
  refuseWildcardWhenProxied(zone.proxyPattern, rr.value);
  const value = canonicalValue(fields.type, fields.value);
  if (!value.ok)
    throw new CloudError('InvalidParameter', { detail: `The specified value parameter is not valid: Value ${value.problem}.` });
  if (fields.type === 'MX' && fields.priority === undefined) throw new CloudError('MissingParam', { param: 'Priority' });
  return {
    rr: rr.value,
    type: fields.type,
    value: value.value,
    ttl: fields.ttl ?? DEFAULT_TTL,
    priority: fields.type === 'MX' ? (fields.priority ?? null) : null,
  };
}

/**
 * Record.Invalid.Conflict when the candidate repeats a record (same Rr, Type
 * and Value) or breaks RFC 2181 §10.1 — a CNAME is the only data at its name,
 * and never at the apex, which holds the zone's SOA and NS.
 */
function checkConflicts(candidate: Canonical, siblings: readonly PrivateZoneRecord[], exceptId: string | undefined): void {
  if (candidate.type === 'CNAME' && candidate.rr === '@')
    throw new CloudError('Record.Invalid.Conflict', { detail: 'a CNAME cannot be at the zone apex' });
  for (const other of siblings) {
    if (other.recordId === exceptId || other.rr !== candidate.rr) continue;
    if (other.type === candidate.type && other.value === candidate.value)
      throw new CloudError('Record.Invalid.Conflict', { detail: 'the same record exists' });
    if (other.type === 'CNAME' || candidate.type === 'CNAME') {
      throw new CloudError('Record.Invalid.Conflict', { detail: 'a CNAME must be the only record of its host record' });
    }
  }
}

/** RecordIds are int64 on the wire; plinkd draws them below 2^47 so JSON numbers stay exact. */
function newRecordId(): string {
  return String(randomInt(1_000_000_000, 2 ** 47));
}

/** Inside a transaction: the zone's records as they stand, checked against the candidate; the zone is rewritten (serializing writers). */
async function guardZone(
  plane: Plane,
  tx: Transaction,
  uid: string,
  zoneId: string,
  candidate: Canonical,
  exceptId: string | undefined,
): Promise<void> {
  const zone = await ownZoneIn(tx, uid, zoneId);
  refuseWildcardWhenProxied(zone.proxyPattern, candidate.rr);
  checkConflicts(candidate, recordsOfZone(plane, zone), exceptId);
  tx.put('privateZone', zoneId, { ...zone, updatedAt: plane.timestamp() });
}

export interface AddRecordInput extends RecordFields {
  uid: string;
  zoneId: string;
  remark: string | undefined;
}

export async function addZoneRecord(plane: Plane, input: AddRecordInput): Promise<PrivateZoneRecord> {
  return createOnce(plane, {
    kind: 'privateZoneRecord',
    idOf: (record) => record.recordId,
    validate: () => {
      const zone = ownZone(plane, input.uid, input.zoneId);
      const candidate = canonicalFields(zone, input);
      checkConflicts(candidate, recordsOfZone(plane, zone), undefined);
      return { candidate, remark: checkedRemark(input.remark) };
    },
    create: async (tx, { candidate, remark }) => {
      await guardZone(plane, tx, input.uid, input.zoneId, candidate, undefined);
      let recordId = newRecordId();
      while ((await tx.get('privateZoneRecord', recordId)) !== undefined) recordId = newRecordId();
      const now = plane.timestamp();
      const record: PrivateZoneRecord = {
        recordId,
        zoneId: input.zoneId,
        uid: input.uid,
        ...candidate,
        status: 'ENABLE',
        remark,
        createdAt: now,
        updatedAt: now,
      };
      tx.put('privateZoneRecord', recordId, record);
      return record;
    },
  });
}

/** The caller's record, or Record.NotExists (unknown or another account's). */
export function ownRecord(plane: Plane, uid: string, recordId: string): PrivateZoneRecord {
  const record = plane.replica.get('privateZoneRecord', recordId);
  if (record === undefined || record.uid !== uid || plane.replica.get('privateZone', record.zoneId) === undefined)
    throw new CloudError('Record.NotExists');
  return record;
}

/** Inside a transaction: the caller's record as the store has it, or Record.NotExists. */
export async function ownRecordIn(tx: Transaction, uid: string, recordId: string): Promise<PrivateZoneRecord> {
  const record = await tx.get('privateZoneRecord', recordId);
  if (record === undefined || record.uid !== uid) throw new CloudError('Record.NotExists');
  return record;
}

export interface UpdateRecordInput extends RecordFields {
  uid: string;
  recordId: string;
}

export async function updateZoneRecord(plane: Plane, input: UpdateRecordInput): Promise<PrivateZoneRecord> {
  const existing = ownRecord(plane, input.uid, input.recordId);
  const zone = ownZone(plane, input.uid, existing.zoneId);
  const candidate = canonicalFields(zone, input);
  checkConflicts(candidate, recordsOfZone(plane, zone), input.recordId);
  return plane.write(async (tx) => {
    const current = await ownRecordIn(tx, input.uid, input.recordId);
    await guardZone(plane, tx, input.uid, current.zoneId, candidate, input.recordId);
    const updated: PrivateZoneRecord = { ...current, ...candidate, updatedAt: plane.timestamp() };
    tx.put('privateZoneRecord', input.recordId, updated);
    return updated;
  });
}

export async function deleteZoneRecord(plane: Plane, uid: string, recordId: string): Promise<void> {
  ownRecord(plane, uid, recordId);
  await plane.write(async (tx) => {
    const current = await ownRecordIn(tx, uid, recordId);
    const zone = await tx.get('privateZone', current.zoneId);
    if (zone !== undefined) tx.put('privateZone', zone.zoneId, { ...zone, updatedAt: plane.timestamp() });
    tx.delete('privateZoneRecord', recordId);
  });
}
