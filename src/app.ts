import { randomBytes } from 'node:crypto';
import { RpcDispatcher } from './api/rpc/dispatcher.js';
import { rpcRoute } from './api/rpc/rpc-route.js';
import { startHttpServer, type HttpRoute, type RunningHttpServer } from './api/http/http-server.js';
import { healthRoute, metricsRoute } from './api/http/health-routes.js';
import { authzRoute } from './api/http/authz-route.js';
import { PolicyIndex } from './replica/policy-index.js';
import { apiActions } from './api/products/all-actions.js';
import { hostIdOf } from './api/products/host-id.js';
import type { Config } from './config/config.js';
import { ensureBootstrapKeys, ensureDefaultOperator, parseBootstrapKeys } from './control/bootstrap.js';
import { Plane } from './control/plane.js';
import { Reconciler } from './control/reconciler.js';
import type { Logger } from './log/logger.js';
import { MetricsRegistry, Gauge } from './metrics/registry.js';
import { Replica } from './replica/replica.js';
import { describeStore, openStore } from './store/open-store.js';
import type { Store } from './store/types.js';
import { TIMESTAMP_WINDOW_MS } from './api/rpc/authenticate.js';
import { startDns, type RunningDns } from './dns/dns-service.js';

export interface RunningApp {
  httpAddress: { host: string; port: number };
  /** SIGHUP: reload the static zones. */
  reload(): void;
  stop(): Promise<void>;
}

/** Lines for the operator's terminal (stdout), shown once: never logged. */
export type Announce = (text: string) => void;

/**
 * The composition root (STYLE.md): config → store → replica → control plane
 * → API and DNS, each only in the roles that need it (SPEC §1).
 */
export async function startApp(config: Readonly<Config>, log: Logger, announce: Announce): Promise<RunningApp> {
  const servesApi = config.role === 'all' || config.role === 'api';
  const servesDns = config.role === 'all' || config.role === 'dns';
  log.info('starting', { role: config.role, store: describeStore(config.store), regions: config.regions.map((r) => r.regionId) });
  const store: Store = await openStore(config.store);
  const replica = new Replica(store, (err) => log.error('replica subscriber failed', { err }));
  await replica.start();
  log.info('replica loaded', { position: replica.position, endpoints: replica.count('endpoint') });

  const plane = new Plane(store, replica, {
    regions: config.regions,
    domainSuffix: config.domainSuffix,
    transitionDelayMs: config.transitionDelayMs,
  });

  const metrics = new MetricsRegistry();
  metrics.register(
    new Gauge('plinkd_store_up', 'Whether the store is reachable (1) or not (0).', () => [[{ store: store.kind }, store.health() === 'ok' ? 1 : 0]]),
  );
  metrics.register(new Gauge('plinkd_replica_lag_seconds', 'Age of the newest change applied by this replica.', () => [[{}, replica.lagMilliseconds() / 1000]]));
  metrics.register(new Gauge('plinkd_replica_resyncs_total', 'Full snapshot reloads after a gap in the change stream.', () => [[{}, replica.resyncs]]));

  const stops: Array<() => Promise<void> | void> = [];
  let reconciler: Reconciler | undefined;
  const routes: HttpRoute[] = [healthRoute(config.role, store, replica), metricsRoute(metrics)];

  if (servesApi) {
    if (config.accessKeys !== undefined) await ensureBootstrapKeys(plane, parseBootstrapKeys(config.accessKeys));
    else {
      const created = await ensureDefaultOperator(plane);
      if (created !== undefined) {
        announce(
          `Created operator account ${created.uid}.\n  AccessKeyId:     ${created.accessKeyId}\n  AccessKeySecret: ${created.secret}\n` +
            '  (shown once; set PLINKD_ACCESS_KEYS to choose your own keys)',
        );
      }
    }
    reconciler = new Reconciler(plane, log.child({ component: 'reconciler' }));
    reconciler.start();
    const dispatcher = new RpcDispatcher({
      actions: apiActions,
      deps: { plane },
      regionIds: config.regions.map((r) => r.regionId),
      hostIdOf: (version, regionId) => hostIdOf(version, regionId ?? config.regions[0]!.regionId),
      log: log.child({ component: 'api' }),
      credentials: {
        findAccessKey: (id) => replica.get('accessKey', id),
        findAccount: (uid) => replica.get('account', uid),
        claimNonce: (accessKeyId, nonce) => store.claimOnce(`${accessKeyId}:${nonce}`, Math.ceil((2 * TIMESTAMP_WINDOW_MS) / 1000)),
        now: () => Date.now(),
      },
    });
    routes.push(rpcRoute(dispatcher));
  }

  let apiTokens = config.apiTokens;
  if (apiTokens.length === 0) {
    apiTokens = [randomBytes(24).toString('base64url')];
    announce(`Generated API token for /v1/*: ${apiTokens[0]}\n  (set PLINKD_API_TOKENS to choose your own)`);
  }

  let dns: RunningDns | undefined;
  if (servesDns) {
    dns = await startDns(config, replica, metrics, log.child({ component: 'dns' }));
    const running = dns;
    stops.push(() => running.close());
  }

  const policies = new PolicyIndex(log.child({ component: 'policy' }));
  policies.attach(replica);
  routes.push(authzRoute(policies, apiTokens));

  const http: RunningHttpServer = await startHttpServer({
    host: config.api.host,
    port: config.api.port,
    routes,
    log: log.child({ component: 'http' }),
    maxBodyBytes: 4 * 1024 * 1024,
  });
  stops.push(() => http.close());
  log.info('ready', {
    role: config.role,
    api: `${http.address.address}:${http.address.port}`,
    dns: dns?.server.addresses.map((a) => `${a.protocol}/${a.host}:${a.port}`) ?? [],
  });

  return {
    httpAddress: { host: http.address.address, port: http.address.port },
    reload() {
      dns?.reloadStaticZones();
    },
    async stop() {
      reconciler?.stop();
      for (const stop of stops.reverse()) await stop();
      replica.stop();
      await store.close();
      log.info('stopped');
    },
  };
}
