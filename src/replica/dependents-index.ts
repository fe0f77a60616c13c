import { nextDueOfEndpoint } from '../model/transitions.js';
import type { DocTypes, Kind } from '../store/types.js';

type AnyDoc = DocTypes[Kind];

/** Ids grouped by a value they refer to (a service's endpoints, a VPC's vSwitches). */
class IdsByValue {
  private readonly byValue = new Map<string, Set<string>>();

  add(value: string, id: string): void {
    let ids = this.byValue.get(value);
    if (ids === undefined) this.byValue.set(value, (ids = new Set()));
    ids.add(id);
  }

  remove(value: string, id: string): void {
    const ids = this.byValue.get(value);
    ids?.delete(id);
    if (ids?.size === 0) this.byValue.delete(value);
  }

  /** `id` from `before` to `after`; nothing moves when they are the same value. */
  move(before: string, after: string, id: string): void {
    if (before === after) return;
    this.remove(before, id);
    this.add(after, id);
  }

  ids(value: string): string[] {
    return [...(this.byValue.get(value) ?? [])];
  }

  count(value: string): number {
    return this.byValue.get(value)?.size ?? 0;
  }

  clear(): void {
    this.byValue.clear();
  }
}

/**
 * The dependents the API asks about on its request paths, kept as documents
 * are applied (built by the load, updated by every batch) so that no API call
 * walks the fleet (docs/architecture.md):
 *   - a service's endpoints (the provider's connection lists, service changes,
 *     the reconciler) — the one service → endpoints index of a process;
 *   - a VPC's vSwitches (DeleteVpc, CreateVSwitch's overlap checks);
 *   - how many endpoints a VPC holds (DeleteVpc's DependencyViolation.Instance),
 *     a count only: an id set per VPC would cost a set entry per endpoint for
 *     a question that needs a number;
 *   - the endpoints and services with a transition due (the reconciler, on
 *     taking its lease: a settled fleet has none, and it reads only these).
 */
export class DependentsIndex {
  private readonly endpointsByService = new IdsByValue();
  private readonly vSwitchesByVpc = new IdsByValue();
  private readonly endpointsPerVpc = new Map<string, number>();
  private readonly dueEndpoints = new Set<string>();
  private readonly dueServices = new Set<string>();

  add(kind: Kind, id: string, doc: AnyDoc): void {
    if (kind === 'endpoint') {
      const endpoint = doc as DocTypes['endpoint'];
      this.endpointsByService.add(endpoint.serviceId, id);
      this.countEndpoint(endpoint.vpcId, 1);
      if (nextDueOfEndpoint(endpoint) !== null) this.dueEndpoints.add(id);
    } else if (kind === 'vSwitch') this.vSwitchesByVpc.add((doc as DocTypes['vSwitch']).vpcId, id);
    else if (kind === 'service' && (doc as DocTypes['service']).transitionDueAt !== null) this.dueServices.add(id);
  }

  remove(kind: Kind, id: string, doc: AnyDoc): void {
    if (kind === 'endpoint') {
      const endpoint = doc as DocTypes['endpoint'];
      this.endpointsByService.remove(endpoint.serviceId, id);
      this.countEndpoint(endpoint.vpcId, -1);
      this.dueEndpoints.delete(id);
    } else if (kind === 'vSwitch') this.vSwitchesByVpc.remove((doc as DocTypes['vSwitch']).vpcId, id);
    else if (kind === 'service') this.dueServices.delete(id);
  }

  /**
   * `previous` replaced by `doc` under the same id: only the values that changed move (a
   * status or zone edit keeps the service and VPC), so the sets are not churned per change.
   */
  update(kind: Kind, id: string, previous: AnyDoc, doc: AnyDoc): void {
    if (kind === 'endpoint') {
      const before = previous as DocTypes['endpoint'];
      const after = doc as DocTypes['endpoint'];
      this.endpointsByService.move(before.serviceId, after.serviceId, id);
      if (before.vpcId !== after.vpcId) {
        this.countEndpoint(before.vpcId, -1);
        this.countEndpoint(after.vpcId, 1);
      }
      if (nextDueOfEndpoint(after) !== null) this.dueEndpoints.add(id);
      else this.dueEndpoints.delete(id);
    } else if (kind === 'vSwitch') {
      this.vSwitchesByVpc.move((previous as DocTypes['vSwitch']).vpcId, (doc as DocTypes['vSwitch']).vpcId, id);
    } else if (kind === 'service') {
      if ((doc as DocTypes['service']).transitionDueAt !== null) this.dueServices.add(id);
      else this.dueServices.delete(id);
    }
  }

  /** A VPC's endpoint count moved by `delta`; a VPC left with none has no entry. */
  private countEndpoint(vpcId: string, delta: number): void {
    const count = (this.endpointsPerVpc.get(vpcId) ?? 0) + delta;
    if (count > 0) this.endpointsPerVpc.set(vpcId, count);
    else this.endpointsPerVpc.delete(vpcId);
  }

  /** Ids of the endpoints (or services) with a transition due, in no particular order. */
  dueIds(kind: 'endpoint' | 'service'): string[] {
    return [...(kind === 'endpoint' ? this.dueEndpoints : this.dueServices)];
  }

  endpointIdsOfService(serviceId: string): string[] {
    return this.endpointsByService.ids(serviceId);
  }

  vSwitchIdsOfVpc(vpcId: string): string[] {
    return this.vSwitchesByVpc.ids(vpcId);
  }

  endpointCountOfVpc(vpcId: string): number {
    return this.endpointsPerVpc.get(vpcId) ?? 0;
  }

  clear(): void {
    this.endpointsByService.clear();
    this.vSwitchesByVpc.clear();
    this.endpointsPerVpc.clear();
    this.dueEndpoints.clear();
    this.dueServices.clear();
  }
}
