import { readdirSync } from 'node:fs';
import type { Logger } from '../log/logger.js';
import type { ServedRegion } from '../model/regions.js';
import type { MetricsRegistry } from '../metrics/registry.js';
import type { Replica } from '../replica/replica.js';
import { dnsMetrics } from './dns-metrics.js';
import { createDnsExplainer, type DnsExplainResult, type DnsQuestion } from './explain/explain.js';
import { loadZoneDirectory } from './masterfile/index.js';
import { queryLogger } from './query-log.js';
import { EndpointProjection } from './projection/endpoint-projection.js';
import { OssProjection } from './projection/oss-projection.js';
import { CustomDomainProjection } from './projection/custom-domain-projection.js';
import { PrivateZoneProjection, type PrivateApex } from './projection/private-zone-projection.js';
import { createRegionZone } from './projection/region-zone.js';
import { PrivateZoneArbiter, ZoneRegistry, type AffinityMode } from './registry/index.js';
import { startDnsServer, type DnsServer } from './server/index.js';
import { BindingViews } from './views/binding-views.js';
import { normalizeName, type Zone } from './zone/index.js';

export interface RunningDns {
  server: DnsServer;
  registry: ZoneRegistry;
  /** Every private zone goes through it (never registry.setPrivateZone directly): it settles same-name claims per VPC. */
  arbiter: PrivateZoneArbiter;
  /** Reloads the master files of `--zones-dir` (SIGHUP). */
  reloadStaticZones(): void;
  /** Answers a question as a VPC's resolvers would get it, with the why (`POST /v1/dns:lookup`). */
  explain(question: DnsQuestion): DnsExplainResult;
  close(): Promise<void>;
}

/** Origins of the `<origin>.zone` files in `dir` (none if it cannot be read). */
function zoneFileOrigins(dir: string): Set<string> {
  try {
    return new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith('.zone'))
        .map((f) => normalizeName(f.slice(0, -'.zone'.length))),
    );
  } catch {
    return new Set();
  }
}

export interface AttachedDns {
  /** What answers: the zones the projections keep in step with the replica (bench:dns-churn drives it in-process). */
  registry: ZoneRegistry;
  views: BindingViews;
  /** Starts answering queries: call once the replica has loaded. */
  listen(): Promise<RunningDns>;
}

/** What the DNS side reads of the configuration (the app passes its configuration in). */
export interface DnsSettings {
  /** Addresses the server listens on; their hosts are the region zones' name servers. */
  dns: { host: string; port: number }[];
  regions: readonly ServedRegion[];
  domainSuffix: string;
  zonesDir: string | undefined;
  zoneAffinity: AffinityMode;
  queryLog: boolean;
}

/**
 * The DNS side of a process (docs/dns.md): the region zones, the static zones of
 * `zones/`, the replica's endpoints projected into them, views from resolver
 * bindings, and the UDP/TCP server answering from all of it.
 *
 * Attached before the replica loads, the projections build the zones while the
 * snapshot streams in (Replica.loadInPlace: each document projected as it is
 * parsed, never decoded again for it); the server listens only once the load
 * is complete, so no query is answered from half a snapshot — a name not yet
 * loaded would get NXDOMAIN.
 */
export function attachDns(config: Readonly<DnsSettings>, replica: Replica, metrics: MetricsRegistry, log: Logger): AttachedDns {
  const registry = new ZoneRegistry({ affinityMode: config.zoneAffinity });
  const serial = Math.floor(Date.now() / 1000);
  const regionZones = new Map<string, Zone>();
  for (const region of config.regions) {
    const zone = createRegionZone(
      region.regionId,
      config.domainSuffix,
      config.dns.map((d) => d.host),
      serial,
    );
    regionZones.set(region.regionId, zone);
    registry.setPublicZone(zone);
  }

  let staticOrigins: string[] = [];
  const reloadStaticZones = (): void => {
    if (config.zonesDir === undefined) return;
    const { zones, errors } = loadZoneDirectory(config.zonesDir);
    for (const error of errors) log.error('zone file not loaded', { file: error.file, line: error.line, reason: error.message });
    const next = new Set<string>();
    for (const zone of zones) {
      if ([...regionZones.values()].some((z) => z.origin === zone.origin)) {
        log.error('zone file shadows a region zone; ignored', { origin: zone.origin });
        continue;
      }
      registry.setPublicZone(zone);
      next.add(zone.origin);
    }
    // As NSD and BIND do, a zone whose file is still there but no longer
    // loads keeps its last good version; only a removed file removes the zone.
    const present = zoneFileOrigins(config.zonesDir);
    for (const origin of staticOrigins) {
      if (next.has(origin)) continue;
      if (present.has(origin)) {
        next.add(origin);
        log.warn('zone file failed to load; serving its previous version', { origin });
      } else registry.removePublicZone(origin);
    }
    staticOrigins = [...next];
    log.info('static zones loaded', { zones: staticOrigins, errors: errors.length });
  };
  reloadStaticZones();

  new EndpointProjection(replica, (regionId) => regionZones.get(regionId)).attach();
  // Private zones (PrivateZone API) and the OSS zones of gateway endpoints share
  // one arbiter: a tenant's zone shadows an OSS zone of the same name in its VPCs.
  const firstRegionZone = [...regionZones.values()][0]!.origin;
  const apex: PrivateApex = { nameServer: `ns1.${firstRegionZone}`, hostmaster: `hostmaster.${firstRegionZone}` };
  const arbiter = new PrivateZoneArbiter(registry);
  new PrivateZoneProjection(replica, arbiter, apex, (err, context) =>
    log.error('private zone data not served', { err, ...context }),
  ).attach();
  new OssProjection(
    replica,
    arbiter,
    config.regions.map((r) => r.regionId),
    apex,
    serial,
  ).attach();
  new CustomDomainProjection(replica, arbiter, apex, serial).attach();
  const views = new BindingViews(replica);
  views.attach();

  const queryLog = config.queryLog ? log.child({ component: 'query' }) : undefined;
  return {
    registry,
    views,
    async listen() {
      const server = await startDnsServer({
        listen: config.dns,
        authority: registry,
        views,
        metrics: dnsMetrics(metrics),
        ...(queryLog === undefined ? {} : { queryLog: queryLogger(queryLog) }),
        onError: (err) => log.error('dns internal error', { err }),
      });
      log.info('dns listening', { addresses: server.addresses.map((a) => `${a.protocol}/${a.host}:${a.port}`) });
      const explain = createDnsExplainer(registry, replica);
      return { server, registry, arbiter, reloadStaticZones, explain, close: () => server.close() };
    },
  };
}
