import { CloudError } from '../errors/catalogue.js';
import type { BusinessStatus, Endpoint, EndpointService } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';
import { applyLocks, combine, type Clock } from './suspension.js';

/** What SetBusinessStatus names: one account, service or endpoint. */
export type BusinessTarget = { accountId: string } | { serviceId: string } | { endpointId: string };

/**
 * SetBusinessStatus (operator, docs/control-plane.md): FinancialLocked on an account,
 * service or endpoint disconnects what it owns — the endpoints of a locked
 * account, the connections to a locked service — and Normal restores exactly
 * what was connected. All in one transaction, so that when the call returns
 * no affected endpoint is Connected any more (DNS publishes only Active +
 * Connected + Normal); the reconciler finishes the disconnects and restores.
 */
export async function setBusinessStatus(plane: Plane, target: BusinessTarget, status: BusinessStatus): Promise<void> {
  await plane.write(async (tx) => {
    const clock: Clock = { due: plane.dueAt(), stamp: plane.timestamp() };
    const services: EndpointService[] = [];
    const endpointIds = new Set<string>();
    /** A locked account's services, read below once the checks are done. */
    let accountServices: readonly EndpointService[] = [];
    if ('accountId' in target) {
      const account = await tx.get('account', target.accountId);
      if (account === undefined) throw new CloudError('EntityNotExist.User');
      tx.put('account', account.uid, { ...account, businessStatus: status });
      accountServices = plane.replica.ownedBy('service', account.uid);
      for (const endpoint of plane.replica.ownedBy('endpoint', account.uid)) endpointIds.add(endpoint.endpointId);
    } else if ('serviceId' in target) {
      const service = await tx.get('service', target.serviceId);
      if (service === undefined) throw new CloudError('EndpointServiceNotFound');
      services.push({ ...service, ownBusinessStatus: status });
    } else {
      const endpoint = await tx.get('endpoint', target.endpointId);
      if (endpoint === undefined) throw new CloudError('EndpointNotFound');
      tx.put('endpoint', endpoint.endpointId, { ...endpoint, ownBusinessStatus: status });
      endpointIds.add(endpoint.endpointId);
    }
    // The target exists: nothing below can fail, and a dry run need not read what it owns.
    plane.checksDone();
    for (const service of accountServices) {
      const current = await tx.get('service', service.serviceId);
      if (current !== undefined) services.push(current);
    }
    for (const service of services) {
      const owner = await tx.get('account', service.uid);
      tx.put('service', service.serviceId, {
        ...service,
        serviceBusinessStatus: combine(service.ownBusinessStatus, owner?.businessStatus),
      });
      for (const id of plane.replica.endpointIdsOfService(service.serviceId)) endpointIds.add(id);
    }
    for (const endpointId of endpointIds) {
      const endpoint = await tx.get('endpoint', endpointId);
      if (endpoint !== undefined) tx.put('endpoint', endpointId, await relock(tx, endpoint, clock));
    }
  });
}

/** Recomputes an endpoint's effective business status and cuts or restores its connection to match. */
async function relock(tx: Transaction, endpoint: Endpoint, clock: Clock): Promise<Endpoint> {
  const consumer = await tx.get('account', endpoint.uid);
  const service = await tx.get('service', endpoint.serviceId);
  const next = { ...endpoint, endpointBusinessStatus: combine(endpoint.ownBusinessStatus, consumer?.businessStatus) };
  return service === undefined ? next : applyLocks(next, service.serviceBusinessStatus, clock);
}
