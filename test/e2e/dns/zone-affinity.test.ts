import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../api/conveniences/stack.js';
import { dig, kdig, type DigResult } from '../../helpers/dig.js';
import {
  call,
  clientsFor,
  createActiveService,
  createConnectedEndpoint,
  createNetwork,
  until,
  type Network,
} from '../../helpers/scenario.js';
import { bindResolver, dnsTarget, from } from './dns-e2e.js';

const ZONE_I = '127.0.0.61';
const NO_ZONE = '127.0.0.62';
const ZONE_J = '127.0.0.63';
const NO_BINDING = '127.0.0.64';

/** Addresses of an answer, in the order given. */
const order = (result: DigResult): string[] => result.answer.filter((r) => r.type === 'A').map((r) => r.data);
const ecsOf = (result: DigResult): string | undefined => result.edns?.options.find((o) => o.name === 'CLIENT-SUBNET')?.value;

interface Fixture {
  stack: Stack;
  affineService: string;
  affine: string;
  plain: string;
  network: Network;
}

/**
 * docs/dns.md ZoneAffinityEnabled: the region-wide name answers the asker's zone
 * first (`--zone-affinity first`) or alone (`only`) when the query comes from
 * a resolver bound to a zone, or carries EDNS Client Subnet inside one of the
 * VPC's vSwitches — whose prefix is then echoed as the ECS scope (RFC 7871 §7.2.1).
 * The consumer's vSwitches are 10.9.0.0/24 (zone h), 10.9.1.0/24 (i), 10.9.2.0/24 (j).
 */
async function setUp(mode: 'first' | 'only'): Promise<Fixture> {
  const stack = await startStack('memory', { extraArgs: ['--zone-affinity', mode] });
  const provider = clientsFor(stack.plinkd.apiUrl, 'provider');
  const consumer = clientsFor(stack.plinkd.apiUrl, 'consumer');
  const network = await createNetwork(consumer, 9);
  const affineService = await createActiveService(provider, { ZoneAffinityEnabled: true });
  const plainService = await createActiveService(provider);
  for (const serviceId of [affineService, plainService]) {
    await call(provider.privatelink, 'AddUserToVpcEndpointService', { ServiceId: serviceId, UserId: '2222222222222222' });
  }
  const affine = (await createConnectedEndpoint(consumer, network, affineService)).endpointDomain;
  const plain = (await createConnectedEndpoint(consumer, network, plainService)).endpointDomain;
  await bindResolver(stack, network.vpcId, ZONE_I, 'cn-hangzhou-i');
  await bindResolver(stack, network.vpcId, NO_ZONE);
  await bindResolver(stack, network.vpcId, ZONE_J, 'cn-hangzhou-j');
  return { stack, affineService, affine, plain, network };
}

