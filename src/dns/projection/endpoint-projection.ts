import type { Endpoint, EndpointService } from '../../model/types.js';
import type { AppliedChange } from '../../replica/applied-change.js';
import type { Replica } from '../../replica/replica.js';
import type { Zone } from '../zone/index.js';
import { endpointNames, sameNames, type PublishedName } from './endpoint-records.js';

/**
 * Keeps the region zones in step with the replica's endpoints and services:
 * each endpoint's names are replaced as a unit when it changes, and each
 * existing service pins its domain as an empty non-terminal (docs/dns.md). All of
 * it runs synchronously inside the replica's batch, so a query sees either the
 * old or the new records, never a mix.
 */
export class EndpointProjection {
  private readonly pinnedServices = new Set<string>();
  /**
   * The services with ZoneAffinityEnabled — all an endpoint's names read of its service —
   * kept from the service changes, so an endpoint change does not read the replica's map of
   * every service (a first load makes a million, each a cache miss in that map).
   */
  private readonly affineServices = new Set<string>();

  constructor(
    private readonly replica: Replica,
    private readonly zoneOfRegion: (regionId: string) => Zone | undefined,
  ) {}

  attach(): void {
    this.replica.subscribe({ onChanges: (applied) => this.onChanges(applied) });
  }

  /**
   * One change that cannot be published (a name the zone refuses) must not skip the rest of
   * its batch: the affinity set is kept only from the service changes seen here, so a skipped
   * service change would leave its endpoints' tags wrong until the service changed again. The
   * first failure is rethrown once the batch is done, so the replica still reports it.
   */
  private onChanges(applied: readonly AppliedChange[]): void {
    let failure: { error: unknown } | undefined;
    for (const { change, previous } of applied) {
      try {
        if (change.kind === 'endpoint') this.onEndpoint(change.id, previous as Endpoint | undefined, change.doc);
        else if (change.kind === 'service') this.onService(change.id, previous as EndpointService | undefined, change.doc);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }

  private onEndpoint(id: string, previous: Endpoint | undefined, current: Endpoint | null): void {
    const zone = this.zoneOfRegion((current ?? previous)?.regionId ?? '');
    if (zone === undefined) return;
    const before = previous === undefined ? [] : endpointNames(previous, this.serviceOf(previous.serviceId));
    const after = current === null ? [] : endpointNames(current, this.serviceOf(current.serviceId));
    if (!sameNames(before, after)) publish(zone, before, after);
  }

  private serviceOf(serviceId: string): ServiceAffinity | undefined {
    return this.affineServices.has(serviceId) ? AFFINE : undefined;
  }

  private onService(id: string, previous: EndpointService | undefined, current: EndpointService | null): void {
    const wasAffine = this.affineServices.has(id);
    const affine = current !== null && current.zoneAffinityEnabled === true;
    if (affine) this.affineServices.add(id);
    else this.affineServices.delete(id);
    const service = current ?? previous;
    if (service === undefined) return;
    const zone = this.zoneOfRegion(service.regionId);
    if (zone === undefined) return;
    const exists = current !== null && current.serviceStatus !== 'Deleting';
    if (exists && !this.pinnedServices.has(id)) {
      zone.pinName(service.serviceDomain);
      this.pinnedServices.add(id);
    } else if (!exists && this.pinnedServices.has(id)) {
      zone.unpinName(service.serviceDomain);
      this.pinnedServices.delete(id);
    }
    // ZoneAffinityEnabled changes how the service's region-wide names are tagged — also when
    // the service comes or goes after its endpoints were published (in the same batch, or a
    // service deleted before them): the names are always as its endpoints' changes would make them now.
    if (wasAffine !== affine) {
      // The replica's index of a service's endpoints (the one index; it already holds the whole batch).
      for (const endpointId of this.replica.endpointIdsOfService(id)) {
        const endpoint = this.replica.get('endpoint', endpointId);
        if (endpoint !== undefined)
          publish(zone, endpointNames(endpoint, wasAffine ? AFFINE : undefined), endpointNames(endpoint, this.serviceOf(id)));
      }
    }
  }
}

/** What endpointNames reads of a service. */
type ServiceAffinity = Pick<EndpointService, 'zoneAffinityEnabled'>;
const AFFINE: ServiceAffinity = Object.freeze({ zoneAffinityEnabled: true });

/**
 * Writes `after`, then deletes what only `before` had (A and AAAA of a name in
 * one step). The region-wide name comes first and the zonal names are named
 * after it (`<endpointId>-<zoneId>`), so the zone can keep all of them as one
 * compact entry (Zone.setAddressFamily); where it cannot, name by name.
 */
function publish(zone: Zone, before: readonly PublishedName[], after: readonly PublishedName[]): void {
  const [first, ...members] = after;
  const asFamily = first !== undefined && zone.setAddressFamily(first.name, first.a, first.aaaa, members);
  if (!asFamily) for (const name of after) zone.setAddresses(name.name, name.a, name.aaaa);
  if (before.length === 0) return;
  const kept = new Set<string>();
  for (const name of after) kept.add(name.name);
  for (const name of before) if (!kept.has(name.name)) zone.setAddresses(name.name, [], []);
}
