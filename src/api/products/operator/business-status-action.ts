import { setBusinessStatus, type BusinessTarget } from '../../../control/business-status.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { CloudError } from '../../../errors/catalogue.js';
import { DryRunParam, optionalIdParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { OPERATOR_VERSION } from './version.js';

/**
 * SetBusinessStatus (operator keys only): BusinessStatus Normal |
 * FinancialLocked on exactly one of AccountId, ServiceId, EndpointId. A lock
 * disconnects what the target owns; Normal restores it (control/business-status.ts).
 */
export const businessStatusActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: OPERATOR_VERSION,
    name: 'SetBusinessStatus',
    kind: 'change',
    errorCodes: ['IllegalParam.AccountId', 'EntityNotExist.User', 'EndpointServiceNotFound', 'EndpointNotFound', 'DryRunOperation'],
    operatorOnly: true,
    params: {
      AccountId: { type: 'string', pattern: /^\d{16}$/ },
      ServiceId: optionalIdParam('epsrv'),
      EndpointId: optionalIdParam('ep'),
      BusinessStatus: { type: 'string', required: true, enum: ['Normal', 'FinancialLocked'] },
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const named = [p.AccountId, p.ServiceId, p.EndpointId].filter((v) => v !== undefined).length;
      if (named === 0) throw new CloudError('MissingParam', { param: 'AccountId' });
      if (named > 1)
        throw new CloudError('IllegalParam', {
          param: 'AccountId',
          reason: 'names one target: give exactly one of AccountId, ServiceId, EndpointId',
        });
      const target: BusinessTarget =
        p.AccountId !== undefined
          ? { accountId: p.AccountId }
          : p.ServiceId !== undefined
            ? { serviceId: p.ServiceId }
            : { endpointId: p.EndpointId! };
      await setBusinessStatus(ctx.deps.plane, target, p.BusinessStatus);
      return { BusinessStatus: p.BusinessStatus };
    },
  }),
];
