import {
  createGatewayEndpoint,
  deleteGatewayEndpoint,
  ownGatewayEndpoint,
  updateGatewayEndpoint,
} from '../../../control/gateway-endpoints.js';
import { VPC_TAG_RULES, checkTags } from '../../../control/tag-rules.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { CloudError } from '../../../errors/catalogue.js';
import { ClientTokenParam, DryRunParam, NextTokenParam, RegionIdParam, optionalIdParam, policyDocumentParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { byCreation, checkMaxResults, listPage } from '../paging.js';
import { ResourceGroupIdParam, VPC_TAG_CODES } from './params.js';
import { renderGatewayEndpoint, renderTags } from './render.js';
import { VPC_VERSION } from './version.js';

const GatewayEndpointIdParam = { type: 'string', required: true, pattern: /^vpce-[a-z0-9]{1,40}$/ } as const;
/** A policy the engine refuses is IllegalParam.PolicyDocument here (the VPC metadata), naming the element. */
const GatewayPolicyParam = policyDocumentParam(
  (problem) => new CloudError('IllegalParam', { param: 'PolicyDocument', reason: `is not a valid policy: ${problem}` }),
);
const TagListParam = { type: 'objects', maxItems: 20, fields: { Key: { type: 'string' }, Value: { type: 'string' } } } as const;

export const gatewayEndpointActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: VPC_VERSION,
    name: 'CreateVpcGatewayEndpoint',
    kind: 'create',
    errorCodes: [
      'ResourceNotFound.VpcId',
      'ResourceNotFound.ServiceName',
      'IllegalParam.GatewayEndpointName',
      'IllegalParam.GatewayEndpointDescription',
      'ResourceAlreadyExist.GatewayEndpoint',
      'IllegalParam.PolicyDocument',
      'InvalidResourceGroupId',
      ...VPC_TAG_CODES,
      'IdempotentParameterMismatch',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      VpcId: { type: 'string', required: true, maxLength: 64 },
      ServiceName: { type: 'string', required: true, maxLength: 200 },
      PolicyDocument: GatewayPolicyParam,
      EndpointName: { type: 'string' },
      EndpointDescription: { type: 'string' },
      ResourceGroupId: ResourceGroupIdParam,
      Tag: TagListParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      const uid = ctx.caller.account.uid;
      const endpoint = await createGatewayEndpoint(ctx.deps.plane, {
        uid,
        regionId: p.RegionId,
        vpcId: p.VpcId,
        serviceName: p.ServiceName,
        endpointName: p.EndpointName,
        endpointDescription: p.EndpointDescription,
        policyDocument: p.PolicyDocument,
        resourceGroupId: p.ResourceGroupId,
        tags: checkTags(
          p.Tag.map((t) => ({ key: t.Key, value: t.Value })),
          VPC_TAG_RULES,
        ),
      });
      return {
        EndpointId: endpoint.endpointId,
        EndpointName: endpoint.endpointName,
        ServiceName: endpoint.serviceName,
        CreationTime: endpoint.createdAt,
        ResourceGroupId: endpoint.resourceGroupId,
      };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'UpdateVpcGatewayEndpointAttribute',
    kind: 'change',
    errorCodes: [
      'ResourceNotFound.GatewayEndpoint',
      'IllegalParam.GatewayEndpointName',
      'IllegalParam.GatewayEndpointDescription',
      'IllegalParam.PolicyDocument',
      'DryRunOperation',
    ],
    params: {
      RegionId: RegionIdParam,
      EndpointId: GatewayEndpointIdParam,
      EndpointName: { type: 'string' },
      EndpointDescription: { type: 'string' },
      PolicyDocument: GatewayPolicyParam,
      ClientToken: ClientTokenParam,
      DryRun: DryRunParam,
    },
    async handle(ctx, p) {
      await updateGatewayEndpoint(ctx.deps.plane, {
        uid: ctx.caller.account.uid,
        regionId: p.RegionId,
        endpointId: p.EndpointId,
        endpointName: p.EndpointName,
        endpointDescription: p.EndpointDescription,
        policyDocument: p.PolicyDocument,
      });
      return {};
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'ListVpcGatewayEndpoints',
    kind: 'read',
    errorCodes: ['IllegalParam.MaxResults', 'IllegalParam.NextToken', 'InvalidResourceGroupId'],
    params: {
      RegionId: RegionIdParam,
      EndpointId: { type: 'string', pattern: /^vpce-[a-z0-9]{1,40}$/ },
      EndpointName: { type: 'string', maxLength: 128 },
      ServiceName: { type: 'string', maxLength: 200 },
      VpcId: optionalIdParam('vpc'),
      ResourceGroupId: ResourceGroupIdParam,
      // Plural `Tags.N` here, unlike `Tag.N` elsewhere (https://api.aliyun.com/product/Vpc).
      Tags: TagListParam,
      // 1..100, default 20; out of range or a foreign token: IllegalParam.MaxResults /
      // IllegalParam.NextToken, as ListVpcGatewayEndpoints' metadata documents them.
      MaxResults: { type: 'integer' },
      NextToken: NextTokenParam,
    },
    async handle(ctx, p) {
      checkMaxResults(p.MaxResults, 100, 'IllegalParam');
      const filters = p.Tags.filter((t) => t.Key !== undefined && t.Key !== '');
      const endpoints = ctx.deps.plane.replica
        .ownedBy('gatewayEndpoint', ctx.caller.account.uid)
        .filter(
          (e) =>
            e.regionId === p.RegionId &&
            (p.EndpointId === undefined || e.endpointId === p.EndpointId) &&
            (p.EndpointName === undefined || e.endpointName === p.EndpointName) &&
            (p.ServiceName === undefined || e.serviceName === p.ServiceName) &&
            (p.VpcId === undefined || e.vpcId === p.VpcId) &&
            (p.ResourceGroupId === undefined || e.resourceGroupId === p.ResourceGroupId) &&
            filters.every((f) => (e.tags ?? []).some((t) => t.key === f.Key && (f.Value === undefined || t.value === f.Value))),
        );
      const page = listPage(
        endpoints,
        byCreation((e) => e.endpointId),
        p.MaxResults,
        p.NextToken,
        20,
        'IllegalParam',
      );
      return { ...page.wire, Endpoints: page.items.map(renderGatewayEndpoint) };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'GetVpcGatewayEndpointAttribute',
    kind: 'read',
    errorCodes: ['ResourceNotFound.GatewayEndpoint'],
    params: { RegionId: RegionIdParam, EndpointId: GatewayEndpointIdParam },
    async handle(ctx, p) {
      const endpoint = ownGatewayEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId);
      return {
        EndpointId: endpoint.endpointId,
        EndpointName: endpoint.endpointName,
        EndpointDescription: endpoint.endpointDescription,
        EndpointStatus: endpoint.status,
        ServiceName: endpoint.serviceName,
        VpcId: endpoint.vpcId,
        PolicyDocument: endpoint.policyDocument,
        CreationTime: endpoint.createdAt,
        // RouteTables here, AssociatedRouteTables in ListVpcGatewayEndpoints (the reference's own names).
        RouteTables: [...endpoint.routeTables],
        ResourceGroupId: endpoint.resourceGroupId,
        Tags: renderTags(endpoint.tags ?? []),
      };
    },
  }),
  defineAction({
    version: VPC_VERSION,
    name: 'DeleteVpcGatewayEndpoint',
    kind: 'change',
    errorCodes: ['ResourceNotFound.GatewayEndpoint', 'DependencyViolation.Association', 'DryRunOperation'],
    params: { RegionId: RegionIdParam, EndpointId: GatewayEndpointIdParam, ClientToken: ClientTokenParam, DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteGatewayEndpoint(ctx.deps.plane, ctx.caller.account.uid, p.RegionId, p.EndpointId);
      return {};
    },
  }),
];
