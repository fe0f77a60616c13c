import { createService } from '../../../control/service-create.js';
import { deleteService, ownService } from '../../../control/services.js';
import { updateService } from '../../../control/service-update.js';
import type { EndpointService } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import {
  ClientTokenParam,
  DescriptionParam,
  DryRunParam,
  NextTokenParam,
  RegionIdParam,
  ZoneIdParam,
  idParam,
  maxResultsParam,
  optionalIdParam,
} from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, paginate } from '../paging.js';
import {
  AddressIpVersionParam,
  DomainNameParam,
  ResourceGroupIdParam,
  ResourceIdParam,
  ResourceTypeParam,
  TagFilterParam,
  TagsParam,
  matchesTags,
  refuseOtherRegions,
  toTags,
} from './params.js';
import { renderService } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';
import { SERVICE_CHANGE_CODES } from './codes.js';

/** Endpoint services, provider side: create, read, list, update, delete. */
export const serviceActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'CreateVpcEndpointService',
    kind: 'create',
    errorCodes: [
      'NeedOpenProduct',
      'InvalidAccountStatus.NotEnoughBalance',
      'Mismatch.ResourceType',
      'EndpointServiceNotSupportedZone',
      'EndpointServiceResourceExist',
      'EndpointServiceNotSupportIpv6',
      'OperationDenied.PrivateDomainNotSupport',
      'Conflict.ServiceName',
      'IllegalParam.SupportedRegionList',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      ServiceResourceType: ResourceTypeParam,
      Resource: {
        type: 'objects',
        // The cloud takes at most 10 resources at creation (20 per service in all).
        maxItems: 10,
        fields: {
          ResourceId: { ...ResourceIdParam, required: true },
          ResourceType: { ...ResourceTypeParam, required: true },
          ZoneId: { ...ZoneIdParam, required: true },
        },
      },
      AutoAcceptEnabled: { type: 'boolean' },
      ZoneAffinityEnabled: { type: 'boolean' },
      ServiceDescription: DescriptionParam,
      AddressIpVersion: AddressIpVersionParam,
      // Deprecated twin of AddressIpVersion=DualStack.
      ServiceSupportIPv6: { type: 'boolean' },
      Payer: { type: 'string', enum: ['Endpoint', 'EndpointService'] },
      ResourceGroupId: ResourceGroupIdParam,
      SupportedRegionList: { type: 'list', maxItems: 20, item: { type: 'string', maxLength: 64 } },
      // Cloud-provided (operator) services only.
      PrivateServiceDomain: DomainNameParam,
      Tag: TagsParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      refuseOtherRegions('SupportedRegionList', p.SupportedRegionList, p.RegionId);
      const service = await createService(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        operator: ctx.caller.account.operator,
        regionId: p.RegionId,
        serviceResourceType: p.ServiceResourceType,
        resources: p.Resource.map((r) => ({ resourceId: r.ResourceId, resourceType: r.ResourceType, zoneId: r.ZoneId })),
        autoAcceptEnabled: p.AutoAcceptEnabled === true,
        zoneAffinityEnabled: p.ZoneAffinityEnabled === true,
        serviceDescription: p.ServiceDescription,
        addressIpVersion: p.AddressIpVersion ?? (p.ServiceSupportIPv6 === true ? 'DualStack' : 'IPv4'),
        payer: p.Payer ?? 'Endpoint',
        resourceGroupId: p.ResourceGroupId,
        privateServiceDomain: p.PrivateServiceDomain,
        tags: toTags(p.Tag),
      });
      const r = renderService(service);
      return pick(r, [
        'ServiceId',
        'ServiceName',
        'ServiceDomain',
        'ServiceStatus',
        'ServiceBusinessStatus',
        'ServiceDescription',
        'AutoAcceptEnabled',
        'ZoneAffinityEnabled',
        'ServiceSupportIPv6',
        'AddressIpVersion',
        'CreateTime',
        'ResourceGroupId',
        'SupportedRegionSet',
        'PrivateServiceDomain',
      ]);
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'GetVpcEndpointServiceAttribute',
    kind: 'read',
    errorCodes: ['EndpointServiceNotFound'],
    params: { RegionId: RegionIdParam, ServiceId: idParam('epsrv') },
    async handle(ctx, p) {
      const { Tags: _tags, ...rendered } = renderService(ownService(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.ServiceId));
      return rendered;
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointServices',
    kind: 'read',
    errorCodes: [],
    params: {
      RegionId: RegionIdParam,
      ServiceId: optionalIdParam('epsrv'),
      ServiceName: { type: 'string', maxLength: 200 },
      ServiceStatus: { type: 'string', enum: ['Creating', 'Pending', 'Active', 'Deleting'] },
      ServiceBusinessStatus: { type: 'string', enum: ['Normal', 'FinancialLocked'] },
      ServiceResourceType: ResourceTypeParam,
      AddressIpVersion: AddressIpVersionParam,
      AutoAcceptEnabled: { type: 'boolean' },
      ZoneAffinityEnabled: { type: 'boolean' },
      ResourceId: ResourceIdParam,
      ResourceGroupId: ResourceGroupIdParam,
      Tag: TagFilterParam,
      MaxResults: maxResultsParam(1000),
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      const key = byCreation((s: EndpointService) => s.serviceId);
      const services = ctx.deps.plane.replica
        .ownedBy('service', ctx.caller.account.uid)
        .filter(
          (s) =>
            s.regionId === p.RegionId &&
            (p.ServiceId === undefined || s.serviceId === p.ServiceId) &&
            (p.ServiceName === undefined || s.serviceName === p.ServiceName) &&
            (p.ServiceStatus === undefined || s.serviceStatus === p.ServiceStatus) &&
            (p.ServiceBusinessStatus === undefined || s.serviceBusinessStatus === p.ServiceBusinessStatus) &&
            (p.ServiceResourceType === undefined || s.serviceResourceType === p.ServiceResourceType) &&
            (p.AddressIpVersion === undefined || s.addressIpVersion === p.AddressIpVersion) &&
            (p.AutoAcceptEnabled === undefined || s.autoAcceptEnabled === p.AutoAcceptEnabled) &&
            (p.ZoneAffinityEnabled === undefined || s.zoneAffinityEnabled === p.ZoneAffinityEnabled) &&
            (p.ResourceId === undefined || s.resources.some((r) => r.resourceId === p.ResourceId)) &&
            (p.ResourceGroupId === undefined || s.resourceGroupId === p.ResourceGroupId) &&
            matchesTags(s.tags, p.Tag),
        )
        .sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(services, key, maxResults, p.NextToken);
      return { Services: page.items.map(renderService), NextToken: page.nextToken, MaxResults: maxResults, TotalCount: page.totalCount };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'UpdateVpcEndpointServiceAttribute',
    kind: 'change',
    errorCodes: [
      ...SERVICE_CHANGE_CODES,
      'ServiceResourceNotSupportIpv6',
      'EndpointServiceDowngradeNotAllowed',
      'UpdateBandWidthUnSupported',
      'IllegalParam.AddSupportedRegionSet',
      'IllegalParam.DeleteSupportedRegionSet',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      ServiceId: idParam('epsrv'),
      AutoAcceptEnabled: { type: 'boolean' },
      ConnectBandwidth: { type: 'integer', min: 100, max: 10240 },
      ServiceDescription: DescriptionParam,
      ZoneAffinityEnabled: { type: 'boolean' },
      AddressIpVersion: AddressIpVersionParam,
      ServiceSupportIPv6: { type: 'boolean' },
      AddSupportedRegionSet: { type: 'list', maxItems: 20, item: { type: 'string', maxLength: 64 } },
      DeleteSupportedRegionSet: { type: 'list', maxItems: 20, item: { type: 'string', maxLength: 64 } },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      refuseOtherRegions('AddSupportedRegionSet', p.AddSupportedRegionSet, p.RegionId);
      refuseOtherRegions('DeleteSupportedRegionSet', p.DeleteSupportedRegionSet, p.RegionId);
      await updateService(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        serviceId: p.ServiceId,
        autoAcceptEnabled: p.AutoAcceptEnabled,
        connectBandwidth: p.ConnectBandwidth,
        serviceDescription: p.ServiceDescription,
        zoneAffinityEnabled: p.ZoneAffinityEnabled,
        addressIpVersion:
          p.AddressIpVersion ?? (p.ServiceSupportIPv6 === undefined ? undefined : p.ServiceSupportIPv6 ? 'DualStack' : 'IPv4'),
      });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DeleteVpcEndpointService',
    kind: 'change',
    errorCodes: [...SERVICE_CHANGE_CODES, 'EndpointServiceConnectionDependence', 'EndpointServiceDependenceViolation', 'DryRunOperation'],
    params: { RegionId: RegionIdParam, ServiceId: idParam('epsrv'), ClientToken: ClientTokenParam, DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteService(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.ServiceId);
      return {};
    },
  }),
];

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}
