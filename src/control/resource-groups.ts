import { CloudError, type ErrorCode } from '../errors/catalogue.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';

/**
 * Moving a resource to another resource group: PrivateLink's ChangeResourceGroup
 * (endpoints, services) and the VPC API's MoveResourceGroup (VPCs, gateway
 * endpoints). plinkd models no Resource Manager, so any well-formed `rg-…` id
 * is a group; the group is kept, shown by every read of the resource and used
 * by the lists' ResourceGroupId filters. It changes nothing else.
 */

export type GroupedKind = 'endpoint' | 'service' | 'vpc' | 'gatewayEndpoint';

export interface GroupMove {
  uid: string;
  regionId: string;
  kind: GroupedKind;
  resourceId: string;
  resourceGroupId: string;
  /** The product's code for a resource the caller does not have there. */
  notFound: ErrorCode;
}

export const RESOURCE_GROUP_ID = /^rg-[a-z0-9]{1,40}$/;

/** Reads the caller's resource (from the transaction, or the replica when `tx` is undefined) and returns how to regroup it. */
async function grouped(plane: Plane, tx: Transaction | undefined, move: GroupMove): Promise<((tx: Transaction) => void) | undefined> {
  const read = <K extends GroupedKind>(kind: K) =>
    tx === undefined ? plane.replica.get(kind, move.resourceId) : tx.get(kind, move.resourceId);
  const mine = (doc: { uid: string; regionId: string } | undefined): boolean =>
    doc !== undefined && doc.uid === move.uid && doc.regionId === move.regionId;
  const group = move.resourceGroupId;
  switch (move.kind) {
    case 'endpoint': {
      const doc = await read('endpoint');
      return mine(doc) ? (t) => t.put('endpoint', doc!.endpointId, { ...doc!, resourceGroupId: group }) : undefined;
    }
    case 'service': {
      const doc = await read('service');
      return mine(doc) ? (t) => t.put('service', doc!.serviceId, { ...doc!, resourceGroupId: group }) : undefined;
    }
    case 'vpc': {
      const doc = await read('vpc');
      return mine(doc) ? (t) => t.put('vpc', doc!.vpcId, { ...doc!, resourceGroupId: group }) : undefined;
    }
    case 'gatewayEndpoint': {
      const doc = await read('gatewayEndpoint');
      return mine(doc) ? (t) => t.put('gatewayEndpoint', doc!.endpointId, { ...doc!, resourceGroupId: group }) : undefined;
    }
  }
}

export async function moveToResourceGroup(plane: Plane, move: GroupMove): Promise<void> {
  if ((await grouped(plane, undefined, move)) === undefined) throw new CloudError(move.notFound);
  await plane.write(async (tx) => {
    const write = await grouped(plane, tx, move);
    if (write === undefined) throw new CloudError(move.notFound);
    write(tx);
  });
}
