import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType } from '../../../src/dns/lookup/types.js';
import { createPrivateZone } from '../../../src/dns/projection/private-zone-projection.js';
import { ClaimPriority, PrivateZoneArbiter, ZoneRegistry } from '../../../src/dns/registry/index.js';
import type { Zone } from '../../../src/dns/zone/index.js';

const APEX = { nameServer: 'ns1.cn-hangzhou.privatelink.aliyuncs.com', hostmaster: 'hostmaster.cn-hangzhou.privatelink.aliyuncs.com' };
const VPCS = ['vpc-a', 'vpc-b', 'vpc-c', 'vpc-d'];
const ORIGINS = ['oss-cn-hangzhou.aliyuncs.com', 'corp.example'];
/** `pz-*` are tenant zones (USER), `oss:*` the gateway-endpoint zones (SYSTEM). */
const IDS = ['pz-1', 'pz-2', 'pz-3', 'oss:1', 'oss:2'];

/** A zone whose apex TXT names its id, so an answer tells which claim served it. */
function marked(id: string, origin: string): Zone {
  const zone = createPrivateZone(origin, APEX, 1);
  zone.setRRset(origin, RRType.TXT, [{ ttl: 60, data: { kind: 'TXT', texts: [id] } }]);
  return zone;
}

const priorityOf = (id: string): number => (id.startsWith('oss:') ? ClaimPriority.SYSTEM : ClaimPriority.USER);

type Op = { op: 'claim'; id: string; origin: number; vpcs: string[]; fresh: boolean } | { op: 'release'; id: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('claim' as const),
      id: fc.constantFrom(...IDS),
      origin: fc.nat(ORIGINS.length - 1),
      vpcs: fc.subarray(VPCS),
      fresh: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), id: fc.constantFrom(...IDS) }) },
);

describe('PrivateZoneArbiter', () => {
  it('serves each VPC the winning claim for each name — tenant before OSS, then the lower id — and never trips the registry', () => {
    fc.assert(
      fc.property(fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 25 }), (batches) => {
        const registry = new ZoneRegistry();
        const arbiter = new PrivateZoneArbiter(registry);
        const model = new Map<string, { origin: string; vpcs: Set<string> }>();
        const zones = new Map<string, Zone>();
        for (const batch of batches) {
          for (const op of batch) {
            if (op.op === 'release') {
              arbiter.release(op.id);
              model.delete(op.id);
              continue;
            }
            const origin = ORIGINS[op.origin]!;
            let zone = zones.get(op.id);
            if (zone === undefined || zone.origin !== origin || op.fresh) zones.set(op.id, (zone = marked(op.id, origin)));
            arbiter.claim(op.id, zone, op.vpcs, priorityOf(op.id));
            model.set(op.id, { origin, vpcs: new Set(op.vpcs) });
          }
          arbiter.flush();
          for (const vpcId of [...VPCS, undefined]) {
            for (const origin of ORIGINS) {
              const winner = [...model]
                .filter(([, claim]) => vpcId !== undefined && claim.origin === origin && claim.vpcs.has(vpcId))
                .sort(([a], [b]) => priorityOf(b) - priorityOf(a) || (a < b ? -1 : 1))[0]?.[0];
              const result = registry.lookup({ name: origin, type: RRType.TXT, view: { vpcId, zoneId: undefined } });
              if (winner === undefined) expect(result.status).toBe('notAuthoritative');
              else expect(result.answer.map((rr) => (rr.data.kind === 'TXT' ? rr.data.texts[0] : '?'))).toEqual([winner]);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moves a VPC from an OSS zone to a tenant zone of the same name and back', () => {
    const registry = new ZoneRegistry();
    const arbiter = new PrivateZoneArbiter(registry);
    const oss = marked('oss:1', ORIGINS[0]!);
    const tenant = marked('pz-1', ORIGINS[0]!);
    arbiter.claim('oss:1', oss, ['vpc-a', 'vpc-b'], ClaimPriority.SYSTEM);
    arbiter.flush();
    arbiter.claim('pz-1', tenant, ['vpc-a'], ClaimPriority.USER);
    arbiter.flush();
    expect([...arbiter.effectiveVpcs('oss:1')]).toEqual(['vpc-b']);
    expect([...arbiter.effectiveVpcs('pz-1')]).toEqual(['vpc-a']);
    arbiter.release('pz-1');
    arbiter.flush();
    expect([...arbiter.effectiveVpcs('oss:1')].sort()).toEqual(['vpc-a', 'vpc-b']);
    expect(registry.privateZone('pz-1')).toBeUndefined();
  });
});
