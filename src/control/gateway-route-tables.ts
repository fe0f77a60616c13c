import { CloudError } from '../errors/catalogue.js';
import { vpcIdOfRouteTable } from '../model/ids.js';
import type { GatewayEndpoint, Vpc } from '../model/types.js';
import { ownGatewayEndpoint } from './gateway-endpoints.js';
import type { Plane } from './plane.js';

/**
 * AssociateRouteTablesWithVpcGatewayEndpoint / DissociateRouteTablesFromVpcGatewayEndpoint
 * (https://api.aliyun.com/api/Vpc/2016-04-28/AssociateRouteTablesWithVpcGatewayEndpoint).
 * A route table is named by its `vtb-` id; plinkd models each VPC's system
 * route table only (its id shares the VPC's suffix: model/ids.ts), so a table
 * must be the endpoint VPC's. Changes apply at once (gateway endpoints stay
 * `Created`); the association is shown in RouteTables / AssociatedRouteTables
 * and blocks DeleteVpcGatewayEndpoint. It does not change DNS: OSS names
 * answer in the endpoint's VPC either way (docs/design/dns-views.md).
 */
export interface RouteTableChange {
  uid: string;
  regionId: string;
  endpointId: string;
  routeTableIds: readonly string[];
}

type Direction = 'associate' | 'dissociate';

/** Checks every table against the endpoint; returns the endpoint's new list. */
function changedTables(
  endpoint: GatewayEndpoint,
  vpcOf: (vpcId: string) => Vpc | undefined,
  input: RouteTableChange,
  direction: Direction,
): string[] {
  const tables = new Set(endpoint.routeTables);
  for (const routeTableId of new Set(input.routeTableIds)) {
    const vpcId = vpcIdOfRouteTable(routeTableId);
    const vpc = vpcId === undefined ? undefined : vpcOf(vpcId);
    if (vpc === undefined || vpc.uid !== input.uid || vpc.regionId !== input.regionId) throw new CloudError('ResourceNotFound.RouteTable');
    // Another VPC's table can never have been associated: Dissociate documents ResourceNotFound.Association for it.
    if (vpc.vpcId !== endpoint.vpcId)
      throw new CloudError(direction === 'associate' ? 'Mismatch.VpcAndRouteTable' : 'ResourceNotFound.Association');
    if (direction === 'associate') {
      if (tables.has(routeTableId)) throw new CloudError('ResourceAlreadyExist.Association', { detail: routeTableId });
      tables.add(routeTableId);
    } else {
      if (!tables.has(routeTableId)) throw new CloudError('ResourceNotFound.Association');
      tables.delete(routeTableId);
    }
  }
  return [...tables].sort();
}

async function changeRouteTables(plane: Plane, input: RouteTableChange, direction: Direction): Promise<void> {
  const endpoint = ownGatewayEndpoint(plane, input.uid, input.regionId, input.endpointId);
  changedTables(endpoint, (id) => plane.replica.get('vpc', id), input, direction);
  await plane.write(async (tx) => {
    const current = await tx.get('gatewayEndpoint', input.endpointId);
    if (current === undefined || current.uid !== input.uid) throw new CloudError('ResourceNotFound.GatewayEndpoint');
    const vpc = await tx.get('vpc', current.vpcId);
    const routeTables = changedTables(current, (id) => (id === vpc?.vpcId ? vpc : plane.replica.get('vpc', id)), input, direction);
    tx.put('gatewayEndpoint', current.endpointId, { ...current, routeTables });
  });
}

export function associateRouteTables(plane: Plane, input: RouteTableChange): Promise<void> {
  return changeRouteTables(plane, input, 'associate');
}

export function dissociateRouteTables(plane: Plane, input: RouteTableChange): Promise<void> {
  return changeRouteTables(plane, input, 'dissociate');
}
