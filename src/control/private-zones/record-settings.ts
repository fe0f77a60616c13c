import type { PrivateZoneRecord } from '../../model/types.js';
import type { Plane } from '../plane.js';
import { ownRecord, ownRecordIn } from './records.js';
import { checkedRemark } from './remarks.js';

/**
 * SetZoneRecordStatus: DISABLE keeps the record (listed, counted, still conflicting with a
 * CNAME beside it) but the DNS projection stops answering it; ENABLE answers it again
 * (https://api.aliyun.com/api/pvtz/2018-01-01/SetZoneRecordStatus). Like every record
 * change it rewrites the zone document, so the SOA serial moves with the answers.
 */
export async function setZoneRecordStatus(
  plane: Plane,
  uid: string,
  recordId: string,
  status: PrivateZoneRecord['status'],
): Promise<PrivateZoneRecord> {
  ownRecord(plane, uid, recordId);
  return plane.write(async (tx) => {
    const current = await ownRecordIn(tx, uid, recordId);
    const zone = await tx.get('privateZone', current.zoneId);
    const now = plane.timestamp();
    if (zone !== undefined) tx.put('privateZone', zone.zoneId, { ...zone, updatedAt: now });
    const updated: PrivateZoneRecord = { ...current, status, updatedAt: now };
    tx.put('privateZoneRecord', recordId, updated);
    return updated;
  });
}

/** UpdateRecordRemark: absent or empty clears it. Answers are unchanged, so the zone is not rewritten. */
export async function updateRecordRemark(plane: Plane, uid: string, recordId: string, remarkText: string | undefined): Promise<void> {
  ownRecord(plane, uid, recordId);
  const remark = checkedRemark(remarkText);
  await plane.write(async (tx) => {
    const current = await ownRecordIn(tx, uid, recordId);
    tx.put('privateZoneRecord', recordId, { ...current, remark, updatedAt: plane.timestamp() });
  });
}
