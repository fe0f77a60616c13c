import { canonicalValue } from '../../model/record-values.js';
import type { PrivateZoneRecordType } from '../../model/types.js';
import type { RData } from '../lookup/types.js';

/**
 * A stored PrivateZone record's value (the canonical text src/model/record-values.ts accepts)
 * as the RDATA the DNS server answers with.
 */

/** Splits text into ≤ 255-octet character-strings without cutting a UTF-8 sequence. */
export function characterStrings(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > 255) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out;
}

/** The RDATA a stored record answers with; undefined for a value that is not canonical (never served). */
export function rdataOf(type: PrivateZoneRecordType, value: string, priority: number | null): RData | undefined {
  const checked = canonicalValue(type, value);
  if (!checked.ok || checked.value !== value) return undefined;
  switch (type) {
    case 'A':
    case 'AAAA':
      return { kind: type, address: value };
    case 'CNAME':
    case 'PTR':
      return { kind: type, target: value };
    case 'MX':
      return priority === null ? undefined : { kind: 'MX', preference: priority, exchange: value };
    case 'SRV': {
      const [p, w, port, target] = value.split(' ') as [string, string, string, string];
      return { kind: 'SRV', priority: Number(p), weight: Number(w), port: Number(port), target: target === '.' ? '' : target };
    }
    case 'TXT':
      return { kind: 'TXT', texts: characterStrings(value) };
  }
}
