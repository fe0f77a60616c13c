import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { RpcDispatcher } from './api/rpc/dispatcher.js';
import { rpcRoute } from './api/rpc/rpc-route.js';
import { startHttpServer, type HttpRoute, type RunningHttpServer } from './api/http/http-server.js';
import { loadApiTls } from './api/http/api-tls.js';
import { healthRoute, metricsRoute } from './api/http/health-routes.js';
import { apiNotServedRoute } from './api/http/role-route.js';
import { authzRoute } from './api/http/authz-route.js';
import { withV1AccessLog, type V1AccessLog } from './api/http/v1-access-log.js';
import { consoleRoute } from './api/console/console-route.js';
import { dnsLookupRoute } from './api/http/dns-lookup-route.js';
import { TopologyFeed } from './api/topology/feed.js';
import { topologyRoutes } from './api/topology/routes.js';
import { PolicyIndex } from './policy/endpoint-policy-index.js';
import { COMPACT_HEAP_FROM_ENDPOINTS, compactHeap } from './replica/heap-compaction.js';
import { apiActions } from './api/products/all-actions.js';
import { hostIdOf } from './api/products/host-id.js';
import type { Config } from './config/config.js';
import { ensureBootstrapKeys } from './control/bootstrap.js';
import { planGeneratedCredentials } from './control/generated-credentials.js';
import { asBindError } from './config/port-check.js';
import { firstScreen } from './first-screen.js';
import { Lease } from './control/lease.js';
import { Plane } from './control/plane.js';
import { Reconciler } from './control/reconciler.js';
import type { Logger } from './log/logger.js';
import { Counter, MetricsRegistry, Gauge } from './metrics/registry.js';
import { Replica } from './replica/replica.js';
import { replicaKinds } from './replica/role-kinds.js';
import { openDataDir, type DataDir } from './store/durable/data-dir.js';
import { describeStore, openStore } from './store/open-store.js';
import { GAP_REASONS, type Store } from './store/types.js';
import { TIMESTAMP_WINDOW_MS } from './api/rpc/authenticate.js';
import { attachDns, type RunningDns } from './dns/dns-service.js';

export interface RunningApp {
  httpAddress: { host: string; port: number };
  /** The HTTPS listener's address (--api-https), when there is one. */
  httpsAddress: { host: string; port: number } | undefined;
  /** SIGHUP: reload the static zones. */
  reload(): void;
  stop(): Promise<void>;
}

/** Lines for the operator's terminal (stdout), shown once: never logged. */
export type Announce = (text: string) => void;

/**
 * The composition root: config → store → replica → control plane
 * → API and DNS, each only in the roles that need it (docs/architecture.md):
 *   api  cloud RPC API, /v1 policy API, reconciler (while holding its lease)
 *   dns  DNS, /v1 policy API, from the replica; the RPC API answers RoleNotServed
 *   all  both
 * Every role serves /healthz and /metrics.
 */
