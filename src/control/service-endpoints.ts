import type { Replica } from '../replica/replica.js';

/**
 * serviceId → ids of the endpoints connected to it, kept from the replica's
 * change feed so that provider-side calls (ListVpcEndpointConnections, deleting
 * a service, a financial lock) do not scan every endpoint. Built lazily, once
 * per replica, on first use. Like every replica read it may lag other API
 * processes: operations re-read what it names inside their transaction.
 */
class ServiceEndpointIndex {
  private readonly byService = new Map<string, Set<string>>();
  private readonly serviceOf = new Map<string, string>();

  constructor(replica: Replica) {
    replica.subscribe({
      onChanges: (applied) => {
        for (const { change } of applied) {
          if (change.kind !== 'endpoint') continue;
          this.remove(change.id);
          if (change.doc !== null) this.add(change.id, change.doc.serviceId);
        }
      },
    });
  }

  endpointIds(serviceId: string): string[] {
    return [...(this.byService.get(serviceId) ?? [])];
  }

  private add(endpointId: string, serviceId: string): void {
    let ids = this.byService.get(serviceId);
    if (ids === undefined) this.byService.set(serviceId, (ids = new Set()));
    ids.add(endpointId);
    this.serviceOf.set(endpointId, serviceId);
  }

  private remove(endpointId: string): void {
    const serviceId = this.serviceOf.get(endpointId);
    if (serviceId === undefined) return;
    this.serviceOf.delete(endpointId);
    const ids = this.byService.get(serviceId);
    ids?.delete(endpointId);
    if (ids?.size === 0) this.byService.delete(serviceId);
  }
}

const indexes = new WeakMap<Replica, ServiceEndpointIndex>();

/** Ids of the endpoints (any status) whose service is `serviceId`, as this replica knows them. */
export function endpointIdsOfService(replica: Replica, serviceId: string): string[] {
  let index = indexes.get(replica);
  if (index === undefined) {
    index = new ServiceEndpointIndex(replica);
    indexes.set(replica, index);
  }
  return index.endpointIds(serviceId);
}
