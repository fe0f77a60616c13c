import { Agent } from 'node:http';
import { ACCESS_KEYS, cloudClient } from '../../test/helpers/cloud.js';
import { openPrivateLinkFor } from '../../test/helpers/plinkd.js';
import { startPlinkd, type PlinkdProcess } from '../common/processes.js';
import { REGION, type FleetEndpoint } from '../common/fleet.js';

/** What the churn mode does to the API while dnsperf runs (bench/dns/fleet-run.ts). */
export type ApiLoadKind = 'reads' | 'description' | 'zones';

export const API_LOADS: ReadonlyArray<{ kind: ApiLoadKind; what: string }> = [
  { kind: 'reads', what: 'GetVpcEndpointAttribute (control: the API cost without a change)' },
  { kind: 'description', what: 'UpdateVpcEndpointAttribute EndpointDescription (a change no DNS name depends on)' },
  { kind: 'zones', what: 'RemoveZoneFromVpcEndpoint / AddZoneToVpcEndpoint, alternating (a zonal name goes and comes back)' },
];

export interface ApiLoadResult {
  sent: number;
  ok: number;
  /** Error codes and how often, e.g. "IncorrectStatus 3". */
  errors: Map<string, number>;
  /** Calls not sent because MAX_IN_FLIGHT were still pending (the API fell behind the rate). */
  skipped: number;
}

/** The endpoints the churn works on: a uniform sample of the fleet, with the vSwitch of each zone. */
export interface ChurnTarget {
  endpointId: string;
  /** The zone removed and added back, and its vSwitch. */
  zoneId: string;
  vSwitchId: string;
}

export function churnTargetOf({ endpoint }: FleetEndpoint): ChurnTarget {
  const zone = endpoint.zones[endpoint.zones.length - 1]!;
  return { endpointId: endpoint.endpointId, zoneId: zone.zoneId, vSwitchId: zone.vSwitchId };
}

const MAX_IN_FLIGHT = 64;
/**
 * Idle sockets of the load's pool are closed after this, well before the server closes them
 * (src/api/http/http-server.ts): pop-core's own agent keeps them forever (on Node 20 its agent
 * ignores the server's Keep-Alive hint), and a request sent on a socket the server is closing
 * at that moment is reset.
 */
const IDLE_SOCKET_MS = 4_000;
/** A zone removed this long ago has finished its transition (--transition-delay 0) and can be added back. */
const SETTLE_MS = 2_000;

/**
 * Calls the API at a fixed rate for `seconds`, as the consumer account that owns
 * the fleet's endpoints. Zone edits keep a queue of endpoints whose zone was
 * removed and add it back once settled, so the fleet keeps its shape across rounds.
 */
/**
 * The `--role api` process the churn is sent to: on the same Redis as the DNS process, no
 * transition delay (the reconciler's steps follow each call at once), PrivateLink opened.
 */
export async function startChurnApi(redisUrl: string): Promise<PlinkdProcess> {
  const api = await startPlinkd({
    store: redisUrl,
    role: 'api',
    accessKeys: ACCESS_KEYS,
    transitionDelayMs: 0,
    readyTimeoutMs: 900_000,
  });
  await openPrivateLinkFor(api.apiUrl, ACCESS_KEYS);
  return api;
}

export class ApiLoad {
  private readonly client;
  private readonly agent = new Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  private cursor = 0;
  private readonly removed: Array<{ target: ChurnTarget; at: number }> = [];

  constructor(
    apiUrl: string,
    private readonly targets: readonly ChurnTarget[],
  ) {
    this.client = cloudClient(apiUrl, 'consumer', 'privatelink');
  }

  async run(kind: ApiLoadKind, rate: number, seconds: number): Promise<ApiLoadResult> {
    const result: ApiLoadResult = { sent: 0, ok: 0, errors: new Map(), skipped: 0 };
    const pending = new Set<Promise<void>>();
    const started = Date.now();
    const total = Math.round(rate * seconds);
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (pending.size >= MAX_IN_FLIGHT) {
        result.skipped++;
        continue;
      }
      result.sent++;
      const call = this.callOnce(kind, i).then(
        () => void result.ok++,
        (err: unknown) => {
          const code = String((err as { code?: unknown }).code ?? (err as Error).message);
          result.errors.set(code, (result.errors.get(code) ?? 0) + 1);
        },
      );
      const tracked = call.finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
    await Promise.all(pending);
    return result;
  }

  /** Adds back every zone still removed (after the last round), so a later run finds the fleet whole. */
  async restore(): Promise<void> {
    while (this.removed.length > 0) {
      const { target, at } = this.removed.shift()!;
      const wait = at + SETTLE_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await this.request('AddZoneToVpcEndpoint', {
        EndpointId: target.endpointId,
        ZoneId: target.zoneId,
        VSwitchId: target.vSwitchId,
      }).catch(() => undefined);
    }
  }

  private next(): ChurnTarget {
    const target = this.targets[this.cursor % this.targets.length]!;
    this.cursor++;
    return target;
  }

  private callOnce(kind: ApiLoadKind, i: number): Promise<unknown> {
    switch (kind) {
      case 'reads':
        return this.request('GetVpcEndpointAttribute', { EndpointId: this.next().endpointId });
      case 'description':
        return this.request('UpdateVpcEndpointAttribute', { EndpointId: this.next().endpointId, EndpointDescription: `churn ${i}` });
      case 'zones': {
        const oldest = this.removed[0];
        if (i % 2 === 1 && oldest !== undefined && oldest.at + SETTLE_MS <= Date.now()) {
          this.removed.shift();
          const { target } = oldest;
          return this.request('AddZoneToVpcEndpoint', {
            EndpointId: target.endpointId,
            ZoneId: target.zoneId,
            VSwitchId: target.vSwitchId,
          });
        }
        const target = this.next();
        // Queued for adding back only once removed: a failed removal leaves the zone in place.
        return this.request('RemoveZoneFromVpcEndpoint', { EndpointId: target.endpointId, ZoneId: target.zoneId }).then((reply) => {
          this.removed.push({ target, at: Date.now() });
          return reply;
        });
      }
    }
  }

  private request(action: string, params: Record<string, unknown>): Promise<unknown> {
    return this.client.request(action, { RegionId: REGION, ...params }, { method: 'POST', timeout: 20_000, agent: this.agent });
  }
}
