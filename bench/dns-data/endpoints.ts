/**
 * Synthetic PrivateLink endpoint data the way docs/dns.md names it: per endpoint a
 * region-wide name `ep-….epsrv-….cn-hangzhou.privatelink.aliyuncs.com` with
 * one A record per zone (tagged with the zone for ZoneAffinity), and one zonal
 * name `ep-…-<zoneId>.epsrv-…` per zone. Deterministic (seeded), so runs compare.
 */
import { xorshift32 } from '../common/xorshift.js';
export const REGION_ZONE = 'cn-hangzhou.privatelink.aliyuncs.com';
export const ZONE_IDS = ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'] as const;
/** Endpoints per service on average (services are empty non-terminals above them). */
export const ENDPOINTS_PER_SERVICE = 10;

export interface EndpointRRset {
  name: string;
  addresses: Array<{ address: string; zoneId: string | undefined }>;
}

const random = xorshift32;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function idMaker(next: () => number): (prefix: string) => string {
  return (prefix) => {
    let id = prefix;
    for (let i = 0; i < 20; i++) id += ALPHABET[next() % ALPHABET.length];
    return id;
  };
}

/** The RRsets of `count` endpoints: 4 names each (1 region-wide + 3 zonal). */
export function* endpointRRsets(count: number, seed = 42): Generator<EndpointRRset> {
  const id = idMaker(random(seed));
  const services = Array.from({ length: Math.max(1, Math.ceil(count / ENDPOINTS_PER_SERVICE)) }, () => id('epsrv-'));
  for (let i = 0; i < count; i++) {
    const service = services[i % services.length] as string;
    const endpoint = id('ep-');
    const addresses = ZONE_IDS.map((zoneId, z) => ({
      address: `10.${z * 64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`,
      zoneId,
    }));
    yield { name: `${endpoint}.${service}.${REGION_ZONE}`, addresses };
    for (const [z, zoneId] of ZONE_IDS.entries()) {
      yield { name: `${endpoint}-${zoneId}.${service}.${REGION_ZONE}`, addresses: [{ address: addresses[z]!.address, zoneId: undefined }] };
    }
  }
}
