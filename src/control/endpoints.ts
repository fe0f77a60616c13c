import { CloudError } from '../errors/catalogue.js';
import { TRANSITIONAL_CONNECTION } from '../model/transitions.js';
import type { AddressIpVersion, Endpoint } from '../model/types.js';
import { DEFAULT_ENDPOINT_POLICY } from '../policy/default-endpoint-policy.js';
import {
  ownEndpointInTx,
  requireActiveEndpoint,
  requireServiceAlive,
  requireSettledConnection,
  requireSettledZones,
  requireUnlocked,
} from './endpoint-guards.js';
import type { Plane } from './plane.js';
import { checkPrivateDomain } from './endpoint-checks.js';
import { zonesForVersion } from './endpoint-ip-version.js';
import { move } from './status.js';

export interface UpdateEndpointInput {
  uid: string;
  regionId: string;
  endpointId: string;
  endpointName: string | undefined;
  endpointDescription: string | undefined;
  /** Stored as given: the policy engine validates documents separately. */
  policyDocument: string | undefined;
  resetPolicy: boolean;
  zoneAffinityEnabled: boolean | undefined;
  privateServiceDomainEnabled: boolean | undefined;
  /** IPv4 → DualStack only (control/endpoint-ip-version.ts). */
  addressIpVersion: AddressIpVersion | undefined;
}

/**
 * UpdateVpcEndpointAttribute applies at once: the cloud documents no Pending
 * status for it, and names keep resolving while it runs (a DualStack upgrade
 * adds AAAA records as soon as it commits).
 */
export async function updateEndpoint(plane: Plane, input: UpdateEndpointInput): Promise<void> {
  if (input.resetPolicy && input.policyDocument !== undefined)
    throw new CloudError('IllegalParam', { param: 'ResetPolicy', reason: 'cannot be combined with PolicyDocument' });
  await plane.write(async (tx) => {
    const endpoint = await ownEndpointInTx(tx, input.uid, input.regionId, input.endpointId);
    requireActiveEndpoint(endpoint);
    requireSettledConnection(endpoint);
    requireUnlocked(endpoint);
    requireServiceAlive(endpoint);
    // Only these two parameters look at the service: a name, description or policy edit reads one document.
    const needsService = input.privateServiceDomainEnabled === true || input.addressIpVersion !== undefined;
    const service = needsService ? await tx.get('service', endpoint.serviceId) : undefined;
    checkPrivateDomain(input.privateServiceDomainEnabled, service);
    const zones = await zonesForVersion(tx, endpoint, service, input.addressIpVersion);
    const next: Endpoint = { ...endpoint, zones, addressIpVersion: input.addressIpVersion ?? endpoint.addressIpVersion };
    if (input.endpointName !== undefined) next.endpointName = input.endpointName;
    if (input.endpointDescription !== undefined) next.endpointDescription = input.endpointDescription;
    if (input.policyDocument !== undefined) next.policyDocument = input.policyDocument;
    if (input.resetPolicy) next.policyDocument = DEFAULT_ENDPOINT_POLICY;
    if (input.zoneAffinityEnabled !== undefined) next.zoneAffinityEnabled = input.zoneAffinityEnabled;
    if (input.privateServiceDomainEnabled !== undefined) next.privateServiceDomainEnabled = input.privateServiceDomainEnabled;
    tx.put('endpoint', endpoint.endpointId, next);
  });
}

/**
 * DeleteVpcEndpoint removes the endpoint's zones itself (documented choice: the
 * console and Terraform delete endpoints with zones in one step). Its names stop
 * resolving at once; the reconciler releases the addresses and drops it.
 */
export async function deleteEndpoint(plane: Plane, uid: string, regionId: string, endpointId: string): Promise<void> {
  await plane.write(async (tx) => {
    const endpoint = await ownEndpointInTx(tx, uid, regionId, endpointId);
    requireActiveEndpoint(endpoint);
    requireSettledZones(endpoint);
    if (TRANSITIONAL_CONNECTION.has(endpoint.connectionStatus)) throw new CloudError('EndpointOperationDenied');
    const due = plane.dueAt();
    tx.put('endpoint', endpointId, {
      ...endpoint,
      endpointStatus: move('endpoint', endpoint.endpointStatus, 'Deleting', endpointId),
      connectionStatus: move('connection', endpoint.connectionStatus, 'Deleting', endpointId),
      connectionModifiedAt: plane.timestamp(),
      suspendedConnection: null,
      zones: endpoint.zones.map((z) => ({
        ...z,
        zoneStatus: move('zone', z.zoneStatus, 'Deleting', `${endpointId}/${z.zoneId}`),
        transitionDueAt: due,
      })),
      transitionDueAt: due,
    });
  });
}
