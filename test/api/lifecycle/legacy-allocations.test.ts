import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataDir } from '../../../src/store/durable/data-dir.js';
import { openDurableStore } from '../../../src/store/durable/durable-store.js';
import { SNAPSHOT_FILE, journalFile, journalGenerations } from '../../../src/store/durable/files.js';
import { RedisKeys } from '../../../src/store/redis/keys.js';
import { ACCESS_KEYS } from '../../helpers/cloud.js';
import { startPlinkd, type PlinkdProcess } from '../../helpers/plinkd.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { call, clientsFor, type Clients } from '../../helpers/scenario.js';
import { ACCOUNTS, activeService, customNetwork, newEndpoint, pl, plError, untilGone, untilSettled, type Network } from './world.js';

/**
 * Stores written before the ENI address allocations were kept as ranges hold, per vSwitch, a
 * document mapping every address to its ENI (types.ts LegacyIpAllocation). A process of this
 * version started on such a store — Redis, or the embedded store's --data-dir — reads it as the
 * same addresses: the next ENI gets the lowest address not held, a deleted endpoint's address is
 * free again, the vSwitch counts and refuses deletion as before.
 */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Backing {
  storeArgs(): { store: string; extraArgs: string[] };
  /** With no process on the store: writes allocation documents (vSwitch id → document) as the earlier version did. */
  writeLegacy(docs: Record<string, unknown>): Promise<void>;
  /** With no process on the store: the allocation document as stored. */
  readStored(vSwitchId: string): Promise<unknown>;
  destroy(): Promise<void>;
}

async function redisBacking(): Promise<Backing> {
  const redis: RedisServer = await startRedis();
  return {
    storeArgs: () => ({ store: redis.url, extraArgs: [] }),
    async writeLegacy(docs) {
      const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await client.connect();
      for (const [vSwitchId, doc] of Object.entries(docs))
        await client.hset(new RedisKeys().docs('ipAllocation'), vSwitchId, JSON.stringify(doc));
      client.disconnect();
    },
    async readStored(vSwitchId) {
      const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await client.connect();
      const text = await client.hget(new RedisKeys().docs('ipAllocation'), vSwitchId);
      client.disconnect();
      return text === null ? undefined : (JSON.parse(text) as unknown);
    },
    destroy: () => redis.destroy(),
  };
}

/**
 * `compacted`: the legacy document is folded into the snapshot file at once (a compaction threshold
 * of one byte), so the process of this version loads it from the snapshot rather than the journal.
 */
