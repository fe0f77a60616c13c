import { CloudError } from '../errors/catalogue.js';
import { newId } from '../model/ids.js';
import type { GatewayEndpoint, Tag } from '../model/types.js';
import { DEFAULT_ENDPOINT_POLICY } from '../policy/default-endpoint-policy.js';
import { createOnce } from './idempotency.js';
import type { Plane } from './plane.js';
import { addVpcDependent, ownVpc, removeVpcDependent } from './vpcs.js';

/**
 * VPC gateway endpoints (docs/api.md: OSS only). The DNS server answers the
 * region's OSS names from 100.64.0.0/10 inside a VPC that has one. Unlike the
 * cloud, they are `Created` at once: nothing here takes time to build.
 */

/** The one service a gateway endpoint may reach: `com.aliyun.<region>.oss`. */
export function ossServiceName(regionId: string): string {
  return `com.aliyun.${regionId}.oss`;
}

/** EndpointName 1–128, EndpointDescription 1–255 characters (CreateVpcGatewayEndpoint). */
function checkNaming(name: string | undefined, description: string | undefined): void {
  if (name !== undefined && (name.length < 1 || name.length > 128 || /^https?:\/\//i.test(name)))
    throw new CloudError('IllegalParam.GatewayEndpointName');
  if (description !== undefined && (description.length < 1 || description.length > 255 || /^https?:\/\//i.test(description))) {
    throw new CloudError('IllegalParam.GatewayEndpointDescription');
  }
}

export interface CreateGatewayEndpointInput {
  uid: string;
  regionId: string;
  vpcId: string;
  serviceName: string;
  endpointName: string | undefined;
  endpointDescription: string | undefined;
  /** Stored as given; validated by the policy engine. */
  policyDocument: string | undefined;
  resourceGroupId: string | undefined;
  tags: Tag[];
}

export async function createGatewayEndpoint(plane: Plane, input: CreateGatewayEndpointInput): Promise<GatewayEndpoint> {
  return createOnce(plane, {
    kind: 'gatewayEndpoint',
    idOf: (endpoint) => endpoint.endpointId,
    validate: () => {
      if (ownVpc(plane, input.uid, input.regionId, input.vpcId) === undefined) throw new CloudError('ResourceNotFound.VpcId');
      if (input.serviceName !== ossServiceName(input.regionId)) throw new CloudError('ResourceNotFound.ServiceName');
      checkNaming(input.endpointName, input.endpointDescription);
      for (const existing of plane.replica.values('gatewayEndpoint')) {
        if (existing.vpcId === input.vpcId && existing.serviceName === input.serviceName)
          throw new CloudError('ResourceAlreadyExist.GatewayEndpoint');
      }
    },
    create: async (tx) => {
      const endpointId = newId('vpce');
      const vpc = await addVpcDependent(tx, input.vpcId, input.uid, 'gatewayEndpoint', endpointId);
      if (vpc === undefined) throw new CloudError('ResourceNotFound.VpcId');
      // One per VPC and service, checked on the store's view of the VPC's list.
      for (const siblingId of vpc.dependents.gatewayEndpoint ?? []) {
        if ((await tx.get('gatewayEndpoint', siblingId))?.serviceName === input.serviceName)
          throw new CloudError('ResourceAlreadyExist.GatewayEndpoint');
      }
      const endpoint: GatewayEndpoint = {
        endpointId,
        uid: input.uid,
        regionId: input.regionId,
        vpcId: input.vpcId,
        serviceName: input.serviceName,
        endpointName: input.endpointName ?? '',
        endpointDescription: input.endpointDescription ?? '',
        policyDocument: input.policyDocument ?? DEFAULT_ENDPOINT_POLICY,
        routeTables: [],
        tags: input.tags,
        resourceGroupId: input.resourceGroupId ?? '',
        status: 'Created',
        createdAt: plane.timestamp(),
      };
      tx.put('gatewayEndpoint', endpointId, endpoint);
      return endpoint;
    },
  });
}

/** The caller's gateway endpoint in the region, or ResourceNotFound.GatewayEndpoint. */
export function ownGatewayEndpoint(plane: Plane, uid: string, regionId: string, endpointId: string): GatewayEndpoint {
  const endpoint = plane.replica.get('gatewayEndpoint', endpointId);
  if (endpoint === undefined || endpoint.uid !== uid || endpoint.regionId !== regionId)
    throw new CloudError('ResourceNotFound.GatewayEndpoint');
  return endpoint;
}

export interface UpdateGatewayEndpointInput {
  uid: string;
  regionId: string;
  endpointId: string;
  endpointName: string | undefined;
  endpointDescription: string | undefined;
  policyDocument: string | undefined;
}

export async function updateGatewayEndpoint(plane: Plane, input: UpdateGatewayEndpointInput): Promise<void> {
  ownGatewayEndpoint(plane, input.uid, input.regionId, input.endpointId);
  checkNaming(input.endpointName, input.endpointDescription);
  await plane.write(async (tx) => {
    const current = await tx.get('gatewayEndpoint', input.endpointId);
    if (current === undefined || current.uid !== input.uid) throw new CloudError('ResourceNotFound.GatewayEndpoint');
    tx.put('gatewayEndpoint', input.endpointId, {
      ...current,
      endpointName: input.endpointName ?? current.endpointName,
      endpointDescription: input.endpointDescription ?? current.endpointDescription,
      policyDocument: input.policyDocument ?? current.policyDocument,
    });
  });
}

/** Route tables are dissociated first, as in the cloud (DependencyViolation.Association). */
function requireNoAssociation(endpoint: GatewayEndpoint): void {
  if (endpoint.routeTables.length > 0) throw new CloudError('DependencyViolation.Association', { detail: endpoint.endpointId });
}

export async function deleteGatewayEndpoint(plane: Plane, uid: string, regionId: string, endpointId: string): Promise<void> {
  requireNoAssociation(ownGatewayEndpoint(plane, uid, regionId, endpointId));
  await plane.write(async (tx) => {
    const current = await tx.get('gatewayEndpoint', endpointId);
    if (current === undefined || current.uid !== uid) throw new CloudError('ResourceNotFound.GatewayEndpoint');
    requireNoAssociation(current);
    tx.delete('gatewayEndpoint', endpointId);
    await removeVpcDependent(tx, current.vpcId, 'gatewayEndpoint', endpointId);
  });
}
