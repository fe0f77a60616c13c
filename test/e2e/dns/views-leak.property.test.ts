import fc from 'fast-check';
import type RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, failure, startStack, type Stack } from '../../api/conveniences/stack.js';
import { newVpc, pvtz } from '../../api/pvtz/pvtz-helpers.js';
import { isAtOrBelow } from '../../../src/dns/zone/index.js';
import { bindResolver, dnsTarget, queryFrom, type UdpAnswer } from './dns-e2e.js';

/**
 * No answer ever leaks across views , through the real server with
 * real source addresses. Three accounts own two VPCs each; their private
 * zones — several sharing a name, some nested — carry their own ZoneId in
 * every TXT record (apex and wildcard), so each answer says which zone gave
 * it. Random sequences of BindZoneVpc (allowed, refused as
 * ZoneVpc.Zone.Repeated, or refused for a foreign VPC) and resolver rebindings
 * are applied through the API; after each, every source asks every name and
 * the answer must come from exactly the zone a model says that source's VPC
 * sees (longest bound origin), or be REFUSED when it sees none.
 */
const ACCOUNTS = ['provider', 'consumer', 'stranger'] as const;
/** VPC i belongs to ACCOUNTS[i % 3]. */
const VPC_COUNT = 6;
/** Zone names per account; the consumer has two zones of one name. */
const ZONES: Array<{ owner: number; name: string }> = [
  { owner: 0, name: 'shared.internal' },
  { owner: 0, name: 'a.shared.internal' },
  { owner: 1, name: 'shared.internal' },
  { owner: 1, name: 'shared.internal' },
  { owner: 1, name: 'other.internal' },
  { owner: 2, name: 'a.shared.internal' },
  { owner: 2, name: 'other.internal' },
];
/** Sources: six /32 bindings, one address inside a /24 binding, one /32 inside that /24 (longest prefix wins), one unbound. */
const SINGLE_SOURCES = ['127.0.0.31', '127.0.0.32', '127.0.0.33', '127.0.0.34', '127.0.0.35', '127.0.0.36'];
const IN_WIDE = '127.0.1.7';
const NARROW = '127.0.1.8';
const UNBOUND = '127.0.0.40';
const SOURCES = [...SINGLE_SOURCES, IN_WIDE, NARROW, UNBOUND];
const NAMES = [
  'shared.internal',
  'www.shared.internal',
  'a.shared.internal',
  'x.a.shared.internal',
  'other.internal',
  'y.other.internal',
  'nothing.example',
];
const REGION_APEX = 'cn-hangzhou.privatelink.aliyuncs.com';

type Op =
  | { op: 'bind'; zone: number; vpcs: number[] }
  | { op: 'bindForeign'; zone: number; vpc: number }
  | { op: 'moveResolver'; source: number; vpc: number };

const vpcsOf = (account: number): number[] => [...Array(VPC_COUNT).keys()].filter((i) => i % 3 === account);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .nat(ZONES.length - 1)
      .chain((zone) => fc.subarray(vpcsOf(ZONES[zone]!.owner)).map((vpcs) => ({ op: 'bind' as const, zone, vpcs }))),
  },
  {
    weight: 1,
    arbitrary: fc
      .nat(ZONES.length - 1)
      .chain((zone) =>
        fc
          .constantFrom(...[...Array(VPC_COUNT).keys()].filter((v) => v % 3 !== ZONES[zone]!.owner))
          .map((vpc) => ({ op: 'bindForeign' as const, zone, vpc })),
      ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('moveResolver' as const),
      source: fc.nat(SINGLE_SOURCES.length - 1),
      vpc: fc.nat(VPC_COUNT - 1),
    }),
  },
);

class Model {
  readonly bound = ZONES.map(() => new Set<number>());
  readonly sourceVpc = new Map<string, number>();

  /** Would binding `zone` to `vpcs` give a VPC two zones of one name? */
  repeats(zone: number, vpcs: readonly number[]): boolean {
    return ZONES.some((other, i) => i !== zone && other.name === ZONES[zone]!.name && vpcs.some((v) => this.bound[i]!.has(v)));
  }

  /** Index of the zone answering `name` for `source`, or undefined (REFUSED). */
  answering(source: string, name: string): number | undefined {
    const vpc = this.sourceVpc.get(source);
    if (vpc === undefined) return undefined;
    let best: number | undefined;
    ZONES.forEach((zone, i) => {
      if (!this.bound[i]!.has(vpc) || !isAtOrBelow(name, zone.name)) return;
      if (best === undefined || zone.name.length > ZONES[best]!.name.length) best = i;
    });
    return best;
  }
}

