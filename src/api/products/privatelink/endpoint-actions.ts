import { ownEndpoint } from '../../../control/endpoint-guards.js';
import { createEndpoint } from '../../../control/endpoint-create.js';
import { deleteEndpoint, updateEndpoint } from '../../../control/endpoints.js';
import type { Endpoint } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { CloudError } from '../../../errors/catalogue.js';
import {
  ClientTokenParam,
  DescriptionParam,
  DryRunParam,
  NameParam,
  NextTokenParam,
  PolicyDocumentParam,
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
  IpParam,
  Ipv6Param,
  ResourceGroupIdParam,
  TagFilterParam,
  TagsParam,
  matchesTags,
  toTags,
} from './params.js';
import { renderEndpoint, renderTags } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';
import { ENDPOINT_CHANGE_CODES, ZONE_PLACEMENT_CODES } from './codes.js';

const EndpointTypeParam = { type: 'string', enum: ['Interface', 'GatewayLoadBalancer', 'Reverse'] } as const;

/** CreateVpcEndpoint answers these fields of the new endpoint (SDK model CreateVpcEndpointResponseBody). */
const CREATE_RESPONSE_FIELDS = [
  'EndpointId',
  'EndpointName',
  'EndpointDescription',
  'EndpointDomain',
  'EndpointStatus',
  'EndpointBusinessStatus',
  'ConnectionStatus',
  'Bandwidth',
  'CrossRegionBandwidth',
  'CreateTime',
  'ServiceId',
  'ServiceName',
  'ServiceRegionId',
  'VpcId',
  'AddressIpVersion',
  'ZoneAffinityEnabled',
] as const;

