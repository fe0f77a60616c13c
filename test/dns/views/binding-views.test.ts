import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BindingViews } from '../../../src/dns/views/binding-views.js';
import type { ResolverBinding, VSwitch } from '../../../src/model/types.js';
import { Replica } from '../../../src/replica/replica.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import type { Transaction } from '../../../src/store/types.js';

const T0 = '2026-01-01T00:00:00Z';

function binding(id: string, vpcId: string, sourceCidr: string, zoneId: string | null = null): ResolverBinding {
  return { bindingId: id, uid: '1', vpcId, regionId: 'cn-hangzhou', sourceCidr, zoneId, createdAt: T0 };
}

function vSwitch(id: string, vpcId: string, zoneId: string, cidrBlock: string, ipv6CidrBlock: string | null = null): VSwitch {
  return {
    vSwitchId: id,
    uid: '1',
    regionId: 'cn-hangzhou',
    vpcId,
    zoneId,
    vSwitchName: '',
    description: '',
    cidrBlock,
    ipv6CidrBlock,
    status: 'Available',
    createdAt: T0,
    resourceGroupId: '',
  };
}

describe('BindingViews: source address and ECS → view', () => {
  let store: MemoryStore;
  let replica: Replica;
  let views: BindingViews;

  beforeEach(async () => {
    store = new MemoryStore();
    replica = new Replica(store);
    await replica.start();
    views = new BindingViews(replica);
    views.attach();
  });
  afterEach(async () => {
    replica.stop();
    await store.close();
  });

  async function write(work: (tx: Transaction) => void): Promise<void> {
    const { position } = await store.transact(async (tx) => work(tx));
    if (position !== null) await replica.waitFor(position);
  }

  it('maps a source by the longest matching binding, IPv4-mapped IPv6 included', async () => {
    await write((tx) => {
      tx.put('resolverBinding', 'rb-wide', binding('rb-wide', 'vpc-wide', '10.0.0.0/8'));
      tx.put('resolverBinding', 'rb-mid', binding('rb-mid', 'vpc-mid', '10.1.0.0/16', 'cn-hangzhou-i'));
      tx.put('resolverBinding', 'rb-host', binding('rb-host', 'vpc-host', '10.1.2.3'));
      tx.put('resolverBinding', 'rb-v6', binding('rb-v6', 'vpc-v6', '2001:db8::/32'));
    });
    const vpcOf = (source: string) => views.resolve(source, undefined).view;
    expect(vpcOf('10.9.9.9')).toEqual({ vpcId: 'vpc-wide', zoneId: undefined });
    expect(vpcOf('10.1.9.9')).toEqual({ vpcId: 'vpc-mid', zoneId: 'cn-hangzhou-i' });
    expect(vpcOf('10.1.2.3')).toEqual({ vpcId: 'vpc-host', zoneId: undefined });
    expect(vpcOf('::ffff:10.1.2.3')).toEqual({ vpcId: 'vpc-host', zoneId: undefined });
    expect(vpcOf('2001:db8:1::5')).toEqual({ vpcId: 'vpc-v6', zoneId: undefined });
    expect(vpcOf('192.0.2.1')).toEqual({ vpcId: undefined, zoneId: undefined });
    expect(vpcOf('not an address')).toEqual({ vpcId: undefined, zoneId: undefined });

    // A change of bindings is seen at once (the memo is dropped) and advances the generation.
    const before = views.generation;
    await write((tx) => tx.delete('resolverBinding', 'rb-host'));
    expect(views.generation).toBeGreaterThan(before);
    expect(vpcOf('10.1.2.3')).toEqual({ vpcId: 'vpc-mid', zoneId: 'cn-hangzhou-i' });
  });

  it('places ECS in the asking VPC’s vSwitches only, IPv6 blocks included, and follows vSwitch changes', async () => {
    await write((tx) => {
      tx.put('resolverBinding', 'rb-a', binding('rb-a', 'vpc-a', '127.0.0.1'));
      tx.put('vSwitch', 'vsw-h', vSwitch('vsw-h', 'vpc-a', 'cn-hangzhou-h', '10.9.0.0/24', '2408:4000:1:900::/64'));
      tx.put('vSwitch', 'vsw-i', vSwitch('vsw-i', 'vpc-a', 'cn-hangzhou-i', '10.9.1.0/24'));
      tx.put('vSwitch', 'vsw-other', vSwitch('vsw-other', 'vpc-b', 'cn-hangzhou-j', '10.9.2.0/24'));
    });
    const ecs = (address: string, sourcePrefixLength: number, family: 1 | 2 = 1) =>
      views.resolve('127.0.0.1', { family, address, sourcePrefixLength });
    expect(ecs('10.9.1.0', 24)).toEqual({ view: { vpcId: 'vpc-a', zoneId: 'cn-hangzhou-i' }, scopePrefixLength: 24 });
    expect(ecs('2408:4000:1:900::', 64, 2)).toEqual({ view: { vpcId: 'vpc-a', zoneId: 'cn-hangzhou-h' }, scopePrefixLength: 64 });
    // Another VPC's vSwitch is no help: zone-less, scope clear of vpc-a's blocks.
    expect(ecs('10.9.2.0', 24)).toEqual({ view: { vpcId: 'vpc-a', zoneId: undefined }, scopePrefixLength: 23 });
    // An unbound source: ECS changes nothing.
    expect(views.resolve('127.0.0.2', { family: 1, address: '10.9.1.0', sourcePrefixLength: 24 })).toEqual({
      view: { vpcId: undefined, zoneId: undefined },
      scopePrefixLength: 0,
    });

    let generation = views.generation;
    await write((tx) => tx.delete('vSwitch', 'vsw-i'));
    expect(views.generation).toBeGreaterThan(generation);
    expect(ecs('10.9.1.0', 24).view.zoneId).toBeUndefined();
    await write((tx) => tx.put('vSwitch', 'vsw-i2', vSwitch('vsw-i2', 'vpc-a', 'cn-hangzhou-j', '10.9.1.0/24')));
    expect(ecs('10.9.1.0', 24).view.zoneId).toBe('cn-hangzhou-j');

    // A binding made for vpc-b later sees the vSwitch written while vpc-b was unbound.
    generation = views.generation;
    await write((tx) => tx.put('resolverBinding', 'rb-b', binding('rb-b', 'vpc-b', '127.0.0.3')));
    expect(views.generation).toBeGreaterThan(generation);
    expect(views.resolve('127.0.0.3', { family: 1, address: '10.9.2.0', sourcePrefixLength: 24 }).view).toEqual({
      vpcId: 'vpc-b',
      zoneId: 'cn-hangzhou-j',
    });
  });

  it('keeps its generation through vSwitch changes in VPCs no binding names (the reply cache keeps its replies)', async () => {
    await write((tx) => tx.put('resolverBinding', 'rb-a', binding('rb-a', 'vpc-a', '127.0.0.1')));
    const generation = views.generation;
    await write((tx) => tx.put('vSwitch', 'vsw-x', vSwitch('vsw-x', 'vpc-unbound', 'cn-hangzhou-h', '10.8.0.0/24')));
    await write((tx) => tx.put('vSwitch', 'vsw-x', vSwitch('vsw-x', 'vpc-unbound', 'cn-hangzhou-i', '10.8.0.0/24')));
    await write((tx) => tx.delete('vSwitch', 'vsw-x'));
    expect(views.generation).toBe(generation);
    // One in the bound VPC does advance it: ECS placement there may change.
    await write((tx) => tx.put('vSwitch', 'vsw-a', vSwitch('vsw-a', 'vpc-a', 'cn-hangzhou-h', '10.9.0.0/24')));
    expect(views.generation).toBeGreaterThan(generation);
  });
});
