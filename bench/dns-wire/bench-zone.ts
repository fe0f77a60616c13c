import { rr, type StaticZone } from '../../test/helpers/static-authority.js';

/** The zone every server in the benchmark serves: `count` names with one A record each. */
export const BENCH_ORIGIN = 'bench.test';

function address(i: number): string {
  return `10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}`;
}

export function benchZone(count: number): StaticZone {
  const records = [
    rr(BENCH_ORIGIN, 3600, { kind: 'NS', target: `ns1.${BENCH_ORIGIN}` }),
    rr(`ns1.${BENCH_ORIGIN}`, 3600, { kind: 'A', address: '127.0.0.1' }),
  ];
  for (let i = 0; i < count; i++) records.push(rr(`host${i}.${BENCH_ORIGIN}`, 300, { kind: 'A', address: address(i) }));
  return {
    origin: BENCH_ORIGIN,
    soa: {
      ttl: 3600,
      mname: `ns1.${BENCH_ORIGIN}`,
      rname: `hostmaster.${BENCH_ORIGIN}`,
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: 300,
    },
    records,
  };
}

/** The same zone as an RFC 1035 master file, for NSD. */
export function benchZoneFile(count: number): string {
  const lines = [
    `$ORIGIN ${BENCH_ORIGIN}.`,
    `@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 300`,
    `@ 3600 IN NS ns1`,
    `ns1 3600 IN A 127.0.0.1`,
  ];
  for (let i = 0; i < count; i++) lines.push(`host${i} 300 IN A ${address(i)}`);
  return lines.join('\n') + '\n';
}

/** dnsperf input: every name once, in a shuffled but fixed order. */
export function queryFile(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`host${(i * 7919) % count}.${BENCH_ORIGIN} A`);
  return lines.join('\n') + '\n';
}