describe('zone affinity, --zone-affinity first (the default)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp('first');
  });
  afterAll(async () => {
    await f.stack.stop();
  });
  const ask = (source: string, name: string, ...extra: string[]) => dig(dnsTarget(f.stack), [...from(source), name, 'A', ...extra]);

  it('puts the bound zone’s address first and keeps the others', async () => {
    const fromI = order(await ask(ZONE_I, f.affine));
    expect(fromI).toHaveLength(3);
    expect(fromI[0]).toMatch(/^10\.9\.1\./);
    const fromJ = order(await ask(ZONE_J, f.affine));
    expect(fromJ[0]).toMatch(/^10\.9\.2\./);
    expect([...fromI].sort()).toEqual([...fromJ].sort());
  });

  it('picks the zone from EDNS Client Subnet inside a vSwitch, echoing the vSwitch prefix as scope', async () => {
    const viaEcs = await ask(NO_ZONE, f.affine, '+subnet=10.9.2.0/24');
    expect(order(viaEcs)[0]).toMatch(/^10\.9\.2\./);
    expect(ecsOf(viaEcs)).toBe('10.9.2.0/24/24');
    // ECS overrides the resolver's own zone: the client's subnet is nearer the truth.
    const override = await kdig(dnsTarget(f.stack), [...from(ZONE_I), f.affine, 'A', '+subnet=10.9.0.0/24']);
    expect(override.answer.filter((r) => r.type === 'A').map((r) => r.data)[0]).toMatch(/^10\.9\.0\./);
    expect(ecsOf(override)).toBe('10.9.0.0/24/24');
    // A longer client prefix inside the vSwitch still answers for the whole vSwitch.
    const host = await ask(NO_ZONE, f.affine, '+subnet=10.9.1.77/32');
    expect(order(host)[0]).toMatch(/^10\.9\.1\./);
    expect(ecsOf(host)).toBe('10.9.1.77/32/24');
  });

  it('answers ECS it cannot place zone-less, with the widest scope that holds no vSwitch', async () => {
    const baseline = order(await ask(NO_ZONE, f.affine));
    for (const [source, subnet, scope] of [
      // 192/8 shares no leading bit with 10.9/16: the answer holds for 128.0.0.0/1.
      [NO_ZONE, '192.0.2.0/24', 1],
      // A /16 holding all three vSwitches is not specific enough: scope 24 > source 16 (RFC 7871 §7.2.1).
      [NO_ZONE, '10.9.0.0/16', 24],
      // 10.9.3.0 shares 23 bits with 10.9.2.0/24: only its own /24 is clear of every vSwitch.
      [NO_ZONE, '10.9.3.0/24', 24],
      // 10.9.128.0 shares 16 bits with all three: 10.9.128.0/17 holds no vSwitch.
      [NO_ZONE, '10.9.128.0/24', 17],
      // Without a VPC nothing depends on the client's subnet.
      [NO_BINDING, '10.9.2.0/24', 0],
    ] as const) {
      const answer = await ask(source, f.affine, `+subnet=${subnet}`);
      expect(order(answer), `${source} ${subnet}`).toEqual(baseline);
      expect(ecsOf(answer), `${source} ${subnet}`).toBe(`${subnet}/${scope}`);
    }
    // A zone-bound resolver keeps its zone when the ECS falls outside every vSwitch.
    const outside = await ask(ZONE_I, f.affine, '+subnet=192.0.2.0/24');
    expect(order(outside)[0]).toMatch(/^10\.9\.1\./);
    expect(ecsOf(outside)).toBe('192.0.2.0/24/1');
  });

  it('leaves services without ZoneAffinityEnabled and zonal names alone', async () => {
    expect(order(await ask(ZONE_I, f.plain))).toEqual(order(await ask(ZONE_J, f.plain)));
    expect(order(await ask(ZONE_I, f.plain, '+subnet=10.9.2.0/24'))).toEqual(order(await ask(NO_ZONE, f.plain)));
    const zonal = f.affine.replace(/^(ep-[a-z0-9]+)\./, '$1-cn-hangzhou-h.');
    const fromI = order(await ask(ZONE_I, zonal));
    expect(fromI).toHaveLength(1);
    expect(fromI[0]).toMatch(/^10\.9\.0\./);
  });

  it('follows ZoneAffinityEnabled being switched off and on (UpdateVpcEndpointServiceAttribute)', async () => {
    const provider = clientsFor(f.stack.plinkd.apiUrl, 'provider');
    const update = async (enabled: boolean): Promise<void> => {
      await call(provider.privatelink, 'UpdateVpcEndpointServiceAttribute', { ServiceId: f.affineService, ZoneAffinityEnabled: enabled });
      await until(
        () => call(provider.privatelink, 'GetVpcEndpointServiceAttribute', { ServiceId: f.affineService }),
        (s) => s['ServiceStatus'] === 'Active' && s['ZoneAffinityEnabled'] === enabled,
      );
    };
    await update(false);
    const off = await until(
      () => ask(ZONE_J, f.affine),
      (r) => !order(r)[0]!.startsWith('10.9.2.'),
    );
    expect(order(off)).toEqual(order(await ask(ZONE_I, f.affine)));
    await update(true);
    const on = await until(
      () => ask(ZONE_J, f.affine),
      (r) => order(r)[0]!.startsWith('10.9.2.'),
    );
    expect(order(on)).toHaveLength(3);
  });
});

describe('zone affinity, --zone-affinity only', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp('only');
  });
  afterAll(async () => {
    await f.stack.stop();
  });
  const ask = (source: string, name: string, ...extra: string[]) => dig(dnsTarget(f.stack), [...from(source), name, 'A', ...extra]);

  it('answers the asker’s zone alone, and every zone when the zone is unknown', async () => {
    const fromI = order(await ask(ZONE_I, f.affine));
    expect(fromI).toHaveLength(1);
    expect(fromI[0]).toMatch(/^10\.9\.1\./);
    const viaEcs = await ask(NO_ZONE, f.affine, '+subnet=10.9.2.0/24');
    expect(order(viaEcs)).toHaveLength(1);
    expect(order(viaEcs)[0]).toMatch(/^10\.9\.2\./);
    expect(ecsOf(viaEcs)).toBe('10.9.2.0/24/24');
    expect(order(await ask(NO_ZONE, f.affine))).toHaveLength(3);
    expect(order(await ask(NO_BINDING, f.affine))).toHaveLength(3);
    expect(order(await ask(ZONE_I, f.plain))).toHaveLength(3);
  });
});