/** Endpoints, consumer side: create, read, list, update, delete. */
export const endpointActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'CreateVpcEndpoint',
    kind: 'create',
    errorCodes: [
      'IllegalParam.ServiceRegionId',
      'IllegalParam.CrossRegionBandwidth',
      'IllegalParam.ProtectedEnabled',
      'NeedOpenProduct',
      'InvalidAccountStatus.NotEnoughBalance',
      'VpcNotFound',
      'EndpointServiceNotFound',
      'EndpointServiceNotAuthorized',
      'IncorrectStatus.VpcEndpointService',
      'IncorrectBusinessStatus.VpcEndpointService',
      'Mismatch.EndpointType',
      'OperationDenied.PrivateDomainNotSupport',
      'EndpointMustContainSecurityGroup',
      'QuotaExceeded.epZonePerEndpoint',
      'IllegalParam.AddressIpVersion',
      'EndpointZoneDuplicated',
      ...ZONE_PLACEMENT_CODES,
      'MalformedPolicyDocument',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      VpcId: idParam('vpc'),
      ServiceId: optionalIdParam('epsrv'),
      ServiceName: { type: 'string', maxLength: 200 },
      ServiceRegionId: { type: 'string', maxLength: 64 },
      SecurityGroupId: { type: 'list', maxItems: 10, item: { type: 'string', pattern: /^sg-[a-z0-9]{1,40}$/ } },
      Zone: {
        type: 'objects',
        maxItems: 10,
        fields: {
          ZoneId: { ...ZoneIdParam, required: true },
          VSwitchId: { type: 'string', required: true, pattern: /^vsw-[a-z0-9]{1,40}$/ },
          // The cloud spells this one in lower case: Zone.N.ip.
          ip: IpParam,
          Ipv6Address: Ipv6Param,
        },
      },
      EndpointName: NameParam,
      EndpointDescription: DescriptionParam,
      EndpointType: EndpointTypeParam,
      AddressIpVersion: AddressIpVersionParam,
      ZoneAffinityEnabled: { type: 'boolean' },
      // Answer the service's PrivateServiceDomain in this endpoint's VPC (cloud-provided services).
      PrivateServiceDomainEnabled: { type: 'boolean' },
      // The cloud accepts 1 only.
      ZonePrivateIpAddressCount: { type: 'integer', min: 1, max: 1 },
      // Managed protection of STS callers; plinkd has no STS, so true is refused below (false is what every endpoint is).
      ProtectedEnabled: { type: 'boolean' },
      PolicyDocument: PolicyDocumentParam,
      CrossRegionBandwidth: { type: 'integer', min: 100, max: 100_000 },
      ResourceGroupId: ResourceGroupIdParam,
      Tag: TagsParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      if (p.ServiceRegionId !== undefined && p.ServiceRegionId !== p.RegionId) {
        throw new CloudError('IllegalParam', {
          param: 'ServiceRegionId',
          reason: 'must be the endpoint region: cross-region connections are not supported',
        });
      }
      if (p.CrossRegionBandwidth !== undefined)
        throw new CloudError('IllegalParam', {
          param: 'CrossRegionBandwidth',
          reason: 'needs a cross-region endpoint, which plinkd does not have',
        });
      if (p.ProtectedEnabled === true)
        throw new CloudError('IllegalParam', {
          param: 'ProtectedEnabled',
          reason: 'protects endpoints from STS callers, which plinkd does not have',
        });
      const endpoint = await createEndpoint(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vpcId: p.VpcId,
        serviceId: p.ServiceId,
        serviceName: p.ServiceName,
        securityGroupIds: p.SecurityGroupId,
        zones: p.Zone.map((z) => ({ zoneId: z.ZoneId, vSwitchId: z.VSwitchId, ip: z.ip, ipv6Address: z.Ipv6Address })),
        endpointName: p.EndpointName,
        endpointDescription: p.EndpointDescription,
        endpointType: p.EndpointType ?? 'Interface',
        addressIpVersion: p.AddressIpVersion,
        zoneAffinityEnabled: p.ZoneAffinityEnabled === true,
        privateServiceDomainEnabled: p.PrivateServiceDomainEnabled === true,
        policyDocument: p.PolicyDocument,
        resourceGroupId: p.ResourceGroupId,
        tags: toTags(p.Tag),
      });
      const rendered = renderEndpoint(endpoint);
      return Object.fromEntries(CREATE_RESPONSE_FIELDS.map((f) => [f, rendered[f]]));
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'GetVpcEndpointAttribute',
    kind: 'read',
    errorCodes: ['EndpointNotFound'],
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep') },
    async handle(ctx, p) {
      return renderEndpoint(ownEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId));
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpoints',
    kind: 'read',
    errorCodes: [],
    params: {
      RegionId: RegionIdParam,
      EndpointId: optionalIdParam('ep'),
      EndpointName: { type: 'string', maxLength: 128 },
      EndpointStatus: { type: 'string', enum: ['Creating', 'Active', 'Pending', 'Deleting'] },
      ConnectionStatus: {
        type: 'string',
        enum: ['Pending', 'Connecting', 'Connected', 'Disconnecting', 'Disconnected', 'Deleting', 'ServiceDeleted'],
      },
      EndpointType: EndpointTypeParam,
      AddressIpVersion: AddressIpVersionParam,
      ServiceName: { type: 'string', maxLength: 200 },
      ServiceRegionId: { type: 'string', maxLength: 64 },
      VpcId: optionalIdParam('vpc'),
      ResourceGroupId: ResourceGroupIdParam,
      Tag: TagFilterParam,
      MaxResults: maxResultsParam(1000),
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      const key = byCreation((e: Endpoint) => e.endpointId);
      const endpoints = ctx.deps.plane.replica
        .ownedBy('endpoint', ctx.caller.account.uid)
        .filter(
          (e) =>
            e.regionId === p.RegionId &&
            (p.EndpointId === undefined || e.endpointId === p.EndpointId) &&
            (p.EndpointName === undefined || e.endpointName === p.EndpointName) &&
            (p.EndpointStatus === undefined || e.endpointStatus === p.EndpointStatus) &&
            (p.ConnectionStatus === undefined || e.connectionStatus === p.ConnectionStatus) &&
            (p.EndpointType === undefined || e.endpointType === p.EndpointType) &&
            (p.AddressIpVersion === undefined || e.addressIpVersion === p.AddressIpVersion) &&
            (p.ServiceName === undefined || e.serviceName === p.ServiceName) &&
            (p.ServiceRegionId === undefined || e.regionId === p.ServiceRegionId) &&
            (p.VpcId === undefined || e.vpcId === p.VpcId) &&
            (p.ResourceGroupId === undefined || e.resourceGroupId === p.ResourceGroupId) &&
            matchesTags(e.tags, p.Tag),
        )
        .sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(endpoints, key, maxResults, p.NextToken);
      return {
        Endpoints: page.items.map((e) => ({ ...renderEndpoint(e), Tags: renderTags(e.tags) })),
        NextToken: page.nextToken,
        MaxResults: maxResults,
        TotalCount: page.totalCount,
      };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'UpdateVpcEndpointAttribute',
    kind: 'change',
    errorCodes: [
      ...ENDPOINT_CHANGE_CODES,
      'IllegalParam.ResetPolicy',
      'EndpointLocked',
      'EndpointServiceDeleted',
      'OperationDenied.PrivateDomainNotSupport',
      'MalformedPolicyDocument',
      'IllegalParam.AddressIpVersion',
      'VSwitchNotFound',
      'ResourceNotEnough.VSwitchIp',
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      EndpointId: idParam('ep'),
      EndpointName: NameParam,
      EndpointDescription: DescriptionParam,
      PolicyDocument: PolicyDocumentParam,
      ResetPolicy: { type: 'boolean' },
      ZoneAffinityEnabled: { type: 'boolean' },
      PrivateServiceDomainEnabled: { type: 'boolean' },
      // In the current reference, not yet in the 2020-04-15 metadata: IPv4 → DualStack.
      AddressIpVersion: AddressIpVersionParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const uid = ctx.caller.account.uid;
      await updateEndpoint(ctx.deps.plane, {
        uid,
        regionId: p.RegionId,
        endpointId: p.EndpointId,
        endpointName: p.EndpointName,
        endpointDescription: p.EndpointDescription,
        policyDocument: p.PolicyDocument,
        resetPolicy: p.ResetPolicy === true,
        zoneAffinityEnabled: p.ZoneAffinityEnabled,
        privateServiceDomainEnabled: p.PrivateServiceDomainEnabled,
        addressIpVersion: p.AddressIpVersion,
      });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DeleteVpcEndpoint',
    kind: 'change',
    errorCodes: ['EndpointNotFound', 'EndpointOperationDenied', 'DryRunOperation'],
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep'), ClientToken: ClientTokenParam, DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId);
      return {};
    },
  }),
];
