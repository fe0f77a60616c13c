import type { Logger } from '../log/logger.js';
import { currentAllocation, releaseAddresses } from '../model/ipam.js';
import type { Endpoint } from '../model/types.js';
import type { AppliedChange } from '../replica/applied-change.js';
import { nextDueOfEndpoint } from '../model/transitions.js';
import { advanceEndpoint, advanceService, orphan } from './advance.js';
import { boundCounts, pickResource } from './bindings.js';
import type { Plane } from './plane.js';
import type { Clock } from './suspension.js';

/**
 * What is due; for an endpoint, the service and account its step reads, as the replica knew
 * them when scheduling (they never change), so the step reads all three in one round trip.
 */
type Target = { kind: 'endpoint'; id: string; serviceId: string; uid: string } | { kind: 'service'; id: string };

/**
 * Finishes asynchronous transitions (docs/control-plane.md). It watches the replica for
 * documents with something due, and at the due time runs the pure step
 * function inside a store transaction. The state lives in the store, so a
 * restart picks up where it left off, and since every step is a CAS
 * transaction, two reconcilers racing on one endpoint are harmless: the loser
 * re-reads and finds nothing left to do.
 */
export class Reconciler {
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private stopped = false;

  constructor(
    private readonly plane: Plane,
    private readonly log: Logger,
  ) {}

  /**
   * Follows the replica's changes from now on, and schedules what is due now from the
   * replica's index of due documents — in the same turn, so no batch falls between. Not a
   * replay of the whole replica: at 100k endpoints that held the event loop (and DNS of a
   * `--role all` process) for seconds at every lease acquisition.
   */
  start(): void {
    const { replica } = this.plane;
    replica.subscribe({ onChanges: (applied) => this.onChanges(applied) }, { replay: false });
    for (const id of replica.dueIds('endpoint')) {
      const endpoint = replica.get('endpoint', id);
      if (endpoint !== undefined) this.schedule(endpointTarget(endpoint), nextDueOfEndpoint(endpoint));
    }
    for (const id of replica.dueIds('service')) {
      const service = replica.get('service', id);
      if (service !== undefined) this.schedule({ kind: 'service', id }, service.transitionDueAt);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private onChanges(applied: readonly AppliedChange[]): void {
    for (const { change } of applied) {
      if (change.kind === 'endpoint') {
        if (change.doc === null) this.unschedule(`endpoint/${change.id}`);
        else this.schedule(endpointTarget(change.doc), nextDueOfEndpoint(change.doc));
      } else if (change.kind === 'service') {
        this.schedule({ kind: 'service', id: change.id }, change.doc === null ? null : change.doc.transitionDueAt);
      }
    }
  }

  private unschedule(key: string): void {
    const existing = this.timers.get(key);
    if (existing !== undefined) clearTimeout(existing.timer);
    this.timers.delete(key);
  }

  private schedule(target: Target, dueAt: number | null): void {
    const key = `${target.kind}/${target.id}`;
    const existing = this.timers.get(key);
    if (existing !== undefined && existing.at === dueAt) return;
    this.unschedule(key);
    if (dueAt === null || this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        void this.run(target);
      },
      Math.max(0, dueAt - this.plane.now() + 1),
    );
    this.timers.set(key, { at: dueAt, timer });
  }

  private async run(target: Target): Promise<void> {
    try {
      const stillDue = target.kind === 'endpoint' ? await this.stepEndpoint(target) : await this.stepService(target.id);
      // A timer may fire a little before its due time (Node timers vs Date.now()): then the
      // step changes nothing, no change comes back from the replica, and only this keeps it going.
      if (stillDue !== null) this.schedule(target, stillDue);
    } catch (err) {
      // The store may be down or the document hotly contended; try again shortly (it is still due).
      this.log.warn('reconcile step failed', { kind: target.kind, id: target.id, err });
      if (!this.stopped) setTimeout(() => void this.run(target), 250 + Math.random() * 500);
    }
  }

  private clock(): Clock {
    return { due: this.plane.dueAt(), stamp: this.plane.timestamp() };
  }

  /** One step of the endpoint; returns when it is next due (null: settled or gone). */
  private async stepEndpoint(target: Extract<Target, { kind: 'endpoint' }>): Promise<number | null> {
    const endpointId = target.id;
    const { value } = await this.plane.transact(async (tx) => {
      await tx.prefetch([
        ['endpoint', endpointId],
        ['service', target.serviceId],
        ['account', target.uid],
      ]);
      const endpoint = await tx.get('endpoint', endpointId);
      if (endpoint === undefined) return null;
      const service = await tx.get('service', endpoint.serviceId);
      const consumer = await tx.get('account', endpoint.uid);
      // Load per resource is a placement hint, read from the replica: it need not be exact. Counted
      // only for a step that places a zone (most steps do not).
      let counts: Map<string, number> | undefined;
      const step = advanceEndpoint(endpoint, {
        service,
        consumerBusinessStatus: consumer?.businessStatus,
        pickResource: (zoneId) =>
          service === undefined ? null : pickResource(service, zoneId, (counts ??= boundCounts(this.siblings(endpoint.serviceId)))),
        now: this.plane.now(),
        clock: this.clock(),
      });
      for (const { vSwitchId, addresses } of step.released) {
        const stored = await tx.get('ipAllocation', vSwitchId);
        if (stored !== undefined) tx.put('ipAllocation', vSwitchId, releaseAddresses(currentAllocation(stored, vSwitchId), addresses));
      }
      if (step.endpoint === null) tx.delete('endpoint', endpointId);
      else tx.put('endpoint', endpointId, step.endpoint);
      return step.endpoint === null ? null : nextDueOfEndpoint(step.endpoint);
    });
    return value;
  }

  /** A deleted service leaves its endpoints ServiceDeleted, in the same transaction (docs/control-plane.md). */
  private async stepService(serviceId: string): Promise<number | null> {
    const { value } = await this.plane.transact(async (tx) => {
      const service = await tx.get('service', serviceId);
      if (service === undefined) return null;
      const next = advanceService(service, this.plane.now());
      if (next !== null) {
        tx.put('service', serviceId, next);
        return next.transitionDueAt;
      }
      tx.delete('service', serviceId);
      const clock = this.clock();
      for (const endpointId of this.plane.replica.endpointIdsOfService(serviceId)) {
        const endpoint = await tx.get('endpoint', endpointId);
        if (endpoint !== undefined) tx.put('endpoint', endpointId, orphan(endpoint, clock));
      }
      return null;
    });
    return value;
  }

  private *siblings(serviceId: string): Iterable<Endpoint> {
    for (const id of this.plane.replica.endpointIdsOfService(serviceId)) {
      const endpoint = this.plane.replica.get('endpoint', id);
      if (endpoint !== undefined) yield endpoint;
    }
  }
}

function endpointTarget(endpoint: Endpoint): Target {
  return { kind: 'endpoint', id: endpoint.endpointId, serviceId: endpoint.serviceId, uid: endpoint.uid };
}
