import { isIP } from 'node:net';
import { RRType } from '../lookup/types.js';
import { Zone } from '../zone/index.js';
import { regionZoneOf } from '../../model/names.js';

/**
 * SOA timers of the region zones. MINIMUM (the negative-caching TTL, RFC 2308)
 * is short because names appear as soon as endpoints connect: a resolver that
 * cached NXDOMAIN a moment before should not wait long.
 */
export const SOA_TTL = 600;
export const NEGATIVE_TTL = 30;
export const NS_TTL = 3600;

/**
 * The authoritative zone `<region>.<suffix>` (docs/dns.md) with SOA and NS at the
 * apex. The name server is `ns1.<zone>`, with the DNS listen addresses as its
 * address records when they are specific (not 0.0.0.0 / ::).
 */
export function createRegionZone(regionId: string, suffix: string, listenHosts: readonly string[], serial: number): Zone {
  const origin = regionZoneOf(regionId, suffix);
  const nameServer = `ns1.${origin}`;
  const zone = new Zone(origin, {
    ttl: SOA_TTL,
    data: {
      kind: 'SOA',
      mname: nameServer,
      rname: `hostmaster.${origin}`,
      serial: serial >>> 0,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: NEGATIVE_TTL,
    },
  });
  zone.setRRset(origin, RRType.NS, [{ ttl: NS_TTL, data: { kind: 'NS', target: nameServer } }]);
  const v4 = listenHosts.filter((h) => isIP(h) === 4 && h !== '0.0.0.0');
  const v6 = listenHosts.filter((h) => isIP(h) === 6 && h !== '::');
  if (v4.length > 0)
    zone.setRRset(
      nameServer,
      RRType.A,
      v4.map((address) => ({ ttl: NS_TTL, data: { kind: 'A' as const, address } })),
    );
  if (v6.length > 0)
    zone.setRRset(
      nameServer,
      RRType.AAAA,
      v6.map((address) => ({ ttl: NS_TTL, data: { kind: 'AAAA' as const, address } })),
    );
  return zone;
}
