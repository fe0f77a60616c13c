import { setZoneRecordStatus, updateRecordRemark } from '../../../control/private-zones/record-settings.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { RecordIdParam, RemarkParam } from './params.js';
import { PVTZ_VERSION } from './version.js';

/**
 * SetZoneRecordStatus and UpdateRecordRemark. Both set a value, so a retry with the same
 * ClientToken lands in the same state; the token needs no record of its own.
 */
export const recordSettingsActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'SetZoneRecordStatus',
    errorCodes: ['Record.NotExists'],
    params: {
      RecordId: RecordIdParam,
      Status: { type: 'string', required: true, enum: ['ENABLE', 'DISABLE'] },
      ClientToken: ClientTokenParam,
    },
    async handle(ctx, p) {
      const record = await setZoneRecordStatus(ctx.deps.plane, ctx.caller.account.uid, p.RecordId, p.Status);
      return { RecordId: Number(record.recordId), Status: record.status };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'UpdateRecordRemark',
    errorCodes: ['Record.NotExists', 'Zone.Remark'],
    params: { RecordId: RecordIdParam, Remark: RemarkParam, ClientToken: ClientTokenParam },
    async handle(ctx, p) {
      await updateRecordRemark(ctx.deps.plane, ctx.caller.account.uid, p.RecordId, p.Remark);
      return { RecordId: Number(p.RecordId) };
    },
  }),
];
