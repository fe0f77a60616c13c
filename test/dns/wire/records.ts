import type { RData, ResourceRecord } from '../../../src/dns/lookup/types.js';
import { rdataType } from '../../../src/dns/wire/rdata-encode.js';

/** A record of any kind, its TYPE taken from the data (test shorthand). */
export function record(name: string, data: RData, ttl = 300): ResourceRecord {
  return { name, type: rdataType(data), class: 1, ttl, data };
}

/** One record of every RData kind of src/dns/lookup/types.ts. */
export const EVERY_KIND: ResourceRecord[] = [
  record('a.example.test', { kind: 'A', address: '192.0.2.1' }),
  record('aaaa.example.test', { kind: 'AAAA', address: '2001:db8::5:0:1' }),
  record('example.test', { kind: 'NS', target: 'ns1.example.test' }),
  record('alias.example.test', { kind: 'CNAME', target: 'a.example.test' }),
  record('1.2.0.192.in-addr.arpa', { kind: 'PTR', target: 'a.example.test' }),
  record(
    'example.test',
    {
      kind: 'SOA',
      mname: 'ns1.example.test',
      rname: 'hostmaster.example.test',
      serial: 2024010101,
      refresh: 7200,
      retry: 900,
      expire: 1209600,
      minimum: 300,
    },
    3600,
  ),
  record('example.test', { kind: 'MX', preference: 10, exchange: 'mail.example.test' }),
  record('txt.example.test', { kind: 'TXT', texts: ['v=spf1 -all', '', 'x'.repeat(255)] }),
  record('_sip._udp.example.test', { kind: 'SRV', priority: 1, weight: 5, port: 5060, target: 'sip.example.test' }),
  record('raw.example.test', { kind: 'RAW', type: 666, data: Uint8Array.from([0, 1, 2, 255]) }),
  record('empty-raw.example.test', { kind: 'RAW', type: 65280, data: new Uint8Array(0) }),
];
