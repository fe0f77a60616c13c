import { updateZoneResource } from '../../../control/endpoint-zone-resources.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DryRunParam, RegionIdParam, ZoneIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { ResourceIdParam, ResourceTypeParam } from './params.js';
import { PRIVATELINK_VERSION } from './version.js';

/** The provider assigns or migrates the resource behind one endpoint zone (control/endpoint-zone-resources.ts). */
export const zoneResourceActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'UpdateVpcEndpointZoneConnectionResourceAttribute',
    kind: 'change',
    errorCodes: [
      'EndpointServiceNotFound',
      'EndpointServiceLocked',
      'EndpointServiceOperationDenied',
      'EndpointNotFound',
      'EndpointConnectionNotFound',
      'EndpointLocked',
      'EndpointZoneNotFound',
      'EndpointConnectionOperationDenied',
      'ZoneOperationDenied',
      'IllegalParam.ResourceAllocateMode',
      'IllegalParam.ResourceReplaceMode',
      'EndpointServiceResourceTypeNotSupport',
      'EndpointServiceResourceNotFound',
      'Mismatch.ZoneId',
      'OperationDenied.CurrentResourceAutoAllocated',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      ServiceId: idParam('epsrv'),
      EndpointId: idParam('ep'),
      ZoneId: { ...ZoneIdParam, required: true },
      // Validated by the control plane, with the action's IllegalParam.<Name> codes.
      ResourceAllocateMode: { type: 'string', maxLength: 16 },
      ResourceReplaceMode: { type: 'string', maxLength: 16 },
      ResourceType: ResourceTypeParam,
      ResourceId: ResourceIdParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const uid = ctx.caller.account.uid;
      await updateZoneResource(ctx.deps.plane, {
        uid,
        regionId: p.RegionId,
        serviceId: p.ServiceId,
        endpointId: p.EndpointId,
        zoneId: p.ZoneId,
        allocateMode: p.ResourceAllocateMode,
        replaceMode: p.ResourceReplaceMode,
        resourceType: p.ResourceType,
        resourceId: p.ResourceId,
      });
      return {};
    },
  }),
];
