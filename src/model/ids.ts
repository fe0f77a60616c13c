import { randomBytes, randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Random lowercase base-36 text (docs/control-plane.md: "random lowercase base-36, as the cloud does"). */
export function randomBase36(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 252 = 7 × 36: bytes at or above it would bias the distribution, so redraw them.
  for (let i = 0; i < length; i++) {
    let byte = bytes[i]!;
    while (byte >= 252) byte = randomBytes(1)[0]!;
    out += ALPHABET[byte % 36];
  }
  return out;
}

export type IdPrefix = 'vpc' | 'vsw' | 'epsrv' | 'ep' | 'eni' | 'vpce' | 'pz' | 'rb';

/** e.g. "ep-k3x9…" — prefix plus 20 base-36 characters. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}-${randomBase36(20)}`;
}

/**
 * A 16-digit account uid. Responses carry account ids as JSON numbers (OwnerId,
 * EndpointOwnerId are longs in the cloud's API), and a number above 2^53 would
 * be rounded on the way, so uids stay below Number.MAX_SAFE_INTEGER.
 */
export function newUid(): string {
  // crypto.randomInt spans at most 2^48, so draw the two halves separately.
  const high = randomInt(100_000_000, 900_719_925); // first 9 digits: 1.00e15 … 9.007e15
  const low = randomInt(0, 10_000_000); // last 7 digits
  return `${high}${String(low).padStart(7, '0')}`;
}

/** AccessKeyId like the cloud's (LTAI + 20 alphanumerics) and a 30-character secret. */
export function newAccessKeyPair(): { accessKeyId: string; secret: string } {
  return { accessKeyId: `LTAI${randomBase36(20)}`, secret: randomBytes(30).toString('base64url').slice(0, 30) };
}

/**
 * The vRouter and system route table the cloud creates with every VPC: plinkd
 * models neither as a document, so their ids share the VPC's suffix and each
 * can be derived from the other.
 */
export function vRouterIdOf(vpcId: string): string {
  return vpcId.replace(/^vpc-/, 'vrt-');
}

export function routeTableIdOf(vpcId: string): string {
  return vpcId.replace(/^vpc-/, 'vtb-');
}

/** The VPC whose system route table `routeTableId` is, or undefined for an id that is not a route table's. */
export function vpcIdOfRouteTable(routeTableId: string): string | undefined {
  return /^vtb-[a-z0-9]{1,40}$/.test(routeTableId) ? routeTableId.replace(/^vtb-/, 'vpc-') : undefined;
}

export const ID_PATTERNS = {
  vpc: /^vpc-[a-z0-9]{1,40}$/,
  vsw: /^vsw-[a-z0-9]{1,40}$/,
  epsrv: /^epsrv-[a-z0-9]{1,40}$/,
  ep: /^ep-[a-z0-9]{1,40}$/,
  uid: /^\d{16}$/,
} as const;
