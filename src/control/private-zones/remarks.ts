import { CloudError } from '../../errors/catalogue.js';

/**
 * Remarks of zones and records (UpdateZoneRemark, UpdateRecordRemark, AddZoneRecord): at
 * most 50 characters of digits, Chinese characters, English letters and `_ - , . ，。` — the
 * rule the cloud's `Zone.Remark` message states
 * (https://api.aliyun.com/api/pvtz/2018-01-01/UpdateZoneRemark) — and spaces, which the
 * reference's own example ("test record") holds. Absent or empty clears the remark.
 */
const MAX_REMARK = 50;
const REMARK = /^[0-9A-Za-z\p{Script=Han}_\-,.，。 ]*$/u;

/** The remark to store, or Zone.Remark. */
export function checkedRemark(text: string | undefined): string {
  const remark = text ?? '';
  if ([...remark].length > MAX_REMARK || !REMARK.test(remark)) throw new CloudError('Zone.Remark');
  return remark;
}
