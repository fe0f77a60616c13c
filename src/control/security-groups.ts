import { CloudError } from '../errors/catalogue.js';
import { transition } from '../model/transitions.js';
import type { Endpoint } from '../model/types.js';
import { ownEndpoint, requireSettled, settledInTx } from './endpoint-guards.js';
import type { Plane } from './plane.js';

/**
 * AttachSecurityGroupToVpcEndpoint / DetachSecurityGroupFromVpcEndpoint. As in
 * the cloud the change is asynchronous: the endpoint goes Pending and the
 * reconciler brings it back to Active; meanwhile the group shows Attaching /
 * Detaching and further changes are refused (EndpointOperationDenied).
 * plinkd models no ECS, so any well-formed `sg-…` id is a security group.
 */

/** CreateVpcEndpoint takes at most 10 (SecurityGroupId.N); attaching beyond that is over quota. */
export const MAX_SECURITY_GROUPS = 10;

export interface SecurityGroupChange {
  uid: string;
  regionId: string;
  endpointId: string;
  securityGroupId: string;
}

export async function attachSecurityGroup(plane: Plane, input: SecurityGroupChange): Promise<void> {
  await changeSecurityGroups(plane, input, (endpoint) => {
    if (endpoint.securityGroupIds.includes(input.securityGroupId)) throw new CloudError('SecurityGroupExist');
    if (endpoint.securityGroupIds.length >= MAX_SECURITY_GROUPS) throw new CloudError('QuotaMisMatched');
    return { ids: [...endpoint.securityGroupIds, input.securityGroupId], change: 'Attaching' };
  });
}

export async function detachSecurityGroup(plane: Plane, input: SecurityGroupChange): Promise<void> {
  await changeSecurityGroups(plane, input, (endpoint) => {
    if (!endpoint.securityGroupIds.includes(input.securityGroupId)) throw new CloudError('SecurityGroupNotFound');
    if (endpoint.securityGroupIds.length <= 1) throw new CloudError('EndpointMustContainSecurityGroup');
    return { ids: endpoint.securityGroupIds.filter((id) => id !== input.securityGroupId), change: 'Detaching' };
  });
}

type Plan = (endpoint: Endpoint) => { ids: string[]; change: 'Attaching' | 'Detaching' };

async function changeSecurityGroups(plane: Plane, input: SecurityGroupChange, plan: Plan): Promise<void> {
  const endpoint = ownEndpoint(plane, input.uid, input.regionId, input.endpointId);
  requireSettled(endpoint);
  plan(endpoint);
  await plane.write(async (tx) => {
    const current = await settledInTx(tx, input.endpointId);
    if (current.uid !== input.uid) throw new CloudError('EndpointNotFound');
    const { ids, change } = plan(current);
    tx.put('endpoint', input.endpointId, {
      ...current,
      securityGroupIds: ids,
      securityGroupChange: { securityGroupId: input.securityGroupId, change },
      endpointStatus: transition('endpoint', current.endpointStatus, 'Pending'),
      transitionDueAt: plane.dueAt(),
    });
  });
}

export interface SecurityGroupRow {
  securityGroupId: string;
  securityGroupStatus: 'Attaching' | 'Attached' | 'Detaching';
}

/** ListVpcEndpointSecurityGroups rows, sorted by id; a group being detached is listed until the endpoint is Active. */
export function securityGroupRows(endpoint: Endpoint): SecurityGroupRow[] {
  const pending = endpoint.endpointStatus === 'Pending' ? (endpoint.securityGroupChange ?? null) : null;
  const rows: SecurityGroupRow[] = endpoint.securityGroupIds.map((securityGroupId) => ({
    securityGroupId,
    securityGroupStatus: pending?.change === 'Attaching' && pending.securityGroupId === securityGroupId ? 'Attaching' : 'Attached',
  }));
  if (pending?.change === 'Detaching' && !endpoint.securityGroupIds.includes(pending.securityGroupId)) {
    rows.push({ securityGroupId: pending.securityGroupId, securityGroupStatus: 'Detaching' });
  }
  return rows.sort((a, b) => (a.securityGroupId < b.securityGroupId ? -1 : a.securityGroupId > b.securityGroupId ? 1 : 0));
}
