import type { Endpoint, EndpointZone } from '../model/types.js';
import type { StringPool } from './string-pool.js';

/**
 * Endpoints packed into one string each for the replica (SPEC §6: a million
 * endpoints in a replica under 2 GiB). A parsed endpoint document costs
 * ~2.2 KB of heap (bench:scale): ~50 small objects and strings, most of them
 * repeated in every endpoint of the same VPC or service, and two domain names
 * per zone that only repeat the endpoint id and the service's domain. Packed:
 * fields in a fixed order separated by US (0x1f); repeated strings as
 * references into a StringPool; the domains as the suffix after the id; the
 * rest (ENI ids and addresses, times, names) inline. ~270 characters for an
 * endpoint with three zones.
 *
 * Only documents of exactly the shape the control plane writes are packed
 * (same keys in the same order, the expected value types, no separator
 * characters in inline text); anything else stays a plain object, so decoding
 * always gives back a document equal to the one stored, key order included.
 */
const SEP = '\u001f';
const NULL = '\u001e';

const ENDPOINT_KEYS = [
  'endpointId', 'uid', 'regionId', 'endpointName', 'endpointDescription', 'endpointType', 'vpcId', 'serviceId',
  'serviceName', 'serviceUid', 'securityGroupIds', 'zones', 'endpointDomain', 'addressIpVersion', 'policyDocument',
  'privateServiceDomainEnabled', 'tags', 'endpointStatus', 'connectionStatus', 'endpointBusinessStatus',
  'transitionDueAt', 'createdAt',
] as const;
/** Added by security-group changes after creation, so it comes last when present. */
const OPTIONAL_LAST_KEY = 'securityGroupChange';
const ZONE_KEYS = ['zoneId', 'regionId', 'vSwitchId', 'eniId', 'eniIp', 'zoneIpv6Address', 'zoneDomain', 'zoneStatus', 'resourceId', 'transitionDueAt'] as const;

/** Fields before the zones, the zone count, and fields per zone. */
const HEAD = 21;
const PER_ZONE = 10;

function sameKeys(actual: readonly string[], expected: readonly string[], offset = 0): boolean {
  for (let i = 0; i < expected.length; i++) if (actual[i + offset] !== expected[i]) return false;
  return true;
}

