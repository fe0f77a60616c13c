import { RRType } from '../lookup/types.js';

/** The types a master file may name by mnemonic; any type may be written TYPEnnn (RFC 3597 §5). */
const MNEMONICS: ReadonlyMap<string, number> = new Map([
  ['A', RRType.A],
  ['NS', RRType.NS],
  ['CNAME', RRType.CNAME],
  ['SOA', RRType.SOA],
  ['PTR', RRType.PTR],
  ['MX', RRType.MX],
  ['TXT', RRType.TXT],
  ['AAAA', RRType.AAAA],
  ['SRV', RRType.SRV],
]);

const NAMES: ReadonlyMap<number, string> = new Map([...MNEMONICS].map(([name, code]) => [code, name]));

/** Mnemonics of other types, so the error can say "unsupported" rather than "unknown". */
const UNSUPPORTED = new Set([
  'HINFO',
  'CAA',
  'DS',
  'DNSKEY',
  'RRSIG',
  'NSEC',
  'NSEC3',
  'NSEC3PARAM',
  'DNAME',
  'NAPTR',
  'SSHFP',
  'TLSA',
  'SVCB',
  'HTTPS',
  'SPF',
  'LOC',
  'RP',
  'AFSDB',
  'CERT',
  'URI',
  'MB',
  'MG',
  'MR',
  'MINFO',
  'WKS',
  'NULL',
]);

export type TypeToken = { kind: 'type'; code: number } | { kind: 'unsupported'; name: string } | { kind: 'unknown' };

export function parseTypeToken(text: string): TypeToken {
  const upper = text.toUpperCase();
  const known = MNEMONICS.get(upper);
  if (known !== undefined) return { kind: 'type', code: known };
  const generic = /^TYPE(\d{1,5})$/.exec(upper);
  if (generic !== null && Number(generic[1]) <= 0xffff) return { kind: 'type', code: Number(generic[1]) };
  if (UNSUPPORTED.has(upper)) return { kind: 'unsupported', name: upper };
  return { kind: 'unknown' };
}

/** The mnemonic of a type, or TYPEnnn (RFC 3597 §5). */
export function typeName(code: number): string {
  return NAMES.get(code) ?? `TYPE${code}`;
}

/** The class token: IN (or CLASS1, RFC 3597 §5) is the only class plinkd serves. */
export function classToken(text: string): 'in' | 'other' | 'none' {
  const upper = text.toUpperCase();
  if (upper === 'IN' || upper === 'CLASS1') return 'in';
  if (['CH', 'CS', 'HS', 'NONE', 'ANY'].includes(upper) || /^CLASS\d+$/.test(upper)) return 'other';
  return 'none';
}