function dataDirBacking(compacted: boolean): Backing {
  const dir = mkdtempSync(join(tmpdir(), 'plinkd-legacy-'));
  return {
    storeArgs: () => ({ store: 'memory', extraArgs: ['--data-dir', dir] }),
    async writeLegacy(docs) {
      const dataDir = openDataDir(dir);
      const store = await openDurableStore(dataDir, { log: quiet, ...(compacted ? { compactBytes: 1 } : {}) });
      await store.transact(async (tx) => {
        for (const [vSwitchId, doc] of Object.entries(docs)) tx.put('ipAllocation', vSwitchId, doc as never);
      });
      await store.close();
      dataDir.release();
      if (compacted) {
        // Only in the snapshot: no journal holds the document any more.
        for (const vSwitchId of Object.keys(docs)) {
          expect(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8')).toContain(vSwitchId);
          for (const generation of journalGenerations(dir))
            expect(readFileSync(join(dir, journalFile(generation)), 'utf8')).not.toContain(vSwitchId);
        }
      }
    },
    async readStored(vSwitchId) {
      const dataDir = openDataDir(dir);
      const store = await openDurableStore(dataDir, { log: quiet });
      const doc = await store.get('ipAllocation', vSwitchId);
      await store.close();
      dataDir.release();
      return doc;
    },
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const eniIpOf = async (consumer: Clients, endpointId: string): Promise<string> =>
  String((await untilSettled(consumer, endpointId, 'Connected')).zones[0]!['EniIp']);

describe.each([
  { store: 'redis', make: redisBacking },
  { store: 'memory --data-dir, journal', make: async () => dataDirBacking(false) },
  { store: 'memory --data-dir, snapshot file', make: async () => dataDirBacking(true) },
])('ENI addresses from a store of the earlier form ($store)', ({ make }) => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('are read as the same addresses: lowest free next, released on delete, counted, and holding the vSwitch', async () => {
    const backing = await make();
    cleanups.push(() => backing.destroy());
    const start = async (): Promise<{ plinkd: PlinkdProcess; provider: Clients; consumer: Clients }> => {
      const plinkd = await startPlinkd({ accessKeys: ACCESS_KEYS, transitionDelayMs: 0, ...backing.storeArgs() });
      cleanups.push(() => plinkd.stop());
      return { plinkd, provider: clientsFor(plinkd.apiUrl, 'provider'), consumer: clientsFor(plinkd.apiUrl, 'consumer') };
    };

    // Written by this version: a /28 (12 usable addresses) with two ENIs.
    const first = await start();
    const service = await activeService(first.provider, { AutoAcceptEnabled: true });
    await pl(first.provider, 'AddUserToVpcEndpointService', { ServiceId: service, UserId: ACCOUNTS.consumer.uid });
    const network: Network = await customNetwork(first.consumer, '10.9.0.0/16', [
      ['cn-hangzhou-h', '10.9.0.0/28'],
      ['cn-hangzhou-i', '10.9.0.16/28'],
    ]);
    const vSwitchId = network.vSwitches['cn-hangzhou-h']!;
    const unused = network.vSwitches['cn-hangzhou-i']!;
    const a = await newEndpoint(first.consumer, network, service, ['cn-hangzhou-h']);
    const b = await newEndpoint(first.consumer, network, service, ['cn-hangzhou-h']);
    const eniOf = async (endpointId: string): Promise<{ eniId: string; ip: string }> => {
      const { zones } = await untilSettled(first.consumer, endpointId, 'Connected');
      return { eniId: String(zones[0]!['EniId']), ip: String(zones[0]!['EniIp']) };
    };
    const [eniA, eniB] = [await eniOf(a), await eniOf(b)];
    expect([eniA.ip, eniB.ip]).toEqual(['10.9.0.1', '10.9.0.2']);
    await first.plinkd.stop();

    // Rewritten as the earlier version kept it (address → ENI), then a process of this version starts on it.
    await backing.writeLegacy({
      [vSwitchId]: { vSwitchId, v4: { [eniB.ip]: eniB.eniId, [eniA.ip]: eniA.eniId }, v6: {} },
      [unused]: { vSwitchId: unused, v4: {}, v6: {} },
    });
    const { plinkd, consumer } = await start();
    const vSwitches = (await call(consumer.vpc, 'DescribeVSwitches', { VpcId: network.vpcId })) as {
      VSwitches: { VSwitch: Array<{ VSwitchId: string; AvailableIpAddressCount: number }> };
    };
    expect(vSwitches.VSwitches.VSwitch.find((v) => v.VSwitchId === vSwitchId)?.AvailableIpAddressCount).toBe(10);

    const c = await newEndpoint(consumer, network, service, ['cn-hangzhou-h']);
    expect(await eniIpOf(consumer, c)).toBe('10.9.0.3');
    expect(await plError(consumer, 'AddZoneToVpcEndpoint', { EndpointId: c, ZoneId: 'cn-hangzhou-h', VSwitchId: vSwitchId })).toBe(
      'EndpointZoneDuplicated',
    );
    const taken = plError(consumer, 'CreateVpcEndpoint', {
      VpcId: network.vpcId,
      ServiceId: service,
      'SecurityGroupId.1': 'sg-a',
      'Zone.1.ZoneId': 'cn-hangzhou-h',
      'Zone.1.VSwitchId': vSwitchId,
      'Zone.1.ip': eniA.ip,
    });
    expect(await taken).toBe('EniIpUnavailable');

    // A's address, held in the earlier form, is released when A goes and handed out again.
    await pl(consumer, 'DeleteVpcEndpoint', { EndpointId: a });
    expect(await untilGone(() => plError(consumer, 'GetVpcEndpointAttribute', { EndpointId: a }))).toBe('EndpointNotFound');
    const d = await newEndpoint(consumer, network, service, ['cn-hangzhou-h']);
    expect(await eniIpOf(consumer, d)).toBe('10.9.0.1');

    const refused = await call(consumer.vpc, 'DeleteVSwitch', { VSwitchId: vSwitchId }).then(
      () => 'deleted',
      (err: { code?: string }) => err.code,
    );
    expect(refused).toBe('DependencyViolation');
    // A vSwitch whose maps of the earlier form are empty holds no address: it can be deleted.
    await call(consumer.vpc, 'DeleteVSwitch', { VSwitchId: unused });

    // Written back as ranges under field names the earlier version does not read as its map: a process
    // of that version on this store fails on the document instead of handing out addresses in use.
    await plinkd.stop();
    expect(await backing.readStored(vSwitchId)).toEqual({ vSwitchId, v4Ranges: '10.9.0.1-10.9.0.3', v6Ranges: '' });
  });
});
