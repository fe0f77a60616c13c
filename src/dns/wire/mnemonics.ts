/**
 * Names of wire numbers for people (logs, metrics labels): RCODEs (RFC 1035 §4.1.1,
 * RFC 6891 §9), the QTYPEs plinkd sees most, and classes (RFC 1035 §3.2.4). Anything
 * else is written the RFC 3597 §5 way: TYPEnnn, CLASSnnn, and the rcode's number.
 */
const RCODES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  16: 'BADVERS',
};

/** IANA "Resource Record (RR) TYPEs": the ones resolvers commonly ask, and the meta-types. */
const QTYPES: Readonly<Record<number, string>> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  35: 'NAPTR',
  43: 'DS',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  50: 'NSEC3',
  64: 'SVCB',
  65: 'HTTPS',
  251: 'IXFR',
  252: 'AXFR',
  255: 'ANY',
  257: 'CAA',
};

const CLASSES: Readonly<Record<number, string>> = { 1: 'IN', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };

export function rcodeName(rcode: number): string {
  return RCODES[rcode] ?? String(rcode);
}

/** A type's mnemonic, or TYPEnnn. */
export function qtypeName(qtype: number): string {
  return QTYPES[qtype] ?? `TYPE${qtype}`;
}

/** Whether `qtypeName` knows the type by name (metrics fold the others into one series). */
export function isNamedQtype(qtype: number): boolean {
  return QTYPES[qtype] !== undefined;
}

export function className(qclass: number): string {
  return CLASSES[qclass] ?? `CLASS${qclass}`;
}
