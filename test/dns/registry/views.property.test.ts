import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType, type ResourceRecord } from '../../../src/dns/lookup/types.js';
import { zoneFromText } from '../../../src/dns/masterfile/index.js';
import { ZoneRegistry, ZoneRegistryError } from '../../../src/dns/registry/index.js';
import { isAtOrBelow } from '../../../src/dns/zone/index.js';

/**
 * No answer leaks across views. Random public and private zones (private ones
 * often sharing a name, bound to random VPCs, rebound and removed) are checked
 * against a model: every record in every section of every reply must come from
 * the one zone the model says answers that view — a zone bound to the asking
 * VPC or a public zone — and a name only private zones bound elsewhere hold
 * must be refused (notAuthoritative).
 */
const VPCS = ['vpc-0', 'vpc-1', 'vpc-2', 'vpc-3', 'vpc-4'];
const ORIGINS = ['a.internal', 'b.a.internal', 'c.internal', 'svc.example.com', 'example.com'];
const IDS = ['pz-0', 'pz-1', 'pz-2', 'pz-3', 'pz-4', 'pz-5'];
const QUERY_NAMES = [...ORIGINS.flatMap((o) => [o, `www.${o}`, `x.wild.${o}`, `none.${o}`]), 'internal', 'other.org', 'x.b.a.internal'];
const QUERY_TYPES = [RRType.A, RRType.TXT, RRType.NS, RRType.ANY];

/** Every record a zone holds names the zone's key k: 10.k.0.x, "z<k>", z<k>.marker. */
function markedZone(origin: string, key: number) {
  return zoneFromText(
    origin,
    `$ORIGIN ${origin}.
@ 60 SOA ns.z${key}.marker. z${key}.marker. 1 2 3 4 5
@ 60 NS ns.z${key}.marker.
@ 60 A 10.${key}.0.1
www 60 A 10.${key}.0.2
*.wild 60 TXT "z${key}"`,
  );
}

function keyOf(rr: ResourceRecord): number {
  const d = rr.data;
  const text =
    d.kind === 'A'
      ? `z${d.address.split('.')[1]}`
      : d.kind === 'TXT'
        ? d.texts[0]
        : d.kind === 'SOA'
          ? d.rname
          : d.kind === 'NS'
            ? d.target.slice(3)
            : '?';
  const match = /^z(\d+)/.exec(text ?? '');
  if (match === null) throw new Error(`unmarked record ${JSON.stringify(rr)}`);
  return Number(match[1]);
}

type Op =
  | { op: 'public'; origin: number }
  | { op: 'removePublic'; origin: number }
  | { op: 'private'; id: string; origin: number; vpcs: string[] }
  | { op: 'bind'; id: string; vpcs: string[] }
  | { op: 'remove'; id: string };

const vpcSet = fc.subarray(VPCS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant('public' as const), origin: fc.nat(ORIGINS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removePublic' as const), origin: fc.nat(ORIGINS.length - 1) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('private' as const),
      id: fc.constantFrom(...IDS),
      origin: fc.nat(ORIGINS.length - 1),
      vpcs: vpcSet,
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('bind' as const), id: fc.constantFrom(...IDS), vpcs: vpcSet }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), id: fc.constantFrom(...IDS) }) },
);

class Model {
  readonly publicZones = new Map<string, number>();
  readonly privateZones = new Map<string, { origin: string; key: number; vpcs: Set<string> }>();

  conflicts(id: string, origin: string, vpcs: readonly string[]): boolean {
    return [...this.privateZones].some(([other, z]) => other !== id && z.origin === origin && vpcs.some((v) => z.vpcs.has(v)));
  }

  /** Key of the zone answering `name` for `vpc`: longest visible origin, private first. */
  answering(name: string, vpc: string | undefined): number | undefined {
    let best: { origin: string; key: number; private: boolean } | undefined;
    const consider = (origin: string, key: number, isPrivate: boolean): void => {
      if (!isAtOrBelow(name, origin)) return;
      if (best === undefined || origin.length > best.origin.length || (origin === best.origin && isPrivate)) {
        best = { origin, key, private: isPrivate };
      }
    };
    for (const [origin, key] of this.publicZones) consider(origin, key, false);
    for (const z of this.privateZones.values()) if (vpc !== undefined && z.vpcs.has(vpc)) consider(z.origin, z.key, true);
    return best?.key;
  }
}

describe('no answer leaks across views', () => {
  it('every reply comes from the zone the asking view should see, or is refused', () => {
    /** Queries for a name only private zones bound to other VPCs hold: the case that must be REFUSED. */
    let refusedPrivateOnly = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
        const registry = new ZoneRegistry();
        const model = new Model();
        let nextKey = 1;
        for (const op of ops) {
          if (op.op === 'public') {
            const origin = ORIGINS[op.origin] as string;
            const key = nextKey++;
            registry.setPublicZone(markedZone(origin, key));
            model.publicZones.set(origin, key);
          } else if (op.op === 'removePublic') {
            const origin = ORIGINS[op.origin] as string;
            expect(registry.removePublicZone(origin)).toBe(model.publicZones.delete(origin));
          } else if (op.op === 'private') {
            const origin = ORIGINS[op.origin] as string;
            const key = nextKey++;
            if (model.conflicts(op.id, origin, op.vpcs)) {
              expect(() => registry.setPrivateZone(op.id, markedZone(origin, key), op.vpcs)).toThrow(ZoneRegistryError);
            } else {
              registry.setPrivateZone(op.id, markedZone(origin, key), op.vpcs);
              model.privateZones.set(op.id, { origin, key, vpcs: new Set(op.vpcs) });
            }
          } else if (op.op === 'bind') {
            const zone = model.privateZones.get(op.id);
            if (zone === undefined || model.conflicts(op.id, zone.origin, op.vpcs)) {
              expect(() => registry.bindVpcs(op.id, op.vpcs)).toThrow(ZoneRegistryError);
            } else {
              registry.bindVpcs(op.id, op.vpcs);
              zone.vpcs = new Set(op.vpcs);
            }
          } else {
            expect(registry.removePrivateZone(op.id)).toBe(model.privateZones.delete(op.id));
          }
        }
        for (const vpc of [undefined, ...VPCS]) {
          for (const name of QUERY_NAMES) {
            for (const type of QUERY_TYPES) {
              const result = registry.lookup({ name, type, view: { vpcId: vpc, zoneId: undefined } });
              const expected = model.answering(name, vpc);
              const where = `${name} type ${type} in ${vpc ?? 'no VPC'}`;
              if (expected === undefined) {
                // Refused by the view (RFC 8914 "Prohibited") exactly when a private zone bound to some VPC holds the name.
                const byView = [...model.privateZones.values()].some((z) => z.vpcs.size > 0 && isAtOrBelow(name, z.origin));
                expect(result, where).toEqual({
                  status: 'notAuthoritative',
                  answer: [],
                  authority: [],
                  additional: [],
                  ...(byView ? { refusal: 'view' } : {}),
                });
                if ([...model.privateZones.values()].some((z) => isAtOrBelow(name, z.origin))) refusedPrivateOnly++;
                continue;
              }
              expect(result.status, where).not.toBe('notAuthoritative');
              const sources = [...result.answer, ...result.authority, ...result.additional].map(keyOf);
              expect(sources.length, where).toBeGreaterThan(0);
              expect(new Set(sources), where).toEqual(new Set([expected]));
            }
          }
        }
      }),
      { numRuns: 200 },
    );
    expect(refusedPrivateOnly).toBeGreaterThan(100);
  });
});
