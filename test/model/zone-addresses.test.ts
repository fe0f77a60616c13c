import { describe, expect, it } from 'vitest';
import { zoneAddresses } from '../../src/model/zone-addresses.js';

describe('zoneAddresses', () => {
  it('is the IPv4 address, then the IPv6 address when the zone has one', () => {
    expect(zoneAddresses({ eniIp: '10.0.0.1', zoneIpv6Address: null })).toEqual(['10.0.0.1']);
    expect(zoneAddresses({ eniIp: '10.0.0.1', zoneIpv6Address: '2408:4005:1:1::1' })).toEqual(['10.0.0.1', '2408:4005:1:1::1']);
  });
});
