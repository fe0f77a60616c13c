import { canonicalIpv6, isIpv4Text } from './ip.js';
import type { PrivateZoneRecordType } from './types.js';

/**
 * What a PrivateZone record may hold (https://api.aliyun.com/product/pvtz, "Records"): the
 * host record `Rr` relative to the zone, and a `Value` written the way the
 * console takes it, one format per type. Pure functions: the control plane validates
 * with them and the DNS projection turns the stored (canonical) values into
 * RDATA after checking them again (src/dns/projection/record-rdata.ts), so what
 * is accepted is exactly what is served.
 */

export const RECORD_TYPES: readonly PrivateZoneRecordType[] = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'SRV', 'PTR'];

/** RFC 1035 §2.3.4: 63 octets a label; 253 characters of presentation text make 255 on the wire. */
const MAX_LABEL = 63;
const MAX_NAME = 253;
/** Letters, digits, `-` and `_` (SRV owners are `_service._proto`, RFC 2782); no hyphen at either end. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
/** TXT values are split into character-strings of at most 255 octets (RFC 1035 §3.3.14). */
const MAX_TXT_OCTETS = 2048;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(problem: string): Checked<T> => ({ ok: false, problem });

/** A domain name as typed (any case, optional trailing dot) → lowercase, no trailing dot. */
export function canonicalHostname(text: string): Checked<string> {
  const name = text.toLowerCase().replace(/\.$/, '');
  if (name === '') return bad('is empty');
  if (name.length > MAX_NAME) return bad(`is longer than ${MAX_NAME} characters`);
  for (const label of name.split('.')) {
    if (label.length > MAX_LABEL) return bad(`has a label longer than ${MAX_LABEL} characters`);
    if (!LABEL.test(label)) return bad(`has an invalid label "${label}" (letters, digits, "-" and "_" only)`);
  }
  return ok(name);
}

/** Wildcard host records: `*` and `*.<labels>` (canonicalRr allows `*` only leftmost). */
export function isWildcardRr(rr: string): boolean {
  return rr === '*' || rr.startsWith('*.');
}

/** AddZone's ZoneName: a hostname; no wildcard. */
export function canonicalZoneName(text: string): Checked<string> {
  return canonicalHostname(text);
}

/**
 * `Rr`: `@` for the apex (the reference: "to resolve @.example.com the host
 * record must be @, not empty"), otherwise labels relative to the zone. `*`
 * may only be the leftmost label (`*`, `*.dev`): RFC 4592 §2.1.1 gives a
 * wildcard meaning only there.
 */
export function canonicalRr(text: string, zoneName: string): Checked<string> {
  const rr = text.toLowerCase();
  if (rr === '@') return ok(rr);
  const labels = rr.split('.');
  for (const [index, label] of labels.entries()) {
    if (label === '*' && index === 0) continue;
    if (label.length > MAX_LABEL) return bad(`has a label longer than ${MAX_LABEL} characters`);
    if (!LABEL.test(label)) return bad(`has an invalid label "${label}" ("*" only leftmost; letters, digits, "-" and "_")`);
  }
  if (rr.length + 1 + zoneName.length > MAX_NAME) return bad(`makes a name longer than ${MAX_NAME} characters`);
  return ok(rr);
}

/** The owner name of `rr` in `zoneName` (both canonical). */
export function ownerOf(rr: string, zoneName: string): string {
  return rr === '@' ? zoneName : `${rr}.${zoneName}`;
}

function u16(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 0xffff ? n : undefined;
}

/** RFC 2782 SRV as the console takes it: `priority weight port target` ("." = no service). */
function canonicalSrv(value: string): Checked<string> {
  const fields = value.trim().split(/\s+/);
  if (fields.length !== 4) return bad('must be "priority weight port target" for type SRV');
  const [priority, weight, port, target] = fields as [string, string, string, string];
  if ([priority, weight, port].some((f) => u16(f) === undefined)) return bad('needs priority, weight and port in 0..65535 for type SRV');
  if (target === '.') return ok(`${u16(priority)} ${u16(weight)} ${u16(port)} .`);
  const host = canonicalHostname(target);
  if (!host.ok) return bad(`has a target that ${host.problem}`);
  return ok(`${u16(priority)} ${u16(weight)} ${u16(port)} ${host.value}`);
}

/**
 * The stored form of `value` for `type`, or why it is not valid: A a dotted
 * quad, AAAA an IPv6 address (kept compressed and lowercase), CNAME/MX/PTR a
 * hostname, SRV four fields, TXT up to 2048 octets of text without control
 * characters.
 */
export function canonicalValue(type: PrivateZoneRecordType, value: string): Checked<string> {
  switch (type) {
    case 'A':
      return isIpv4Text(value) ? ok(value) : bad('must be an IPv4 address for type A');
    case 'AAAA': {
      const canonical = canonicalIpv6(value);
      return canonical !== undefined ? ok(canonical) : bad('must be an IPv6 address for type AAAA');
    }
    case 'CNAME':
    case 'MX':
    case 'PTR': {
      const host = canonicalHostname(value);
      return host.ok ? host : bad(`must be a domain name for type ${type}: it ${host.problem}`);
    }
    case 'SRV':
      return canonicalSrv(value);
    case 'TXT':
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
      if (/[\x00-\x1f\x7f]/.test(value)) return bad('must not contain control characters for type TXT');
      if (Buffer.byteLength(value, 'utf8') > MAX_TXT_OCTETS) return bad(`must be at most ${MAX_TXT_OCTETS} octets for type TXT`);
      return ok(value);
  }
}
