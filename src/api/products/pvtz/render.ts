import type { PrivateZone, PrivateZoneRecord, UserVpcAuthorization, Vpc } from '../../../model/types.js';
import { regionLocalName } from '../region-names.js';

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

/** Fields DescribeZones, DescribeZoneInfo and DescribeZoneVpcTree share. */
function commonZoneFields(zone: PrivateZone, recordCount: number): Record<string, unknown> {
  return {
    ZoneId: zone.zoneId,
    ZoneName: zone.zoneName,
    Remark: zone.remark,
    RecordCount: recordCount,
    // Tenants make authoritative zones only (AddZone refuses CLOUD_PRODUCT_ZONE and FAST_ZONE).
    ZoneType: 'AUTH_ZONE',
    ZoneTag: '',
    IsPtr: isPtrZone(zone.zoneName),
    DnsGroup: 'NORMAL_ZONE',
    DnsGroupChanging: false,
    Creator: zone.uid,
    ...times(zone),
  };
}

/** Fields DescribeZones and DescribeZoneInfo share. */
function zoneFields(zone: PrivateZone, recordCount: number): Record<string, unknown> {
  return {
    ...commonZoneFields(zone, recordCount),
    ProxyPattern: zone.proxyPattern,
    ResourceGroupId: zone.resourceGroupId ?? '',
  };
}

/** A VPC bound to a zone, as DescribeZoneInfo's BindVpcs and DescribeZoneVpcTree's Vpcs list it. */
function renderBoundVpc(vpc: Vpc): Record<string, unknown> {
  return {
    VpcId: vpc.vpcId,
    VpcName: vpc.vpcName,
    // A long in the cloud's model: a JSON number (uids stay below 2^53).
    VpcUserId: Number(vpc.uid),
    VpcType: 'STANDARD',
    RegionId: vpc.regionId,
    RegionName: regionLocalName(vpc.regionId),
  };
}

/** One item of DescribeZoneVpcTree's `Zones.Zone`. */
export function renderZoneTreeItem(zone: PrivateZone, recordCount: number, vpcs: readonly Vpc[]): Record<string, unknown> {
  return { ...commonZoneFields(zone, recordCount), CreatorType: 'USER', Vpcs: { Vpc: vpcs.map(renderBoundVpc) } };
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
    BindVpcs: { Vpc: vpcs.map(renderBoundVpc) },
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
    Remark: record.remark,
    ...times(record),
  };
}

/** One item of DescribeUserVpcAuthorizations' `Users`: accounts have no login name here, so AuthorizedAliyunId is the id. */
export function renderAuthorization(authorization: UserVpcAuthorization): Record<string, unknown> {
  return {
    AuthorizedUserId: Number(authorization.authorizedUserId),
    AuthorizedAliyunId: authorization.authorizedUserId,
    AuthType: authorization.authType,
    CreateTime: minuteTime(authorization.createdAt),
    CreateTimestamp: Date.parse(authorization.createdAt),
  };
}
