import { describe, expect, it } from 'vitest';
import { placeClientSubnet, type ZonedBlock } from '../../../src/dns/views/client-subnet-scope.js';
import { parseCidr, parseIp } from '../../../src/model/cidr.js';

const blocks: ZonedBlock[] = [
  { cidr: parseCidr('10.9.0.0/24')!, zoneId: 'h' },
  { cidr: parseCidr('10.9.1.0/24')!, zoneId: 'i' },
  { cidr: parseCidr('10.9.2.0/25')!, zoneId: 'j' },
  { cidr: parseCidr('2408:4000:1:900::/64')!, zoneId: 'j6' },
];

function place(subnet: string): { zoneId: string | undefined; scope: number } {
  const [address, length] = subnet.split('/') as [string, string];
  const ip = parseIp(address)!;
  return placeClientSubnet(blocks, ip.family, ip.value, Number(length));
}

/** RFC 7871 §7.2.1: the zone an EDNS Client Subnet selects, and the client prefix the answer holds for. */
describe('placeClientSubnet', () => {
  const cases: Array<[subnet: string, zoneId: string | undefined, scope: number, why: string]> = [
    ['10.9.1.0/24', 'i', 24, 'exactly a vSwitch'],
    ['10.9.1.128/25', 'i', 24, 'inside a vSwitch: the answer holds for the whole vSwitch'],
    ['10.9.2.5/32', 'j', 25, 'a host in a /25 vSwitch'],
    ['10.9.2.128/25', undefined, 25, 'the other half of a /25 vSwitch'],
    ['10.9.2.0/24', undefined, 25, 'wider than the /25 it holds: not specific enough, scope > source'],
    ['10.9.0.0/16', undefined, 25, 'wider than every vSwitch'],
    ['10.9.64.0/24', undefined, 18, 'clear of every vSwitch from /18 on'],
    ['192.0.2.0/24', undefined, 1, 'shares no leading bit with 10/8'],
    ['0.0.0.0/0', undefined, 25, 'a /0 subnet overlaps everything (the wire layer still answers scope 0 for /0, §7.1.2)'],
    ['2408:4000:1:900:abcd::/80', 'j6', 64, 'IPv6 inside the DualStack vSwitch /64'],
    ['2001:db8::/48', undefined, 6, 'IPv6 elsewhere: one bit past the 5 it shares with 2408::'],
  ];
  for (const [subnet, zoneId, scope, why] of cases) {
    it(`${subnet} → zone ${zoneId ?? '-'}, scope ${scope} (${why})`, () => {
      expect(place(subnet)).toEqual({ zoneId, scope });
    });
  }

  it('answers scope 0 when the VPC has no block of that family', () => {
    const v4only = blocks.slice(0, 3);
    const ip = parseIp('2001:db8::')!;
    expect(placeClientSubnet(v4only, 6, ip.value, 48)).toEqual({ zoneId: undefined, scope: 0 });
    expect(placeClientSubnet([], 4, parseIp('10.9.1.0')!.value, 24)).toEqual({ zoneId: undefined, scope: 0 });
  });
});
