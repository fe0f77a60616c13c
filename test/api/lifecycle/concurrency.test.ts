import type RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../../src/api/rpc/http-status.js';
import { ERROR_CATALOGUE } from '../../../src/errors/catalogue.js';
import { cidrContainsIp, parseCidr, parseIp } from '../../../src/model/cidr.js';
import { allocateAddress, currentAllocation, usedCount } from '../../../src/model/ipam.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/types.js';
import { ACCESS_KEYS } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { REGION, clientsFor, until, type Clients } from '../../helpers/scenario.js';
import { ACCOUNTS, activeService, customNetwork, pl, type Json, type Network } from './world.js';

/**
 * docs/architecture.md "Roles and stores": two API processes on one Redis racing on the same resources
 * never corrupt state or allocate an address twice. Hundreds of parallel calls
 * through both processes — creates in one small vSwitch, zones added and
 * removed, connections and zones enabled and disabled, deletes — and then the
 * invariants, read back through both processes and from Redis itself.
 */
describe('two plinkd processes on one Redis under parallel calls', () => {
  let redis: RedisServer;
  let a: PlinkdProcess;
  let b: PlinkdProcess;
  let store: Store;
  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([
      startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, transitionDelayMs: 0 }),
      startPlinkd({ store: redis.url, accessKeys: ACCESS_KEYS, transitionDelayMs: 0 }),
    ]);
    store = await openStore(redis.url);
  });
  afterAll(async () => {
    await store?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.destroy();
  });

  type Outcome = { action: string; ok: true } | { action: string; ok: false; code: string; status: number | undefined };

  /** A call through either process, never throwing: the outcome is recorded. */
  async function attempt(client: RPCClient, action: string, params: Json): Promise<Outcome> {
    try {
      await client.request(action, { RegionId: REGION, ...params }, { method: 'POST', timeout: 30_000 });
      return { action, ok: true };
    } catch (err) {
      const e = err as { code?: unknown; statusCode?: number; message?: string };
      return {
        action,
        ok: false,
        code: typeof e.code === 'string' ? e.code : `transport: ${e.message ?? String(err)}`,
        status: e.statusCode,
      };
    }
  }

  /** A cloud code from the one catalogue (suffixed codes by their kind), and not a server failure. */
  function catalogued(code: string): boolean {
    const kind = Object.hasOwn(ERROR_CATALOGUE, code) ? code : code.slice(0, code.indexOf('.'));
    if (!Object.hasOwn(ERROR_CATALOGUE, kind)) return false;
    return httpStatusOf(kind as keyof typeof ERROR_CATALOGUE) < 500;
  }

  /** Deterministic choices (a small LCG), so a failure can be replayed. */
  function chooser(seed: number): (n: number) => number {
    let state = seed;
    return (n) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      // The high bits: an LCG's low bits repeat with short periods.
      return Math.floor((state / 2 ** 31) * n);
    };
  }

  async function endpointsWithZones(clients: Clients): Promise<Array<{ endpoint: Json; zones: Json[] }>> {
    const endpoints = (await pl(clients, 'ListVpcEndpoints', { MaxResults: 1000 }))['Endpoints'] as Json[];
    const result: Array<{ endpoint: Json; zones: Json[] }> = [];
    for (const endpoint of endpoints) {
      const zones = await pl(clients, 'ListVpcEndpointZones', { EndpointId: endpoint['EndpointId'] }).then(
        (r) => r['Zones'] as Json[],
        () => null,
      );
      if (zones !== null) result.push({ endpoint, zones });
    }
    return result;
  }

  const SETTLED_ZONE = new Set(['Wait', 'Connected', 'Disconnected']);
  function settled(all: Array<{ endpoint: Json; zones: Json[] }>): boolean {
    return all.every(
      ({ endpoint, zones }) =>
        endpoint['EndpointStatus'] === 'Active' &&
        (endpoint['ConnectionStatus'] === 'Connected' || endpoint['ConnectionStatus'] === 'Disconnected') &&
        zones.every((z) => SETTLED_ZONE.has(String(z['ZoneStatus']))),
    );
  }

  it('keeps every invariant', { timeout: 120_000 }, async () => {
    const consumers = [clientsFor(a.apiUrl, 'consumer'), clientsFor(b.apiUrl, 'consumer')] as const;
    const providers = [clientsFor(a.apiUrl, 'provider'), clientsFor(b.apiUrl, 'provider')] as const;
    const serviceId = await activeService(providers[0], { AutoAcceptEnabled: true });
    await pl(providers[0], 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: ACCOUNTS.consumer.uid });
    // Small vSwitches: 28, 12 and 12 usable addresses.
    const network: Network = await customNetwork(consumers[0], '10.20.0.0/16', [
      ['cn-hangzhou-h', '10.20.0.0/27'],
      ['cn-hangzhou-i', '10.20.1.0/28'],
      ['cn-hangzhou-j', '10.20.2.0/28'],
    ]);
    const vSwitchCidr: Record<string, string> = {
      [network.vSwitches['cn-hangzhou-h']!]: '10.20.0.0/27',
      [network.vSwitches['cn-hangzhou-i']!]: '10.20.1.0/28',
      [network.vSwitches['cn-hangzhou-j']!]: '10.20.2.0/28',
    };
    const outcomes: Outcome[] = [];
    // Process B follows A through the Redis stream within milliseconds; start once it has the network.
    await until(
      () => consumers[1].vpc.request<Json>('DescribeVSwitches', { RegionId: REGION, VpcId: network.vpcId }),
      (r) => r['TotalCount'] === 3,
    );

    // Phase 1: 80 creates at once, alternating processes, all in the /27 of zone h.
    const creates = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        attempt(consumers[i % 2]!.privatelink, 'CreateVpcEndpoint', {
          VpcId: network.vpcId,
          ServiceId: serviceId,
          'SecurityGroupId.1': 'sg-race',
          'Zone.1.ZoneId': 'cn-hangzhou-h',
          'Zone.1.VSwitchId': network.vSwitches['cn-hangzhou-h'],
        }),
      ),
    );
    outcomes.push(...creates);
    const created = creates.filter((o) => o.ok).length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(28);
    await until(() => endpointsWithZones(consumers[0]), settled, 30_000);
    await until(
      () => endpointsWithZones(consumers[1]),
      (all) => settled(all) && all.length === created,
      10_000,
    );
    const endpointIds = ((await pl(consumers[0], 'ListVpcEndpoints', { MaxResults: 1000 }))['Endpoints'] as Json[]).map((e) =>
      String(e['EndpointId']),
    );
    expect(endpointIds).toHaveLength(created);

    // Phase 2: 320 mixed calls at once on those endpoints, through both processes.
    const pick = chooser(20261126);
    const calls: Array<Promise<Outcome>> = [];
    for (let i = 0; i < 320; i++) {
      const endpointId = endpointIds[pick(endpointIds.length)]!;
      const via = pick(2);
      const consumer = consumers[via]!.privatelink;
      const provider = providers[via]!.privatelink;
      const zone = pick(2) === 0 ? 'cn-hangzhou-i' : 'cn-hangzhou-j';
      const ref = { ServiceId: serviceId, EndpointId: endpointId };
      switch (pick(10)) {
        case 0:
        case 1:
        case 2: {
          const explicit = pick(3) === 0 ? { ip: `${vSwitchCidr[network.vSwitches[zone]!]!.slice(0, -5)}${1 + pick(11)}` } : {};
          calls.push(
            attempt(consumer, 'AddZoneToVpcEndpoint', {
              EndpointId: endpointId,
              ZoneId: zone,
              VSwitchId: network.vSwitches[zone],
              ...explicit,
            }),
          );
          break;
        }
        case 3:
          calls.push(attempt(consumer, 'RemoveZoneFromVpcEndpoint', { EndpointId: endpointId, ZoneId: zone }));
          break;
        case 4:
          calls.push(attempt(provider, 'DisableVpcEndpointConnection', ref));
          break;
        case 5:
          calls.push(attempt(provider, 'EnableVpcEndpointConnection', ref));
          break;
        case 6:
          calls.push(
            attempt(provider, pick(2) === 0 ? 'DisableVpcEndpointZoneConnection' : 'EnableVpcEndpointZoneConnection', {
              ...ref,
              ZoneId: 'cn-hangzhou-h',
            }),
          );
          break;
        case 7:
          calls.push(attempt(consumer, 'UpdateVpcEndpointAttribute', { EndpointId: endpointId, EndpointName: `race-${i}` }));
          break;
        case 8:
          calls.push(attempt(provider, 'UpdateVpcEndpointConnectionAttribute', { ...ref, Bandwidth: 1000 + i }));
          break;
        default:
          calls.push(attempt(consumer, pick(4) === 0 ? 'DeleteVpcEndpoint' : 'GetVpcEndpointAttribute', { EndpointId: endpointId }));
      }
    }
    outcomes.push(...(await Promise.all(calls)));

    // Every call succeeded or failed with a catalogued cloud code (never 5xx, never a transport error).
    const unexpected = outcomes.filter((o) => !o.ok && !catalogued(o.code));
    expect(unexpected).toEqual([]);
    // The race was real: many calls of many kinds got through.
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(100);
    expect(new Set(outcomes.filter((o) => o.ok).map((o) => o.action)).size).toBeGreaterThanOrEqual(8);

    // Statuses settle, and both processes then report the same state.
    const viaA = await until(() => endpointsWithZones(consumers[0]), settled, 30_000);
    const viaB = await until(
      () => endpointsWithZones(consumers[1]),
      (all) => settled(all) && all.length === viaA.length,
      10_000,
    );
    const strip = (all: Array<{ endpoint: Json; zones: Json[] }>): unknown =>
      all.map(({ endpoint, zones }) => ({ endpoint: { ...endpoint, RequestId: undefined }, zones }));
    expect(strip(viaB)).toEqual(strip(viaA));

    // No address twice; every address inside its vSwitch; the allocation documents in Redis say exactly the same.
    const held = new Map<string, Map<string, string>>();
    for (const { zones } of viaA) {
      for (const zone of zones) {
        const vSwitchId = String(zone['VSwitchId']);
        const byIp = held.get(vSwitchId) ?? new Map<string, string>();
        held.set(vSwitchId, byIp);
        const ip = String(zone['EniIp']);
        expect(byIp.has(ip), `${ip} held twice in ${vSwitchId}`).toBe(false);
        byIp.set(ip, String(zone['EniId']));
        expect(cidrContainsIp(parseCidr(vSwitchCidr[vSwitchId]!)!, parseIp(ip)!)).toBe(true);
      }
    }
    for (const vSwitchId of Object.keys(vSwitchCidr)) {
      const allocation = currentAllocation(await store.get('ipAllocation', vSwitchId), vSwitchId);
      const addresses = [...(held.get(vSwitchId) ?? new Map<string, string>()).keys()];
      expect(usedCount(allocation, 4)).toBe(addresses.length);
      // Every held address is in use: allocating it again is refused.
      const vSwitch = (await store.get('vSwitch', vSwitchId))!;
      for (const ip of addresses) expect(allocateAddress(vSwitch, allocation, 4, ip).result).toMatchObject({ ok: false, reason: 'in-use' });
    }

    // Connection and zone statuses agree; connected zones are bound to a resource of their zone, others to none.
    const connections = (await pl(providers[1], 'ListVpcEndpointConnections', { ServiceId: serviceId, MaxResults: 1000 }))[
      'Connections'
    ] as Json[];
    expect(connections.map((c) => c['EndpointId']).sort()).toEqual(viaA.map(({ endpoint }) => endpoint['EndpointId']).sort());
    for (const connection of connections) {
      for (const zone of connection['Zones'] as Json[]) {
        if (connection['ConnectionStatus'] === 'Disconnected') expect(zone['ZoneStatus']).not.toBe('Connected');
        if (zone['ZoneStatus'] === 'Connected') expect(zone['ResourceId']).toBe(`nlb-r${String(zone['ZoneId']).slice(-1)}`);
        else expect(zone['ResourceId']).toBe('');
      }
    }
  });
});
