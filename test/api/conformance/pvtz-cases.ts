import { REGION } from '../../helpers/scenario.js';
import type { ShapeCase } from './shape-case.js';
import { authorize, pvtz } from './shape-world.js';

/** PrivateZone 2018-01-01: one case per implemented action, keyed by its name (see privatelink-cases.ts). */
export const pvtzShapeCases: Record<string, ShapeCase> = {
  // Zones.
  AddZone: (w) => pvtz(w.consumer, 'AddZone', { ZoneName: 'added.example', ResourceGroupId: 'rg-shape' }),
  DeleteZone: async (w) => {
    const { ZoneId } = await pvtz(w.consumer, 'AddZone', { ZoneName: 'deleted.example' });
    return pvtz(w.consumer, 'DeleteZone', { ZoneId });
  },
  DescribeZones: (w) => pvtz(w.consumer, 'DescribeZones', { Keyword: 'shape.example' }),
  DescribeZoneInfo: (w) => pvtz(w.consumer, 'DescribeZoneInfo', { ZoneId: w.privateZoneId }),
  DescribeZoneVpcTree: (w) => pvtz(w.consumer, 'DescribeZoneVpcTree'),
  CheckZoneName: (w) => pvtz(w.consumer, 'CheckZoneName', { ZoneName: 'checked.example' }),
  BindZoneVpc: (w) =>
    pvtz(w.consumer, 'BindZoneVpc', { ZoneId: w.privateZoneId, 'Vpcs.1.VpcId': w.network.vpcId, 'Vpcs.1.RegionId': REGION }),
  UpdateZoneRemark: (w) => pvtz(w.consumer, 'UpdateZoneRemark', { ZoneId: w.privateZoneId, Remark: 'shape zone' }),
  SetProxyPattern: async (w) => {
    const { ZoneId } = await pvtz(w.consumer, 'AddZone', { ZoneName: 'proxied.example' });
    return pvtz(w.consumer, 'SetProxyPattern', { ZoneId, ProxyPattern: 'RECORD' });
  },
  // Records.
  AddZoneRecord: (w) =>
    pvtz(w.consumer, 'AddZoneRecord', { ZoneId: w.privateZoneId, Rr: 'api', Type: 'A', Value: '192.0.2.20', Remark: 'added' }),
  UpdateZoneRecord: (w) => pvtz(w.consumer, 'UpdateZoneRecord', { RecordId: w.recordId, Rr: 'www', Type: 'A', Value: '192.0.2.11' }),
  DeleteZoneRecord: async (w) => {
    const { RecordId } = await pvtz(w.consumer, 'AddZoneRecord', { ZoneId: w.privateZoneId, Rr: 'old', Type: 'A', Value: '192.0.2.30' });
    return pvtz(w.consumer, 'DeleteZoneRecord', { RecordId });
  },
  DescribeZoneRecords: (w) => pvtz(w.consumer, 'DescribeZoneRecords', { ZoneId: w.privateZoneId }),
  SetZoneRecordStatus: (w) => pvtz(w.consumer, 'SetZoneRecordStatus', { RecordId: w.recordId, Status: 'ENABLE' }),
  UpdateRecordRemark: (w) => pvtz(w.consumer, 'UpdateRecordRemark', { RecordId: w.recordId, Remark: 'shape record' }),
  // Cross-account authorizations: the world's consumer may bind the provider's VPCs.
  AddUserVpcAuthorization: (w) => authorize(w.consumer, w.provider),
  DeleteUserVpcAuthorization: async (w) => {
    await authorize(w.consumer, w.stranger);
    return pvtz(w.consumer, 'DeleteUserVpcAuthorization', { AuthorizedUserId: w.stranger.uid });
  },
  DescribeUserVpcAuthorizations: (w) => pvtz(w.consumer, 'DescribeUserVpcAuthorizations'),
  // Service.
  DescribeRegions: async (w) => [
    await pvtz(w.consumer, 'DescribeRegions'),
    await pvtz(w.consumer, 'DescribeRegions', { AcceptLanguage: 'en-US', AuthorizedUserId: w.provider.uid }),
  ],
  DescribeUserServiceStatus: (w) => pvtz(w.consumer, 'DescribeUserServiceStatus'),
};
