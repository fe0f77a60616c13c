import type { RData, ResourceRecord } from '../lookup/types.js';
import { typeName } from './types.js';

/**
 * Records in presentation format (RFC 1035 §5.1), one line each:
 * "www.example. 300 IN A 192.0.2.1". Parsing the output gives the same data,
 * so tests and logs can show records the way zone files write them.
 */
export function formatRecord(rr: ResourceRecord): string {
  return `${formatName(rr.name)} ${rr.ttl} IN ${typeName(rr.type)} ${formatRData(rr.data)}`;
}

/** An absolute name with the characters master files treat specially escaped. */
export function formatName(name: string): string {
  if (name === '') return '.';
  return `${name.split('.').map(escapeLabel).join('.')}.`;
}

function escapeLabel(label: string): string {
  return escapeOctets(label, /[-\w*]/);
}

/** Escapes every octet not matching `plain` as \DDD, or \X for printable specials. */
function escapeOctets(text: string, plain: RegExp): string {
  let out = '';
  for (const octet of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(octet);
    if (octet < 0x80 && plain.test(ch)) out += ch;
    else if (octet > 0x20 && octet < 0x7f) out += `\\${ch}`;
    else out += `\\${String(octet).padStart(3, '0')}`;
  }
  return out;
}

export function formatRData(data: RData): string {
  switch (data.kind) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return formatName(data.target);
    case 'MX':
      return `${data.preference} ${formatName(data.exchange)}`;
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${formatName(data.target)}`;
    case 'SOA':
      return [formatName(data.mname), formatName(data.rname), data.serial, data.refresh, data.retry, data.expire, data.minimum].join(' ');
    case 'TXT':
      return data.texts.map((text) => `"${escapeOctets(text, /[ !#-[\]-~]/)}"`).join(' ');
    case 'RAW':
      return `\\# ${data.data.length}${data.data.length > 0 ? ' ' : ''}${Buffer.from(data.data).toString('hex')}`;
  }
}