export async function startApp(config: Readonly<Config>, log: Logger, announce: Announce, version = 'unknown'): Promise<RunningApp> {
  const servesApi = config.role === 'all' || config.role === 'api';
  const servesDns = config.role === 'all' || config.role === 'dns';
  const storeName = describeStore(config.store);
  // Created, checked and locked before anything else (a DataDirError ends the start; main.ts exits 2).
  const dataDir: DataDir | undefined = config.dataDir === undefined ? undefined : openDataDir(config.dataDir);
  log.info('starting', { role: config.role, store: storeName, dataDir: dataDir?.path, regions: config.regions.map((r) => r.regionId) });
  if (dataDir?.tookOverFrom !== undefined)
    log.warn('took over the lock of a plinkd that is gone', { dataDir: dataDir.path, pid: dataDir.tookOverFrom });
  // Wait for the store up to --store-wait (default for ever): a replica never serves before
  // its first snapshot (an empty zone would answer NXDOMAIN for every endpoint).
  const store: Store = await openStore(config.store, {
    connectTimeoutMs: config.storeWaitMs,
    onAttemptFailed: (reason, waitedMs) => log.warn('store not reachable; retrying', { store: storeName, reason, waitedMs }),
    onAnnouncementsRefused: (reason) =>
      log.warn('change announcements refused; replicas poll the stream once a second (docs/deploy.md)', { store: storeName, reason }),
    dataDir:
      dataDir === undefined ? undefined : { dir: dataDir, compactBytes: config.dataCompactBytes, log: log.child({ component: 'store' }) },
  }).catch((err: unknown) => {
    dataDir?.release();
    throw err;
  });
  const metrics = new MetricsRegistry();
  const resyncs = metrics.register(
    new Counter('plinkd_replica_resyncs_total', 'Snapshot reloads after a gap in the change stream, by reason (docs/reliability.md).', [
      'reason',
    ]),
  );
  for (const reason of GAP_REASONS) resyncs.inc({ reason }, 0);
  const replicaLog = log.child({ component: 'replica' });
  const replica = new Replica(
    store,
    {
      // Once per transition, in every role: a DNS-only process says when it loses and regains the store too.
      storeHealthChanged: (health, cause) =>
        health === 'ok'
          ? replicaLog.info('store available again')
          : replicaLog.warn('store unavailable; serving what the replica holds', { err: cause }),
      resyncStarted: (reason, cause) => {
        resyncs.inc({ reason });
        replicaLog.warn('gap in the change stream; reloading a snapshot', { reason, err: cause });
      },
      subscriberFailed: (err) => replicaLog.error('replica subscriber failed on a batch; the stream goes on', { err }),
    },
    { kinds: replicaKinds(servesApi) },
  );
  // The DNS projections and the policy index attach before the load, so they
  // build their forms as the snapshot streams in (Replica.loadInPlace).
  const policies = new PolicyIndex(log.child({ component: 'policy' }));
  const dnsAttached = servesDns ? attachDns(config, replica, metrics, log.child({ component: 'dns' })) : undefined;
  policies.attach(replica);
  await replica.start();
  log.info('replica loaded', { position: replica.position, endpoints: replica.count('endpoint') });

  // Assigned once the server is up; the connections gauge below reads it lazily.
  // eslint-disable-next-line prefer-const
  let http: RunningHttpServer | undefined;
  metrics.register(
    new Gauge(
      'plinkd_store_up',
      'Whether the store is reachable (1) or not (0).',
      () => [[{ store: store.kind }, store.health() === 'ok' ? 1 : 0]],
      ['store'],
    ),
  );
  metrics.register(
    new Gauge('plinkd_replica_lag_seconds', 'How far this replica is behind the newest change in the store (0 when caught up).', () => [
      [{}, replica.lagMilliseconds() / 1000],
    ]),
  );
  metrics.register(new Gauge('plinkd_http_connections', 'Open connections on the HTTP port.', () => [[{}, http?.connections() ?? 0]]));

  const stops: Array<() => Promise<void> | void> = [];
  const routes: HttpRoute[] = [];
  let reconciling: ReconcilerUnderLease | undefined;
  let plane: Plane | undefined;

  if (servesApi) {
    plane = new Plane(store, replica, {
      regions: config.regions,
      domainSuffix: config.domainSuffix,
      transitionDelayMs: config.transitionDelayMs,
    });
  }
  // Chosen now, created (file, account) only once every port is bound below.
  const credentials = planGeneratedCredentials({
    plane,
    accessKeysConfigured: config.accessKeys !== undefined,
    configuredTokens: config.apiTokens,
    dataDir: dataDir?.path,
  });

  const accessLog = config.accessLog ? log.child({ component: 'access' }) : undefined;
  if (plane !== undefined) {
    const running = reconcileUnderLease(plane, config.leaseTtlMs, leaseHolderOf(config), log);
    reconciling = running;
    stops.push(() => running.stop());
    metrics.register(
      new Gauge('plinkd_reconciler_leader', 'Whether this process holds the reconciler lease (1) or not (0).', () => [
        [{}, running.lease.isHeld ? 1 : 0],
      ]),
    );
    const dispatcher = new RpcDispatcher({
      actions: apiActions,
      deps: { plane },
      regionIds: config.regions.map((r) => r.regionId),
      hostIdOf: (version, regionId) => hostIdOf(version, regionId ?? config.regions[0]!.regionId),
      log: log.child({ component: 'api' }),
      strictErrorCodes: config.strictErrorCodes,
      ...(accessLog === undefined ? {} : { accessLog: (entry) => accessLog.info('api call', { ...entry }) }),
      credentials: {
        findAccessKey: (id) => replica.get('accessKey', id),
        findAccount: (uid) => replica.get('account', uid),
        claimNonce: (accessKeyId, nonce) => store.claimOnce(`${accessKeyId}:${nonce}`, Math.ceil((2 * TIMESTAMP_WINDOW_MS) / 1000)),
        now: () => Date.now(),
      },
    });
    routes.push(rpcRoute(dispatcher));
  } else {
    routes.push(apiNotServedRoute(config.role));
  }
  const details = (): Record<string, unknown> => (reconciling === undefined ? {} : { reconciler: { leader: reconciling.lease.isHeld } });
  let ready = false;
  routes.unshift(
    healthRoute(config.role, store, replica, details, () => !ready),
    metricsRoute(metrics),
  );

  // The load's garbage is collected, and the heap compacted, before any query is served (memory, docs/design/performance.md).
  // Only for a large replica: it flips V8 flags at run time, which a small one does not need.
  if (replica.count('endpoint') >= COMPACT_HEAP_FROM_ENDPOINTS) compactHeap();
  const dns: RunningDns | undefined = await dnsAttached?.listen().catch((err: unknown) => {
    throw asBindError('dns', err);
  });
  if (dns !== undefined) stops.push(() => dns.close());
  // The operator views (docs/console.md) sit before the policy routes, which answer every other /v1 path.
  // Every /v1 call is in the access log, as the cloud API's are (docs/api.md "Access log").
  const v1Log: V1AccessLog | undefined = accessLog === undefined ? undefined : (entry) => accessLog.info('v1 call', { ...entry });
  routes.push(
    withV1AccessLog(topologyRoutes({ replica, feed: new TopologyFeed(replica), tokens: credentials.apiTokens }), v1Log),
    withV1AccessLog(dnsLookupRoute(credentials.apiTokens, dns?.explain), v1Log),
    consoleRoute(),
  );
  routes.push(withV1AccessLog(authzRoute(policies, credentials.apiTokens), v1Log));

  http = await startHttpServer({
    host: config.api.host,
    port: config.api.port,
    routes,
    log: log.child({ component: 'http' }),
    maxConnections: config.httpMaxConnections,
  }).catch((err: unknown) => {
    throw asBindError('api', err);
  });
  const server = http;
  stops.push(() => server.close());
  const https =
    config.apiHttps === undefined
      ? undefined
      : await startHttps(config, routes, log, announce).catch((err: unknown) => {
          throw asBindError('api-https', err);
        });
  if (https !== undefined) stops.push(() => https.close());
  // Accounts are created only now that every port is bound: a start that fails creates none.
  if (plane !== undefined && config.accessKeys !== undefined) {
    const keys = config.accessKeys;
    const configured = plane;
    await ensureBootstrapKeys(configured, keys);
    // If Redis came back without its data (a restart without AOF, a failover
    // that lost writes), the configured keys must still work.
    replica.onResync(() => {
      ensureBootstrapKeys(configured, keys).catch((err: unknown) => log.warn('bootstrap keys not restored after resync', { err }));
    });
  }
  const generated = await credentials.commit();
  const listening = {
    api: hostPort(server.address.address, server.address.port),
    apiHttps: https === undefined ? undefined : hostPort(https.address.address, https.address.port),
    dns: dns?.server.addresses.map((a) => `${a.protocol}/${hostPort(a.host, a.port)}`) ?? [],
  };
  // The screen first: whoever waits for the ready line finds it already written.
  const screen = firstScreen(generated, listening, version);
  if (screen !== undefined) announce(screen);
  ready = true;
  log.info('ready', { pid: process.pid, version, role: config.role, ...listening });

  return {
    httpAddress: { host: server.address.address, port: server.address.port },
    httpsAddress: https === undefined ? undefined : { host: https.address.address, port: https.address.port },
    reload() {
      dns?.reloadStaticZones();
    },
    async stop() {
      for (const stop of stops.reverse()) await stop();
      replica.stop();
      await store.close();
      dataDir?.release();
      log.info('stopped');
    },
  };
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The same routes over TLS (--api-https): the generated SDKs default to https. Without
 * --api-tls-cert/--api-tls-key a self-signed pair is made once and reused (api-tls.ts).
 */
async function startHttps(config: Readonly<Config>, routes: HttpRoute[], log: Logger, announce: Announce): Promise<RunningHttpServer> {
  const listen = config.apiHttps!;
  const tls = await loadApiTls({ certPath: config.apiTlsCert, keyPath: config.apiTlsKey, listenHost: listen.host, env: process.env });
  if (tls.generated) {
    announce(
      `Generated a self-signed certificate for the HTTPS API: ${tls.certPath}\n` +
        `  Trust it in SDK clients: NODE_EXTRA_CA_CERTS=${tls.certPath} (or its text as the SDK Config's \`ca\`)\n` +
        '  (kept for later starts; set PLINKD_API_TLS_CERT and PLINKD_API_TLS_KEY to use your own)',
    );
  }
  log.info('https certificate', { cert: tls.certPath, generated: tls.generated });
  return startHttpServer({
    host: listen.host,
    port: listen.port,
    routes,
    log: log.child({ component: 'https' }),
    maxConnections: config.httpMaxConnections,
    tls: { cert: tls.cert, key: tls.key },
  });
}

/**
 * The lease holder's name: host and API address, stable across restarts, so a
 * process restarted in place (kill -9, crash) takes its own lease back at once
 * instead of waiting out the ttl; two live processes cannot share it, as they
 * cannot bind one address. (Were two ever to, both would reconcile — harmless,
 * see lease.ts — never neither.) Port 0 gets a random suffix.
 */
function leaseHolderOf(config: Readonly<Config>): string {
  const suffix = config.api.port === 0 ? `#${randomBytes(6).toString('hex')}` : '';
  return `${hostname()}/${config.api.host}:${config.api.port}${suffix}`;
}

interface ReconcilerUnderLease {
  lease: Lease;
  stop(): Promise<void>;
}

/**
 * Runs a Reconciler only while this process holds the "reconciler" lease
 * (src/control/lease.ts), so of several api processes on one store exactly one
 * finishes transitions. Each acquisition starts a fresh Reconciler, which
 * schedules everything due from the replica's current state.
 */
function reconcileUnderLease(plane: Plane, ttlMs: number, holder: string, log: Logger): ReconcilerUnderLease {
  let running: { reconciler: Reconciler; detach: () => void } | undefined;
  const stopReconciler = (): void => {
    running?.reconciler.stop();
    running?.detach();
    running = undefined;
  };
  const lease = new Lease({
    store: plane.store,
    name: 'reconciler',
    holder,
    ttlMs,
    log: log.child({ component: 'lease' }),
    onAcquired: () => {
      stopReconciler();
      const reconciler = new Reconciler(plane, log.child({ component: 'reconciler' }));
      running = { reconciler, detach: plane.replica.collectSubscriptions(() => reconciler.start()) };
    },
    onLost: stopReconciler,
  });
  lease.start();
  return {
    lease,
    async stop() {
      stopReconciler();
      await lease.stop();
    },
  };
}
