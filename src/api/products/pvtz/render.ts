import type { PrivateZone, PrivateZoneRecord, Vpc } from '../../../model/types.js';
import { regionLocalName } from '../privatelink/region-actions.js';

/**
 * PrivateZone documents → the pvtz API's fields, spelled as the reference has
 * them (`Rr`, `Ttl`, wrapped lists `Zones: {Zone: [...]}`), with the cloud's
 * minute-precision times beside epoch-millisecond timestamps.
 */

/** "2018-01-23T03:15:42Z" → "2018-01-23T03:15Z" (the reference: no seconds). */
export function minuteTime(iso: string): string {
  return `${iso.slice(0, 16)}Z`;
}

function times(doc: { createdAt: string; updatedAt: string }): Record<string, unknown> {
  return {
    CreateTime: minuteTime(doc.createdAt),
    CreateTimestamp: Date.parse(doc.createdAt),
    UpdateTime: minuteTime(doc.updatedAt),
    UpdateTimestamp: Date.parse(doc.updatedAt),
  };
}

/** Reverse-mapping zones (RFC 1035 §3.5, RFC 3596 §2.5) are flagged IsPtr. */
function isPtrZone(zoneName: string): boolean {
  return zoneName === 'in-addr.arpa' || zoneName.endsWith('.in-addr.arpa') || zoneName === 'ip6.arpa' || zoneName.endsWith('.ip6.arpa');
}

/** Fields DescribeZones and DescribeZoneInfo share. */
function zoneFields(zone: PrivateZone, recordCount: number): Record<string, unknown> {
  return {
    ZoneId: zone.zoneId,
    ZoneName: zone.zoneName,
    Remark: zone.remark,
    RecordCount: recordCount,
    // plinkd serves whole zones (ProxyPattern RECORD, a recursive fallback, is refused at AddZone).
    ProxyPattern: 'ZONE',
    ZoneType: 'AUTH_ZONE',
    ZoneTag: '',
    IsPtr: isPtrZone(zone.zoneName),
    DnsGroup: 'NORMAL_ZONE',
    DnsGroupChanging: false,
    ResourceGroupId: '',
    Creator: zone.uid,
    ...times(zone),
  };
}

/** One item of DescribeZones' `Zones.Zone`. */
export function renderZoneItem(zone: PrivateZone, recordCount: number): Record<string, unknown> {
  return { ...zoneFields(zone, recordCount), CreatorSubType: 'CUSTOMER', ResourceTags: { ResourceTag: [] } };
}

/** DescribeZoneInfo; `vpcs` are the bound VPCs that still exist. */
export function renderZoneInfo(zone: PrivateZone, recordCount: number, vpcs: readonly Vpc[]): Record<string, unknown> {
  return {
    ...zoneFields(zone, recordCount),
    SlaveDns: false,
    CreatorType: 'USER',
    BindVpcs: {
      Vpc: vpcs.map((vpc) => ({
        VpcId: vpc.vpcId,
        VpcName: vpc.vpcName,
        // A long in the cloud's model: a JSON number (uids stay below 2^53).
        VpcUserId: Number(vpc.uid),
        VpcType: 'STANDARD',
        RegionId: vpc.regionId,
        RegionName: regionLocalName(vpc.regionId),
      })),
    },
  };
}

/** One item of DescribeZoneRecords' `Records.Record`; Priority is the MX preference, 0 for other types (the model's integer, always present). */
export function renderRecord(record: PrivateZoneRecord): Record<string, unknown> {
  return {
    RecordId: Number(record.recordId),
    ZoneId: record.zoneId,
    Rr: record.rr,
    Type: record.type,
    Value: record.value,
    Ttl: record.ttl,
    Priority: record.priority ?? 0,
    Line: 'default',
    Weight: 1,
    Status: record.status,
    Remark: '',
    ...times(record),
  };
}
