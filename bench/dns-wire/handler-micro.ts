/**
 * In-process cost of DnsHandler.handle per query (no sockets): the fast path
 * (cache hits) against the full path (cache disabled). Prints ns per query.
 */
import { DnsHandler } from '../../src/dns/server/index.js';
import { encodeQuery } from '../../src/dns/wire/index.js';
import { StaticAuthority, StaticViews } from '../../test/helpers/static-authority.js';
import { benchZone, BENCH_ORIGIN } from './bench-zone.js';

const NAMES = 3000;
const authority = new StaticAuthority([benchZone(NAMES)]);
const queries = Array.from({ length: NAMES }, (_, i) => encodeQuery({ id: i, name: `host${i}.${BENCH_ORIGIN}`, type: 1 }));
const source = { address: '127.0.0.1', port: 40000, transport: 'udp' as const };

function measure(label: string, handler: DnsHandler, rounds: number): number {
  for (const q of queries) handler.handle(q, source);
  const started = process.hrtime.bigint();
  let bytes = 0;
  for (let r = 0; r < rounds; r++) for (const q of queries) bytes += handler.handle(q, source)?.length ?? 0;
  const ns = Number(process.hrtime.bigint() - started) / (rounds * queries.length);
  console.log(`${label.padEnd(10)} ${ns.toFixed(0).padStart(6)} ns/query (${bytes} bytes)`);
  return ns;
}

const only = process.argv[2];
const fast = only === 'full' ? Number.NaN : measure('fast path', new DnsHandler({ authority, views: new StaticViews() }), 300);
const full =
  only === 'fast' ? Number.NaN : measure('full path', new DnsHandler({ authority, views: new StaticViews(), replyCacheEntries: 0 }), 30);
if (only === undefined) console.log(`full / fast  ${(full / fast).toFixed(1)}×`);