describe('no answer leaks across views (real server, real source addresses)', () => {
  let stack: Stack;
  const pvtzOf: RPCClient[] = [];
  const vpcIds: string[] = [];
  const zoneIds: string[] = [];
  const bindingOf = new Map<string, string>();
  const model = new Model();

  beforeAll(async () => {
    stack = await startStack('memory');
    for (const account of ACCOUNTS) pvtzOf.push(stack.client(account, 'pvtz'));
    for (let i = 0; i < VPC_COUNT; i++) vpcIds.push(await newVpc(stack.client(ACCOUNTS[i % 3]!, 'vpc'), 100 + i));
    for (const zone of ZONES) {
      const client = pvtzOf[zone.owner]!;
      const { ZoneId } = (await pvtz(client, 'AddZone', { ZoneName: zone.name })) as { ZoneId: string };
      await pvtz(client, 'AddZoneRecord', { ZoneId, Rr: '@', Type: 'TXT', Value: ZoneId });
      await pvtz(client, 'AddZoneRecord', { ZoneId, Rr: '*', Type: 'TXT', Value: ZoneId });
      zoneIds.push(ZoneId);
    }
    for (const [i, source] of SINGLE_SOURCES.entries()) {
      bindingOf.set(source, await bindResolver(stack, vpcIds[i]!, source));
      model.sourceVpc.set(source, i);
    }
    await bindResolver(stack, vpcIds[1]!, '127.0.1.0/24');
    await bindResolver(stack, vpcIds[4]!, NARROW);
    model.sourceVpc.set(IN_WIDE, 1);
    model.sourceVpc.set(NARROW, 4);
  });
  afterAll(async () => {
    await stack.stop();
  });

  async function apply(op: Op): Promise<void> {
    if (op.op === 'bind') {
      const zone = ZONES[op.zone]!;
      const params: Record<string, unknown> = { ZoneId: zoneIds[op.zone] };
      op.vpcs.forEach((v, i) => (params[`Vpcs.${i + 1}.VpcId`] = vpcIds[v]));
      if (model.repeats(op.zone, op.vpcs)) {
        expect((await failure(pvtz(pvtzOf[zone.owner]!, 'BindZoneVpc', params))).code).toBe('ZoneVpc.Zone.Repeated');
      } else {
        await pvtz(pvtzOf[zone.owner]!, 'BindZoneVpc', params);
        model.bound[op.zone] = new Set(op.vpcs);
      }
    } else if (op.op === 'bindForeign') {
      const params = { ZoneId: zoneIds[op.zone], 'Vpcs.1.VpcId': vpcIds[op.vpc] };
      expect((await failure(pvtz(pvtzOf[ZONES[op.zone]!.owner]!, 'BindZoneVpc', params))).code).toBe('ZoneVpc.NotExists.VpcId');
    } else {
      const source = SINGLE_SOURCES[op.source]!;
      const operator = stack.client('operator', 'operator');
      await call(operator, 'DeleteResolverBinding', { BindingId: bindingOf.get(source) });
      bindingOf.set(source, await bindResolver(stack, vpcIds[op.vpc]!, source));
      model.sourceVpc.set(source, op.vpc);
    }
  }

  function check(source: string, name: string, answer: UdpAnswer): void {
    const expected = model.answering(source, name);
    const where = `${name} from ${source} (VPC ${model.sourceVpc.get(source)})`;
    if (expected === undefined) {
      expect(answer.rcode, where).toBe('REFUSED');
      expect(answer.answers, where).toEqual([]);
      return;
    }
    expect(answer.rcode, where).toBe('NOERROR');
    const given = answer.answers.map((rr) =>
      rr.type === 'TXT' ? Buffer.concat((rr.data as Buffer[]).map((b) => Buffer.from(b))).toString() : `${rr.type}?`,
    );
    expect(given, where).toEqual([zoneIds[expected]]);
  }

  it('answers every source from exactly the zones its VPC is bound to', async () => {
    const target = dnsTarget(stack);
    let refusedSeen = 0;
    let answeredSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const op of ops) {
          await apply(op);
          const answers = await Promise.all(
            SOURCES.flatMap((source) =>
              NAMES.map(async (name) => ({ source, name, answer: await queryFrom(source, target, name, 'TXT') })),
            ),
          );
          for (const { source, name, answer } of answers) {
            check(source, name, answer);
            if (answer.rcode === 'REFUSED') refusedSeen++;
            else answeredSeen++;
          }
          // Endpoint domains are public: every source gets the region zone.
          for (const source of SOURCES) expect((await queryFrom(source, target, REGION_APEX, 'SOA')).rcode).toBe('NOERROR');
        }
      }),
      { numRuns: 25, seed: 20261126, endOnFailure: true },
    );
    // Both outcomes were exercised, so the property was not vacuous.
    expect(refusedSeen).toBeGreaterThan(100);
    expect(answeredSeen).toBeGreaterThan(100);
  }, 240_000);
});
