import { setZoneRecordStatus, updateRecordRemark } from '../../../control/private-zones/record-settings.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { RecordIdParam, RemarkParam } from './params.js';
import { PVTZ_VERSION } from './version.js';

/**
 * SetZoneRecordStatus and UpdateRecordRemark. Their ClientToken is honoured by the change runner
 * (src/control/change-runner.ts): a retry answers as the first call did and changes nothing.
 */
export const recordSettingsActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PVTZ_VERSION,
    name: 'SetZoneRecordStatus',
    kind: 'change',
    errorCodes: ['Record.NotExists'],
    params: {
      RecordId: RecordIdParam,
      Status: { type: 'string', required: true, enum: ['ENABLE', 'DISABLE'] },
      ClientToken: ClientTokenParam,
    },
    replayAnswer: (p) => ({ RecordId: Number(p.RecordId), Status: p.Status }),
    async handle(ctx, p) {
      const record = await setZoneRecordStatus(ctx.deps.plane, ctx.caller.account.uid, p.RecordId, p.Status);
      return { RecordId: Number(record.recordId), Status: record.status };
    },
  }),
  defineAction({
    version: PVTZ_VERSION,
    name: 'UpdateRecordRemark',
    kind: 'change',
    errorCodes: ['Record.NotExists', 'Zone.Remark'],
    params: { RecordId: RecordIdParam, Remark: RemarkParam, ClientToken: ClientTokenParam },
    replayAnswer: (p) => ({ RecordId: Number(p.RecordId) }),
    async handle(ctx, p) {
      await updateRecordRemark(ctx.deps.plane, ctx.caller.account.uid, p.RecordId, p.Remark);
      return { RecordId: Number(p.RecordId) };
    },
  }),
];