function shapeOk(doc: Endpoint): boolean {
  const keys = Object.keys(doc);
  const extra = keys.length - ENDPOINT_KEYS.length;
  if (extra !== 0 && !(extra === 1 && keys[keys.length - 1] === OPTIONAL_LAST_KEY)) return false;
  if (!sameKeys(keys, ENDPOINT_KEYS)) return false;
  if (!Array.isArray(doc.zones) || !Array.isArray(doc.securityGroupIds) || !Array.isArray(doc.tags)) return false;
  for (const zone of doc.zones) {
    if (zone === null || typeof zone !== 'object') return false;
    const zoneKeys = Object.keys(zone);
    if (zoneKeys.length !== ZONE_KEYS.length || !sameKeys(zoneKeys, ZONE_KEYS)) return false;
  }
  return true;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const inlineOk = (v: unknown): v is string => typeof v === 'string' && v.indexOf(SEP) < 0 && v.indexOf(NULL) < 0;
const numberOrNull = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

function typesOk(doc: Endpoint): boolean {
  const texts = [doc.endpointId, doc.uid, doc.regionId, doc.endpointName, doc.endpointDescription, doc.endpointType, doc.vpcId, doc.serviceId,
    doc.serviceName, doc.serviceUid, doc.endpointDomain, doc.addressIpVersion, doc.policyDocument, doc.endpointStatus, doc.connectionStatus, doc.endpointBusinessStatus];
  if (!texts.every(isText)) return false;
  if (typeof doc.privateServiceDomainEnabled !== 'boolean' || !numberOrNull(doc.transitionDueAt) || !inlineOk(doc.createdAt)) return false;
  if (OPTIONAL_LAST_KEY in doc && (doc.securityGroupChange === undefined || typeof doc.securityGroupChange !== 'object')) return false;
  for (const z of doc.zones) {
    if (!isText(z.zoneId) || !isText(z.regionId) || !isText(z.vSwitchId) || !isText(z.zoneDomain) || !isText(z.zoneStatus)) return false;
    if (!inlineOk(z.eniId) || !inlineOk(z.eniIp) || !(z.zoneIpv6Address === null || inlineOk(z.zoneIpv6Address))) return false;
    if (!(z.resourceId === null || isText(z.resourceId)) || !numberOrNull(z.transitionDueAt)) return false;
  }
  return true;
}

/**
 * User-given text (names, descriptions) is mostly unique: inline ("=" + text)
 * unless it holds a separator, then pooled ("@" + reference).
 */
function packUserText(pool: StringPool, value: string): string {
  return inlineOk(value) ? `=${value}` : `@${pool.acquire(value)}`;
}

function unpackUserText(pool: StringPool, field: string): string {
  return field.charCodeAt(0) === 0x3d ? field.slice(1) : pool.get(field.slice(1));
}

/** A domain that is `<prefix><rest>` keeps only a reference to the shared rest. */
function packDomain(pool: StringPool, domain: string, prefix: string): string {
  return domain.startsWith(prefix) ? `.${pool.acquire(domain.slice(prefix.length))}` : `=${pool.acquire(domain)}`;
}

function unpackDomain(pool: StringPool, field: string, prefix: string): string {
  const value = pool.get(field.slice(1));
  return field.charCodeAt(0) === 0x2e ? prefix + value : value;
}

const num = (v: number | null): string => (v === null ? '' : String(v));
const unnum = (s: string): number | null => (s === '' ? null : Number(s));

/** The packed form, or undefined when the document is not of the shape packed here. */
export function packEndpoint(pool: StringPool, id: string, doc: Endpoint): string | undefined {
  if (doc.endpointId !== id || !shapeOk(doc) || !typesOk(doc)) return undefined;
  const p = (s: string): string => pool.acquire(s);
  const parts: string[] = [
    p(doc.uid), p(doc.regionId), packUserText(pool, doc.endpointName), packUserText(pool, doc.endpointDescription), p(doc.endpointType), p(doc.vpcId),
    p(doc.serviceId), p(doc.serviceName), p(doc.serviceUid), p(JSON.stringify(doc.securityGroupIds)),
    packDomain(pool, doc.endpointDomain, `${id}.`), p(doc.addressIpVersion), p(doc.policyDocument),
    doc.privateServiceDomainEnabled ? '1' : '0', p(JSON.stringify(doc.tags)), p(doc.endpointStatus), p(doc.connectionStatus),
    p(doc.endpointBusinessStatus), num(doc.transitionDueAt), doc.createdAt,
    OPTIONAL_LAST_KEY in doc ? p(JSON.stringify(doc.securityGroupChange)) : '',
    String(doc.zones.length),
  ];
  for (const z of doc.zones) {
    parts.push(
      p(z.zoneId), p(z.regionId), p(z.vSwitchId), z.eniId, z.eniIp, z.zoneIpv6Address ?? NULL,
      packDomain(pool, z.zoneDomain, `${id}-${z.zoneId}.`), p(z.zoneStatus), z.resourceId === null ? NULL : p(z.resourceId), num(z.transitionDueAt),
    );
  }
  return parts.join(SEP);
}

export function unpackEndpoint(pool: StringPool, id: string, packed: string): Endpoint {
  const f = packed.split(SEP);
  const g = (i: number): string => pool.get(f[i]!);
  const zones: EndpointZone[] = [];
  const count = Number(f[HEAD]);
  for (let z = 0, at = HEAD + 1; z < count; z++, at += PER_ZONE) {
    const zoneId = g(at);
    zones.push({
      zoneId,
      regionId: g(at + 1),
      vSwitchId: g(at + 2),
      eniId: f[at + 3]!,
      eniIp: f[at + 4]!,
      zoneIpv6Address: f[at + 5] === NULL ? null : f[at + 5]!,
      zoneDomain: unpackDomain(pool, f[at + 6]!, `${id}-${zoneId}.`),
      zoneStatus: g(at + 7) as EndpointZone['zoneStatus'],
      resourceId: f[at + 8] === NULL ? null : g(at + 8),
      transitionDueAt: unnum(f[at + 9]!),
    });
  }
  const doc: Endpoint = {
    endpointId: id,
    uid: g(0),
    regionId: g(1),
    endpointName: unpackUserText(pool, f[2]!),
    endpointDescription: unpackUserText(pool, f[3]!),
    endpointType: g(4) as Endpoint['endpointType'],
    vpcId: g(5),
    serviceId: g(6),
    serviceName: g(7),
    serviceUid: g(8),
    securityGroupIds: JSON.parse(g(9)) as string[],
    zones,
    endpointDomain: unpackDomain(pool, f[10]!, `${id}.`),
    addressIpVersion: g(11) as Endpoint['addressIpVersion'],
    policyDocument: g(12),
    privateServiceDomainEnabled: f[13] === '1',
    tags: JSON.parse(g(14)) as Endpoint['tags'],
    endpointStatus: g(15) as Endpoint['endpointStatus'],
    connectionStatus: g(16) as Endpoint['connectionStatus'],
    endpointBusinessStatus: g(17) as Endpoint['endpointBusinessStatus'],
    transitionDueAt: unnum(f[18]!),
    createdAt: f[19]!,
  };
  if (f[20] !== '') doc.securityGroupChange = JSON.parse(g(20)) as Endpoint['securityGroupChange'];
  return doc;
}

/** Gives back every pool reference a packed endpoint holds (when it is replaced or deleted). */
export function releaseEndpoint(pool: StringPool, packed: string): void {
  const f = packed.split(SEP);
  for (const i of [0, 1, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17]) pool.release(f[i]!);
  for (const i of [2, 3]) if (f[i]!.charCodeAt(0) === 0x40) pool.release(f[i]!.slice(1));
  pool.release(f[10]!.slice(1));
  if (f[20] !== '') pool.release(f[20]!);
  const count = Number(f[HEAD]);
  for (let z = 0, at = HEAD + 1; z < count; z++, at += PER_ZONE) {
    for (const i of [0, 1, 2, 7]) pool.release(f[at + i]!);
    pool.release(f[at + 6]!.slice(1));
    if (f[at + 8] !== NULL) pool.release(f[at + 8]!);
  }
}
