import { REGION } from '../../helpers/scenario.js';
import type { ShapeCase } from './shape-case.js';
import { pvtz } from './shape-world.js';

/** PrivateZone 2018-01-01: one case per implemented action, keyed by its name (see privatelink-cases.ts). */
export const pvtzShapeCases: Record<string, ShapeCase> = {
  AddZone: (w) => pvtz(w.consumer, 'AddZone', { ZoneName: 'added.example' }),
  DeleteZone: async (w) => {
    const { ZoneId } = await pvtz(w.consumer, 'AddZone', { ZoneName: 'deleted.example' });
    return pvtz(w.consumer, 'DeleteZone', { ZoneId });
  },
  DescribeZones: (w) => pvtz(w.consumer, 'DescribeZones', { Keyword: 'shape.example' }),
  DescribeZoneInfo: (w) => pvtz(w.consumer, 'DescribeZoneInfo', { ZoneId: w.privateZoneId }),
  BindZoneVpc: (w) =>
    pvtz(w.consumer, 'BindZoneVpc', { ZoneId: w.privateZoneId, 'Vpcs.1.VpcId': w.network.vpcId, 'Vpcs.1.RegionId': REGION }),
  AddZoneRecord: (w) => pvtz(w.consumer, 'AddZoneRecord', { ZoneId: w.privateZoneId, Rr: 'api', Type: 'A', Value: '192.0.2.20' }),
  UpdateZoneRecord: (w) => pvtz(w.consumer, 'UpdateZoneRecord', { RecordId: w.recordId, Rr: 'www', Type: 'A', Value: '192.0.2.11' }),
  DeleteZoneRecord: async (w) => {
    const { RecordId } = await pvtz(w.consumer, 'AddZoneRecord', { ZoneId: w.privateZoneId, Rr: 'old', Type: 'A', Value: '192.0.2.30' });
    return pvtz(w.consumer, 'DeleteZoneRecord', { RecordId });
  },
  DescribeZoneRecords: (w) => pvtz(w.consumer, 'DescribeZoneRecords', { ZoneId: w.privateZoneId }),
};
