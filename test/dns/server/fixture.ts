import { startDnsServer } from '../../../src/dns/server/index.js';
import type { DnsServer, DnsServerOptions, QueryLogEntry } from '../../../src/dns/server/index.js';
import type { ResourceRecord } from '../../../src/dns/lookup/types.js';
import { freePort } from '../../helpers/ports.js';
import { StaticAuthority, StaticViews, rr, type StaticZone } from '../../helpers/static-authority.js';

export const ZONE = 'example.test';
export const PRIVATE_ZONE = 'corp.internal';

const SOA = {
  ttl: 3600,
  mname: `ns1.${ZONE}`,
  rname: `hostmaster.${ZONE}`,
  serial: 2024010101,
  refresh: 7200,
  retry: 900,
  expire: 1209600,
  minimum: 300,
};

function manyA(name: string, count: number): ResourceRecord[] {
  return Array.from({ length: count }, (_, i) => rr(name, 300, { kind: 'A', address: `192.0.2.${i + 1}` }));
}

/**
 * The zones the server tests use, written like a zone file:
 * - example.test: apex SOA/NS, www A+AAAA, alias CNAME, a 40-address name (fits
 *   1232 but not 512), a 90-TXT name (fits only TCP), a delegated sub-zone with glue;
 * - corp.internal: a private zone visible only to vpc-a (resolver 127.0.0.2).
 */
export function fixtureZones(): StaticZone[] {
  return [
    {
      origin: ZONE,
      soa: SOA,
      records: [
        rr(ZONE, 3600, { kind: 'NS', target: `ns1.${ZONE}` }),
        rr(`ns1.${ZONE}`, 3600, { kind: 'A', address: '192.0.2.53' }),
        rr(`www.${ZONE}`, 300, { kind: 'A', address: '192.0.2.10' }),
        rr(`www.${ZONE}`, 300, { kind: 'AAAA', address: '2001:db8::10' }),
        rr(`alias.${ZONE}`, 300, { kind: 'CNAME', target: `www.${ZONE}` }),
        rr(`deep.name.${ZONE}`, 300, { kind: 'TXT', texts: ['under an empty non-terminal'] }),
        ...manyA(`big.${ZONE}`, 40),
        ...Array.from({ length: 90 }, (_, i) => rr(`huge.${ZONE}`, 300, { kind: 'TXT', texts: [`record ${i} `.padEnd(60, 'x')] })),
        rr(`sub.${ZONE}`, 3600, { kind: 'NS', target: `ns.sub.${ZONE}` }),
        rr(`ns.sub.${ZONE}`, 3600, { kind: 'A', address: '192.0.2.99' }),
      ],
    },
    {
      origin: PRIVATE_ZONE,
      soa: { ...SOA, mname: `ns.${PRIVATE_ZONE}`, rname: `admin.${PRIVATE_ZONE}` },
      records: [rr(`db.${PRIVATE_ZONE}`, 60, { kind: 'A', address: '10.0.0.5' })],
      visibleTo: ['vpc-a'],
    },
  ];
}

export interface Fixture {
  server: DnsServer;
  port: number;
  authority: StaticAuthority;
  views: StaticViews;
  errors: Error[];
  log: QueryLogEntry[];
  close(): Promise<void>;
}

/** A server on a free port on 127.0.0.1 and ::1, UDP and TCP, over the fixture zones. */
export async function startFixture(options: Partial<DnsServerOptions> = {}): Promise<Fixture> {
  const authority = new StaticAuthority(fixtureZones());
  const views = new StaticViews(
    [{ address: '127.0.0.2', vpcId: 'vpc-a', zoneId: 'cn-hangzhou-h' }],
    [{ prefix: '198.51.100.0', length: 24, zoneId: 'cn-hangzhou-i' }],
  );
  const port = await freePort();
  const errors: Error[] = [];
  const log: QueryLogEntry[] = [];
  const server = await startDnsServer({
    listen: [
      { host: '127.0.0.1', port },
      { host: '::1', port },
    ],
    authority,
    views,
    onError: (err) => errors.push(err),
    queryLog: (entry) => {
      if (log.length < 10_000) log.push(entry);
    },
    ...options,
  });
  return { server, port, authority, views, errors, log, close: () => server.close() };
}
