import { CloudError } from '../../errors/catalogue.js';
import type { PrivateZoneProxyPattern } from '../../model/types.js';
import type { Plane } from '../plane.js';
import { isWildcardRr } from '../../model/record-values.js';
import { checkedRemark } from './remarks.js';
import { ownZone, ownZoneIn, recordsOfZone } from './zones.js';

/**
 * With ProxyPattern RECORD the names a zone lacks are handed on to be resolved elsewhere, so
 * a wildcard — which would claim them all — has no meaning; the cloud: "after you enable the
 * subdomain recursive resolution proxy, Private DNS does not support intranet wildcard DNS
 * records" (https://www.alibabacloud.com/help/en/dns/recursive-management). Refused, not
 * stored unserved.
 */
export function refuseWildcardWhenProxied(pattern: PrivateZoneProxyPattern, rr: string): void {
  if (pattern === 'RECORD' && isWildcardRr(rr)) {
    throw new CloudError('InvalidParameter', {
      detail: 'The specified value parameter is not valid: a zone with ProxyPattern RECORD holds no wildcard records.',
    });
  }
}

/** UpdateZoneRemark: absent or empty clears it. */
export async function updateZoneRemark(plane: Plane, uid: string, zoneId: string, remarkText: string | undefined): Promise<void> {
  ownZone(plane, uid, zoneId);
  const remark = checkedRemark(remarkText);
  await plane.write(async (tx) => {
    const zone = await ownZoneIn(tx, uid, zoneId);
    tx.put('privateZone', zoneId, { ...zone, remark, updatedAt: plane.timestamp() });
  });
}

/**
 * SetProxyPattern: ZONE answers NXDOMAIN for names the zone lacks; RECORD hands them on
 * (REFUSED, docs/design/dns-views.md). RECORD is refused while the zone holds wildcards.
 * AddZoneRecord reads the pattern through its transaction, so it never adds a wildcard to a
 * RECORD zone; the other way round, a wildcard another API process added a moment ago may
 * not be in this replica yet — the DNS projection then serves the zone without it.
 */
export async function setProxyPattern(plane: Plane, uid: string, zoneId: string, pattern: PrivateZoneProxyPattern): Promise<void> {
  const zone = ownZone(plane, uid, zoneId);
  for (const record of recordsOfZone(plane, zone)) refuseWildcardWhenProxied(pattern, record.rr);
  await plane.write(async (tx) => {
    const current = await ownZoneIn(tx, uid, zoneId);
    for (const record of recordsOfZone(plane, current)) refuseWildcardWhenProxied(pattern, record.rr);
    tx.put('privateZone', zoneId, { ...current, proxyPattern: pattern, updatedAt: plane.timestamp() });
  });
}
