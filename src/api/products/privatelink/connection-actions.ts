import {
  cutReplacedResource,
  disableConnection,
  enableConnection,
  setZoneConnection,
  updateConnection,
} from '../../../control/connections.js';
import { ownService } from '../../../control/services.js';
import type { Endpoint } from '../../../model/types.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import {
  ClientTokenParam,
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
import { ResourceGroupIdParam, ResourceIdParam, TrafficControlModeParam, UserIdParam } from './params.js';
import { renderConnection } from './render.js';
import { PRIVATELINK_VERSION } from './version.js';
import { CONNECTION_CODES, CONNECTION_SETTING_CODES } from './codes.js';

const ConnectionParams = {
  RegionId: RegionIdParam,
  ServiceId: idParam('epsrv'),
  EndpointId: idParam('ep'),
  ClientToken: ClientTokenParam,
  DryRun: DryRunParam,
} as const;
/** The connection every action here names: the provider's service and the consumer's endpoint. */
function connectionRef(
  uid: string,
  p: { RegionId: string; ServiceId: string; EndpointId: string },
): Parameters<typeof disableConnection>[1] {
  return { uid, regionId: p.RegionId, serviceId: p.ServiceId, endpointId: p.EndpointId };
}
const BandwidthParam = { type: 'integer', min: 1, max: 100_000 } as const;

/** The provider accepts, rejects and tunes connections to its services (docs/control-plane.md "Acceptance"). */
export const connectionActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'EnableVpcEndpointConnection',
    kind: 'change',
    errorCodes: [
      ...CONNECTION_CODES,
      ...CONNECTION_SETTING_CODES,
      'IncorrectStatus.VpcEndpointConnection',
      'OperationDenied.NoAvailableServiceResource',
      'DryRunOperation',
    ],
    params: { ...ConnectionParams, Bandwidth: BandwidthParam, TrafficControlMode: TrafficControlModeParam },
    async handle(ctx, p) {
      const ref = connectionRef(ctx.caller.account.uid, p);
      await enableConnection(ctx.deps.plane, ref, { bandwidth: p.Bandwidth, trafficControlMode: p.TrafficControlMode });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DisableVpcEndpointConnection',
    kind: 'change',
    errorCodes: [...CONNECTION_CODES, 'IncorrectStatus.VpcEndpointConnection', 'DryRunOperation'],
    params: ConnectionParams,
    async handle(ctx, p) {
      await disableConnection(ctx.deps.plane, connectionRef(ctx.caller.account.uid, p));
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'UpdateVpcEndpointConnectionAttribute',
    kind: 'change',
    errorCodes: [...CONNECTION_CODES, ...CONNECTION_SETTING_CODES, 'DryRunOperation'],
    params: { ...ConnectionParams, Bandwidth: BandwidthParam, TrafficControlMode: TrafficControlModeParam },
    async handle(ctx, p) {
      const ref = connectionRef(ctx.caller.account.uid, p);
      await updateConnection(ctx.deps.plane, ref, { bandwidth: p.Bandwidth, trafficControlMode: p.TrafficControlMode });
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'EnableVpcEndpointZoneConnection',
    kind: 'change',
    errorCodes: [
      ...CONNECTION_CODES,
      'IncorrectStatus.VpcEndpointConnection',
      'IncorrectStatus.VpcEndpointZone',
      'ResourceNotFound.VpcEndpointZone',
      'OperationDenied.NoAvailableServiceResource',
      'DryRunOperation',
    ],
    params: { ...ConnectionParams, ZoneId: { ...ZoneIdParam, required: true } },
    async handle(ctx, p) {
      const ref = connectionRef(ctx.caller.account.uid, p);
      await setZoneConnection(ctx.deps.plane, ref, p.ZoneId, true);
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'DisableVpcEndpointZoneConnection',
    kind: 'change',
    errorCodes: [
      ...CONNECTION_CODES,
      'IncorrectStatus.VpcEndpointConnection',
      'IncorrectStatus.VpcEndpointZone',
      'ResourceNotFound.VpcEndpointZone',
      'DryRunOperation',
    ],
    // ReplacedResource=true cuts only the old connections a Graceful migration left on the replaced resource.
    params: { ...ConnectionParams, ZoneId: { ...ZoneIdParam, required: true }, ReplacedResource: { type: 'boolean' } },
    async handle(ctx, p) {
      const ref = connectionRef(ctx.caller.account.uid, p);
      if (p.ReplacedResource === true) await cutReplacedResource(ctx.deps.plane, ref, p.ZoneId);
      else await setZoneConnection(ctx.deps.plane, ref, p.ZoneId, false);
      return {};
    },
  }),
  defineAction({
    version: PRIVATELINK_VERSION,
    name: 'ListVpcEndpointConnections',
    kind: 'read',
    errorCodes: ['EndpointServiceNotFound'],
    params: {
      RegionId: RegionIdParam,
      // Not marked required in the API metadata but documented as required: without it there is no service to list.
      ServiceId: idParam('epsrv'),
      ConnectionStatus: {
        type: 'string',
        enum: ['Pending', 'Connecting', 'Connected', 'Disconnecting', 'Disconnected', 'Deleting', 'ServiceDeleted'],
      },
      EndpointId: optionalIdParam('ep'),
      EndpointOwnerId: UserIdParam,
      EniId: optionalIdParam('eni'),
      ResourceId: ResourceIdParam,
      ReplacedResourceId: ResourceIdParam,
      ResourceGroupId: ResourceGroupIdParam,
      MaxResults: maxResultsParam(1000),
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      const plane = ctx.deps.plane;
      const service = ownService(plane, ctx.caller.account.uid, p.RegionId, p.ServiceId);
      const key = byCreation((e: Endpoint) => e.endpointId);
      const connections = plane.replica
        .endpointIdsOfService(service.serviceId)
        .map((id) => plane.replica.get('endpoint', id))
        .filter(
          (e): e is Endpoint =>
            e !== undefined &&
            (p.ConnectionStatus === undefined || e.connectionStatus === p.ConnectionStatus) &&
            (p.EndpointId === undefined || e.endpointId === p.EndpointId) &&
            (p.EndpointOwnerId === undefined || e.uid === p.EndpointOwnerId) &&
            (p.EniId === undefined || e.zones.some((z) => z.eniId === p.EniId)) &&
            (p.ResourceId === undefined || e.zones.some((z) => z.resourceId === p.ResourceId)) &&
            // A zone being migrated Gracefully names the resource it leaves (UpdateVpcEndpointZoneConnectionResourceAttribute).
            (p.ReplacedResourceId === undefined || e.zones.some((z) => (z.replacedResourceId ?? null) === p.ReplacedResourceId)) &&
            // The connection's group is its endpoint's, as ResourceGroupId shows it.
            (p.ResourceGroupId === undefined || e.resourceGroupId === p.ResourceGroupId),
        )
        .sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const maxResults = p.MaxResults ?? 50;
      const page = paginate(connections, key, maxResults, p.NextToken);
      return {
        Connections: page.items.map((e) => renderConnection(e, service)),
        NextToken: page.nextToken,
        MaxResults: maxResults,
        // A string in this response, as the cloud returns it.
        TotalCount: String(page.totalCount),
      };
    },
  }),
];
