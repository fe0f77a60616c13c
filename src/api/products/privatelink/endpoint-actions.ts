import { createEndpoint, deleteEndpoint, ownEndpoint, removeZone } from '../../../control/endpoints.js';
import type { Endpoint } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import {
  ClientTokenParam,
  DescriptionParam,
  DryRunParam,
  NameParam,
  NextTokenParam,
  RegionIdParam,
  ZoneIdParam,
  idParam,
  maxResultsParam,
  optionalIdParam,
} from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, paginate } from '../paging.js';
import { renderEndpoint, renderZone } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';

export const endpointActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'CreateVpcEndpoint',
    params: {
      RegionId: RegionIdParam,
      VpcId: idParam('vpc'),
      ServiceId: optionalIdParam('epsrv'),
      ServiceName: { type: 'string', maxLength: 200 },
      SecurityGroupId: { type: 'list', maxItems: 10, item: { type: 'string', pattern: /^sg-[a-z0-9]{1,40}$/ } },
      Zone: {
        type: 'objects',
        maxItems: 10,
        fields: {
          ZoneId: { ...ZoneIdParam, required: true },
          VSwitchId: { type: 'string', required: true, pattern: /^vsw-[a-z0-9]{1,40}$/ },
          // The cloud spells this one in lower case: Zone.N.ip.
          ip: { type: 'string', maxLength: 64 },
        },
      },
      EndpointName: NameParam,
      EndpointDescription: DescriptionParam,
      EndpointType: { type: 'string', enum: ['Interface', 'GatewayLoadBalancer', 'Reverse'] },
      PolicyDocument: { type: 'string', maxLength: 6144 },
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const endpoint = await createEndpoint(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        vpcId: p.VpcId,
        serviceId: p.ServiceId,
        serviceName: p.ServiceName,
        securityGroupIds: p.SecurityGroupId,
        zones: p.Zone.map((z) => ({ zoneId: z.ZoneId, vSwitchId: z.VSwitchId, ip: z.ip })),
        endpointName: p.EndpointName,
        endpointDescription: p.EndpointDescription,
        endpointType: p.EndpointType ?? 'Interface',
        policyDocument: p.PolicyDocument,
        dryRun: p.DryRun === true,
      });
      const r = renderEndpoint(endpoint);
      return {
        EndpointId: r['EndpointId'],
        EndpointName: r['EndpointName'],
        EndpointDescription: r['EndpointDescription'],
        EndpointDomain: r['EndpointDomain'],
        EndpointStatus: r['EndpointStatus'],
        EndpointBusinessStatus: r['EndpointBusinessStatus'],
        ConnectionStatus: r['ConnectionStatus'],
        Bandwidth: r['Bandwidth'],
        CreateTime: r['CreateTime'],
        ServiceId: r['ServiceId'],
        ServiceName: r['ServiceName'],
        ServiceRegionId: r['ServiceRegionId'],
        VpcId: r['VpcId'],
        AddressIpVersion: r['AddressIpVersion'],
        ZoneAffinityEnabled: r['ZoneAffinityEnabled'],
      };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'GetVpcEndpointAttribute',
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep') },
    async handle(ctx, p) {
      return renderEndpoint(ownEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId));
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpoints',
    params: {
      RegionId: RegionIdParam,
      EndpointId: optionalIdParam('ep'),
      EndpointName: { type: 'string', maxLength: 128 },
      EndpointStatus: { type: 'string', enum: ['Creating', 'Active', 'Pending', 'Deleting'] },
      ConnectionStatus: { type: 'string', enum: ['Pending', 'Connecting', 'Connected', 'Disconnecting', 'Disconnected', 'Deleting', 'ServiceDeleted'] },
      EndpointType: { type: 'string', enum: ['Interface', 'GatewayLoadBalancer', 'Reverse'] },
      ServiceName: { type: 'string', maxLength: 200 },
      VpcId: optionalIdParam('vpc'),
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
            (p.ServiceName === undefined || e.serviceName === p.ServiceName) &&
            (p.VpcId === undefined || e.vpcId === p.VpcId),
        )
        .sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(endpoints, key, maxResults, p.NextToken);
      return {
        Endpoints: page.items.map((e) => ({ ...renderEndpoint(e), Tags: [] })),
        NextToken: page.nextToken,
        MaxResults: maxResults,
        TotalCount: page.totalCount,
      };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointZones',
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep'), MaxResults: maxResultsParam(1000), NextToken: NextTokenParam },
    async handle(ctx, p) {
      const endpoint = ownEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId);
      const zones = [...endpoint.zones].sort((a, b) => (a.zoneId < b.zoneId ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(zones, (z) => z.zoneId, maxResults, p.NextToken);
      return { Zones: page.items.map(renderZone), NextToken: page.nextToken, MaxResults: maxResults, TotalCount: page.totalCount };
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'RemoveZoneFromVpcEndpoint',
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep'), ZoneId: { ...ZoneIdParam, required: true }, ClientToken: ClientTokenParam, DryRun: DryRunParam },
    async handle(ctx, p) {
      await removeZone(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId, p.ZoneId, p.DryRun === true);
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DeleteVpcEndpoint',
    params: { RegionId: RegionIdParam, EndpointId: idParam('ep'), ClientToken: ClientTokenParam, DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId, p.DryRun === true);
      return {};
    },
  }),
];
