import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RRType, type LookupStatus } from '../../../src/dns/lookup/types.js';
import { Zone } from '../../../src/dns/zone/index.js';

/**
 * The zone against a deliberately naive model: a map of owner names to types,
 * with existence, empty non-terminals and wildcard synthesis (RFC 4592) worked
 * out by scanning every owner. Random mutations must leave both in agreement.
 */
const ORIGIN = 'z';
const LABELS = ['x', 'y', '*'];
const names: string[] = [];
for (const l1 of LABELS) {
  names.push(`${l1}.${ORIGIN}`);
  for (const l2 of LABELS) {
    names.push(`${l2}.${l1}.${ORIGIN}`);
    for (const l3 of LABELS) names.push(`${l3}.${l2}.${l1}.${ORIGIN}`);
  }
}
const queries = [ORIGIN, ...names, ...names.map((n) => `q.${n}`)];

type Op =
  | { op: 'set'; name: string; type: 'A' | 'TXT'; address: number }
  | { op: 'deleteRRset'; name: string; type: 'A' | 'TXT' }
  | { op: 'deleteName'; name: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    name: fc.constantFrom(...names),
    type: fc.constantFrom('A' as const, 'TXT' as const),
    address: fc.integer({ min: 1, max: 254 }),
  }),
  fc.record({
    op: fc.constant('deleteRRset' as const),
    name: fc.constantFrom(...names),
    type: fc.constantFrom('A' as const, 'TXT' as const),
  }),
  fc.record({ op: fc.constant('deleteName' as const), name: fc.constantFrom(...names) }),
);

class Model {
  readonly owners = new Map<string, Map<'A' | 'TXT', string>>();

  apply(op: Op): void {
    if (op.op === 'set') {
      const types = this.owners.get(op.name) ?? new Map<'A' | 'TXT', string>();
      types.set(op.type, op.type === 'A' ? `10.0.0.${op.address}` : `t${op.address}`);
      this.owners.set(op.name, types);
    } else if (op.op === 'deleteRRset') {
      this.owners.get(op.name)?.delete(op.type);
      if (this.owners.get(op.name)?.size === 0) this.owners.delete(op.name);
    } else {
      this.owners.delete(op.name);
    }
  }

  exists(name: string): boolean {
    if (name === ORIGIN) return true;
    return [...this.owners.keys()].some((owner) => owner === name || owner.endsWith(`.${name}`));
  }

  /** Status and A addresses for `qname` type A. */
  answer(qname: string): { status: LookupStatus; addresses: string[] } {
    const source = this.sourceOf(qname);
    if (source === undefined) return { status: 'nameError', addresses: [] };
    const address = this.owners.get(source)?.get('A');
    return address === undefined ? { status: 'noData', addresses: [] } : { status: 'success', addresses: [address] };
  }

  /** The name whose data answers `qname`: itself, or the wildcard below its closest encloser. */
  private sourceOf(qname: string): string | undefined {
    if (this.exists(qname)) return qname;
    let encloser = qname;
    while (!this.exists(encloser)) encloser = encloser.slice(encloser.indexOf('.') + 1);
    const wildcard = `*.${encloser}`;
    return this.exists(wildcard) ? wildcard : undefined;
  }
}

describe('zone tree against a naive model', () => {
  it('agrees on status, answers and name count after any mutation sequence', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const zone = new Zone(ORIGIN, {
          ttl: 60,
          data: { kind: 'SOA', mname: 'ns.z', rname: 'h.z', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 },
        });
        const model = new Model();
        for (const op of ops) {
          model.apply(op);
          if (op.op === 'set') {
            const data =
              op.type === 'A'
                ? { kind: 'A' as const, address: `10.0.0.${op.address}` }
                : { kind: 'TXT' as const, texts: [`t${op.address}`] };
            zone.setRRset(op.name, RRType[op.type], [{ ttl: 60, data }]);
          } else if (op.op === 'deleteRRset') {
            zone.deleteRRset(op.name, RRType[op.type]);
          } else {
            zone.deleteName(op.name);
          }
        }
        expect(zone.nameCount).toBe(model.owners.size + 1);
        for (const qname of queries) {
          const result = zone.lookup(qname, RRType.A);
          const expected = model.answer(qname);
          expect({
            qname,
            status: result.status,
            addresses: result.answer.map((rr) => (rr.data.kind === 'A' ? rr.data.address : '?')),
          }).toEqual({ qname, ...expected });
          if (result.answer.length > 0) expect(result.answer[0]?.name).toBe(qname);
        }
      }),
      { numRuns: 300 },
    );
  });
});
