import { MAX_TTL, MIN_TTL, addZoneRecord, deleteZoneRecord, updateZoneRecord } from '../../../control/private-zones/records.js';
import { ownZone, recordsOfZone } from '../../../control/private-zones/zones.js';
import { RECORD_TYPES } from '../../../model/record-values.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { CloudError } from '../../../errors/catalogue.js';
import { ClientTokenParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, sortedBy } from '../paging.js';
import { keywordMatches, pvtzPage, pvtzPagingParams } from './paging.js';
import { RecordIdParam, RemarkParam, ZoneIdParam } from './params.js';
import { renderRecord } from './render.js';
import { PVTZ_VERSION } from './version.js';

/** The fields AddZoneRecord and UpdateZoneRecord share (https://api.aliyun.com/product/pvtz). */
const recordParams = {
  Rr: { type: 'string', required: true, maxLength: 253 },
  Type: { type: 'string', required: true, enum: RECORD_TYPES },
  Value: { type: 'string', required: true, maxLength: 4096 },
  Ttl: { type: 'integer', min: MIN_TTL, max: MAX_TTL },
  Priority: { type: 'integer', min: 1, max: 99 },
  Line: { type: 'string', maxLength: 64 },
  Weight: { type: 'integer', min: 0, max: 100 },
  ClientToken: ClientTokenParam,
} as const;

/**
 * plinkd answers every record of an RRset on every line: resolution lines
 * other than `default` and weighted round robin (Weight ≠ 1) are refused
 * rather than stored and silently ignored.
 */
function refuseUnsupported(p: { Line: string | undefined; Weight: number | undefined }): void {
  if (p.Line !== undefined && p.Line !== 'default') {
    throw new CloudError('InvalidParameter', { detail: 'The specified value parameter is not valid: only Line "default" is supported.' });
  }
  if (p.Weight !== undefined && p.Weight !== 1) {
    throw new CloudError('InvalidParameter', {
      detail: 'The specified value parameter is not valid: weighted records are not supported (Weight must be 1).',
    });
  }
}

export const recordActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'AddZoneRecord',
    kind: 'create',
    errorCodes: [
      'Zone.Invalid.Id',
      'Zone.NotExists',
      'InvalidParameter',
      'Record.Invalid.Conflict',
      'Zone.Remark',
      'IdempotentParameterMismatch',
    ],
    params: { ZoneId: ZoneIdParam, ...recordParams, Remark: RemarkParam },
    async handle(ctx, p) {
      refuseUnsupported(p);
      const uid = ctx.caller.account.uid;
      const record = await addZoneRecord(ctx.deps.plane, {
        uid,
        zoneId: p.ZoneId,
        rr: p.Rr,
        type: p.Type,
        value: p.Value,
        ttl: p.Ttl,
        priority: p.Priority,
        remark: p.Remark,
      });
      return { RecordId: Number(record.recordId), Success: true };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'UpdateZoneRecord',
    kind: 'change',
    errorCodes: ['Record.NotExists', 'Zone.NotExists', 'InvalidParameter', 'Record.Invalid.Conflict'],
    params: { RecordId: RecordIdParam, ...recordParams },
    replayAnswer: (p) => ({ RecordId: Number(p.RecordId) }),
    async handle(ctx, p) {
      refuseUnsupported(p);
      const record = await updateZoneRecord(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        recordId: p.RecordId,
        rr: p.Rr,
        type: p.Type,
        value: p.Value,
        ttl: p.Ttl,
        priority: p.Priority,
      });
      return { RecordId: Number(record.recordId) };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DeleteZoneRecord',
    kind: 'change',
    errorCodes: ['Record.NotExists'],
    params: { RecordId: RecordIdParam, ClientToken: ClientTokenParam },
    replayAnswer: (p) => ({ RecordId: Number(p.RecordId) }),
    async handle(ctx, p) {
      await deleteZoneRecord(ctx.deps.plane, ctx.caller.account.uid, p.RecordId);
      return { RecordId: Number(p.RecordId) };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'DescribeZoneRecords',
    kind: 'read',
    errorCodes: ['Zone.Invalid.Id', 'Zone.NotExists'],
    params: {
      ZoneId: ZoneIdParam,
      Keyword: { type: 'string', maxLength: 255 },
      // EXACT by default here, unlike DescribeZones (the reference).
      SearchMode: { type: 'string', enum: ['LIKE', 'EXACT'] },
      // "ecs" lists hostnames synced from ECS instances, which plinkd has none of.
      Tag: { type: 'string', maxLength: 64 },
      ...pvtzPagingParams,
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const zone = ownZone(plane, ctx.caller.account.uid, p.ZoneId);
      const records =
        p.Tag !== undefined && p.Tag !== ''
          ? []
          : recordsOfZone(plane, zone).filter((r) => keywordMatches(r.rr, p.Keyword, p.SearchMode ?? 'EXACT'));
      const page = pvtzPage(
        sortedBy(
          records,
          byCreation((r) => r.recordId.padStart(20, '0')),
        ),
        p.PageNumber,
        p.PageSize,
      );
      return { ...page.wire, Records: { Record: page.items.map(renderRecord) } };
    },
  }),
];
