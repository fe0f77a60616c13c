import { addServiceUser, createService, ownService } from '../../../control/services.js';
import { ApiError } from '../../rpc/errors.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { ClientTokenParam, DescriptionParam, DryRunParam, RegionIdParam, ZoneIdParam, idParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { renderService } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';

const ResourceTypeParam = { type: 'string', enum: ['slb', 'alb', 'nlb', 'gwlb'] } as const;

export const serviceActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'CreateVpcEndpointService',
    params: {
      RegionId: RegionIdParam,
      ServiceResourceType: ResourceTypeParam,
      Resource: {
        type: 'objects',
        maxItems: 20,
        fields: {
          ResourceId: { type: 'string', required: true, pattern: /^[a-z]{2,6}-[a-z0-9]{1,40}$/ },
          ResourceType: { ...ResourceTypeParam, required: true },
          ZoneId: { ...ZoneIdParam, required: true },
        },
      },
      AutoAcceptEnabled: { type: 'boolean' },
      ZoneAffinityEnabled: { type: 'boolean' },
      ServiceDescription: DescriptionParam,
      AddressIpVersion: { type: 'string', enum: ['IPv4', 'DualStack'] },
      Payer: { type: 'string', enum: ['Endpoint', 'EndpointService'] },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const service = await createService(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        operator: ctx.caller.account.operator,
        regionId: p.RegionId,
        serviceResourceType: p.ServiceResourceType,
        resources: p.Resource.map((r) => ({ resourceId: r.ResourceId, resourceType: r.ResourceType, zoneId: r.ZoneId })),
        autoAcceptEnabled: p.AutoAcceptEnabled === true,
        zoneAffinityEnabled: p.ZoneAffinityEnabled === true,
        serviceDescription: p.ServiceDescription,
        addressIpVersion: p.AddressIpVersion ?? 'IPv4',
        payer: p.Payer ?? 'Endpoint',
        dryRun: p.DryRun === true,
      });
      const rendered = renderService(service);
      return {
        ServiceId: rendered['ServiceId'],
        ServiceName: rendered['ServiceName'],
        ServiceDomain: rendered['ServiceDomain'],
        ServiceStatus: rendered['ServiceStatus'],
        ServiceBusinessStatus: rendered['ServiceBusinessStatus'],
        ServiceDescription: rendered['ServiceDescription'],
        AutoAcceptEnabled: rendered['AutoAcceptEnabled'],
        ZoneAffinityEnabled: rendered['ZoneAffinityEnabled'],
        ServiceSupportIPv6: rendered['ServiceSupportIPv6'],
        AddressIpVersion: rendered['AddressIpVersion'],
        CreateTime: rendered['CreateTime'],
        ResourceGroupId: '',
        SupportedRegionSet: [],
      };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'GetVpcEndpointServiceAttribute',
    params: { RegionId: RegionIdParam, ServiceId: idParam('epsrv') },
    async handle(ctx, p) {
      return renderService(ownService(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.ServiceId));
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'AddUserToVpcEndpointService',
    params: {
      RegionId: RegionIdParam,
      ServiceId: idParam('epsrv'),
      UserId: { type: 'string', pattern: /^\d{16}$/ },
      UserARN: { type: 'string', maxLength: 256, pattern: /^acs:ram:[^:]*:(\d{16}|\*):.+$/ },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const user = p.UserId ?? p.UserARN;
      if (user === undefined) throw new ApiError('MissingParam', { param: 'UserId' });
      await addServiceUser(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.ServiceId, user, p.DryRun === true);
      return {};
    },
  }),
];
