import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from '../../src/model/cidr.js';
import {
  MalformedAllocationError,
  allocateAddress,
  currentAllocation,
  emptyAllocation,
  inUse,
  releaseAddresses,
  usedCount,
} from '../../src/model/ipam.js';
import type { IpAllocation, VSwitch } from '../../src/model/types.js';

const vSwitch = {
  vSwitchId: 'vsw-a',
  cidrBlock: '10.0.0.0/28',
  ipv6CidrBlock: '2408:4005:1:1::/64',
} as VSwitch;

/** The addresses an allocation holds, read back one by one through allocateAddress's in-use answer. */
function held(allocation: IpAllocation): string[] {
  const out: string[] = [];
  for (let v = 0; v < 16; v++) {
    const ip = `10.0.0.${v}`;
    const { result } = allocateAddress(vSwitch, allocation, 4, ip);
    if (!result.ok && result.reason === 'in-use') out.push(ip);
  }
  return out;
}

describe('ENI address allocation (address ranges)', () => {
  it('hands out the lowest free usable address, never the reserved ones, then refuses when full', () => {
    let allocation = emptyAllocation('vsw-a');
    const got: string[] = [];
    for (;;) {
      const step = allocateAddress(vSwitch, allocation, 4);
      if (!step.result.ok) {
        expect(step.result.reason).toBe('exhausted');
        break;
      }
      got.push(step.result.address);
      allocation = step.allocation;
    }
    // A /28: .0 and .13–.15 reserved.
    expect(got).toEqual(Array.from({ length: 12 }, (_, i) => `10.0.0.${i + 1}`));
    expect(allocation.v4Ranges).toBe('10.0.0.1-10.0.0.12');
    expect(usedCount(allocation, 4)).toBe(12);
    const freed = releaseAddresses(allocation, ['10.0.0.5']);
    expect(freed.v4Ranges).toBe('10.0.0.1-10.0.0.4,10.0.0.6-10.0.0.12');
    expect(allocateAddress(vSwitch, freed, 4).result).toEqual({ ok: true, address: '10.0.0.5' });
  });

  it('answers a requested address: taken, reserved, outside, malformed', () => {
    const one = allocateAddress(vSwitch, emptyAllocation('vsw-a'), 4, '10.0.0.7');
    expect(one.result).toEqual({ ok: true, address: '10.0.0.7' });
    expect(allocateAddress(vSwitch, one.allocation, 4, '10.0.0.7').result).toMatchObject({ reason: 'in-use' });
    expect(allocateAddress(vSwitch, one.allocation, 4, '10.0.0.0').result).toMatchObject({ reason: 'reserved' });
    expect(allocateAddress(vSwitch, one.allocation, 4, '10.0.0.14').result).toMatchObject({ reason: 'reserved' });
    expect(allocateAddress(vSwitch, one.allocation, 4, '10.0.1.7').result).toMatchObject({ reason: 'not-in-vswitch' });
    expect(allocateAddress(vSwitch, one.allocation, 4, 'nope').result).toMatchObject({ reason: 'malformed' });
    // The lowest free address skips the requested one once it is taken.
    const low = allocateAddress(vSwitch, allocateAddress(vSwitch, one.allocation, 4, '10.0.0.1').allocation, 4);
    expect(low.result).toEqual({ ok: true, address: '10.0.0.2' });
  });

  it('keeps IPv6 apart from IPv4 and in canonical form', () => {
    const v6 = allocateAddress(vSwitch, emptyAllocation('vsw-a'), 6);
    expect(v6.result).toEqual({ ok: true, address: '2408:4005:1:1::1' });
    expect(inUse(v6.allocation, 6)).toBe(true);
    expect(inUse(v6.allocation, 4)).toBe(false);
    expect(releaseAddresses(v6.allocation, ['2408:4005:1:1::1', '10.0.0.1'])).toEqual(emptyAllocation('vsw-a'));
  });

  it('behaves as a set of addresses whatever the order of allocations and releases', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 12 })), { maxLength: 60 }), (ops) => {
        let allocation = emptyAllocation('vsw-a');
        const model = new Set<number>();
        for (const [take, n] of ops) {
          const ip = `10.0.0.${n}`;
          if (take) {
            const { result, allocation: next } = allocateAddress(vSwitch, allocation, 4, ip);
            expect(result.ok).toBe(!model.has(n));
            allocation = next;
            model.add(n);
          } else {
            allocation = releaseAddresses(allocation, [ip]);
            model.delete(n);
          }
          expect(held(allocation)).toEqual([...model].sort((a, b) => a - b).map((v) => `10.0.0.${v}`));
          expect(usedCount(allocation, 4)).toBe(model.size);
        }
      }),
    );
  });

  it('reads an allocation a store wrote in the legacy form (address → ENI) as the same addresses', () => {
    const legacy = {
      vSwitchId: 'vsw-a',
      v4: { '10.0.0.3': 'eni-3', '10.0.0.1': 'eni-1', '10.0.0.2': 'eni-2', '10.0.0.9': 'eni-9' },
      v6: { '2408:4005:1:1::a': 'eni-1' },
    };
    const current = currentAllocation(legacy, 'vsw-a');
    expect(current).toEqual({ vSwitchId: 'vsw-a', v4Ranges: '10.0.0.1-10.0.0.3,10.0.0.9', v6Ranges: '2408:4005:1:1::a' });
    expect(allocateAddress(vSwitch, current, 4).result).toEqual({ ok: true, address: '10.0.0.4' });
    expect(currentAllocation(current, 'vsw-a')).toBe(current);
    expect(currentAllocation(undefined, 'vsw-b')).toEqual(emptyAllocation('vsw-b'));
    // Ranges over the whole IPv6 space stay exact (bigint arithmetic, canonical text).
    const wide = releaseAddresses({ vSwitchId: 'w', v4Ranges: '', v6Ranges: '2408::1-2408::ffff:ffff' }, ['2408::1:0']);
    expect(wide.v6Ranges).toBe(`2408::1-2408::ffff,2408::1:1-2408::ffff:ffff`);
    expect(formatIp(6, parseIp('2408::1:1')!.value)).toBe('2408::1:1');
  });

  it('writes the ranges under field names of their own, which a build of the map form cannot read as a map', () => {
    const { allocation } = allocateAddress(
      vSwitch,
      currentAllocation({ vSwitchId: 'vsw-a', v4: { '10.0.0.1': 'eni-1' }, v6: {} }, 'vsw-a'),
      4,
    );
    for (const written of [allocation, releaseAddresses(allocation, ['10.0.0.1']), emptyAllocation('vsw-a')]) {
      expect(Object.keys(written).sort()).toEqual(['v4Ranges', 'v6Ranges', 'vSwitchId']);
      // What the map form's build did first with a document (`used = allocation.v4; used[address]`) fails
      // instead of finding every address free.
      const asMapForm = written as unknown as { v4: Record<string, string> };
      expect(() => asMapForm.v4['10.0.0.1']).toThrow(TypeError);
    }
    expect(allocation.v4Ranges).toBe('10.0.0.1-10.0.0.2');
  });

  it('refuses a malformed stored document with an error naming the vSwitch', () => {
    const cases: unknown[] = [
      { vSwitchId: 'vsw-m', v4Ranges: '10.0.0.9-10.0.0.1', v6Ranges: '' },
      { vSwitchId: 'vsw-m', v4Ranges: 'ten', v6Ranges: '' },
      { vSwitchId: 'vsw-m', v4Ranges: 7, v6Ranges: '' },
      { vSwitchId: 'vsw-m' },
      // What a build of the earlier form wrote back after reading a ranges string as its map.
      { vSwitchId: 'vsw-m', v4: { '0': '1', '1': '0', '10.0.0.3': 'eni-3' }, v6: {} },
      { vSwitchId: 'vsw-m', v4: { '2408::1': 'eni-1' }, v6: {} },
    ];
    for (const stored of cases) {
      const read = (): number => usedCount(currentAllocation(stored as IpAllocation, 'vsw-m'), 4);
      expect(read).toThrow(MalformedAllocationError);
      expect(read).toThrow(/vSwitch vsw-m/);
    }
  });
});
