import { createHash } from 'node:crypto';
import { CloudError } from '../errors/catalogue.js';
import { formatIp, isCanonicalCidr, parseCidr, parseIp } from '../model/cidr.js';
import type { ResolverBinding } from '../model/types.js';
import type { Plane } from './plane.js';
import { addVpcDependent, removeVpcDependent } from './vpcs.js';

/**
 * Resolver bindings (operator actions, docs/dns.md "Views"): the source address or
 * CIDR of a VPC's resolver → that VPC, which is how the DNS server picks a
 * query's view (longest prefix wins).
 */

/**
 * `10.0.0.0/24`, `2001:db8::/64`, or a single address (→ /32, /128), in the
 * canonical form the DNS server compares; undefined when malformed or when
 * host bits are set (`10.0.0.1/24` is ambiguous, as the VPC API treats it).
 */
export function canonicalSourceCidr(text: string): string | undefined {
  if (!text.includes('/')) {
    const ip = parseIp(text);
    return ip === undefined ? undefined : `${formatIp(ip.family, ip.value)}/${ip.family === 4 ? 32 : 128}`;
  }
  const cidr = parseCidr(text);
  if (cidr === undefined || !isCanonicalCidr(text)) return undefined;
  return `${formatIp(cidr.family, cidr.base)}/${cidr.prefixLength}`;
}

/**
 * The binding id is derived from its CIDR (`rb-` + 20 base-36 digits of a
 * SHA-256): one CIDR can be bound once, and two API processes binding it at
 * the same time collide on one document instead of both succeeding.
 */
export function bindingIdOf(sourceCidr: string): string {
  const digest = BigInt(`0x${createHash('sha256').update(sourceCidr).digest('hex')}`);
  return `rb-${digest.toString(36).padStart(20, '0').slice(-20)}`;
}

export interface CreateBindingInput {
  uid: string;
  regionId: string | undefined;
  vpcId: string;
  sourceCidr: string;
  zoneId: string | undefined;
}

export async function createResolverBinding(plane: Plane, input: CreateBindingInput): Promise<ResolverBinding> {
  const sourceCidr = canonicalSourceCidr(input.sourceCidr);
  if (sourceCidr === undefined)
    throw new CloudError('IllegalParamFormat', {
      param: 'SourceCidr',
      reason: 'must be an IPv4 or IPv6 CIDR with no host bits set, or one address',
    });
  // Operators bind any account's VPC.
  const vpc = plane.replica.get('vpc', input.vpcId);
  if (vpc === undefined || (input.regionId !== undefined && vpc.regionId !== input.regionId)) throw new CloudError('InvalidVpcId.NotFound');
  if (input.zoneId !== undefined && !(plane.region(vpc.regionId)?.zoneIds ?? []).includes(input.zoneId))
    throw new CloudError('InvalidZoneId.NotFound');
  const bindingId = bindingIdOf(sourceCidr);
  if (plane.replica.get('resolverBinding', bindingId) !== undefined) throw new CloudError('ResourceAlreadyExist.ResolverBinding');
  return plane.write(async (tx) => {
    if ((await tx.get('resolverBinding', bindingId)) !== undefined) throw new CloudError('ResourceAlreadyExist.ResolverBinding');
    // Registered in the VPC so that DeleteVpc removes it in the same transaction.
    if ((await addVpcDependent(tx, input.vpcId, undefined, 'resolverBinding', bindingId)) === undefined)
      throw new CloudError('InvalidVpcId.NotFound');
    const binding: ResolverBinding = {
      bindingId,
      uid: input.uid,
      vpcId: vpc.vpcId,
      regionId: vpc.regionId,
      sourceCidr,
      zoneId: input.zoneId ?? null,
      createdAt: plane.timestamp(),
    };
    tx.put('resolverBinding', bindingId, binding);
    return binding;
  });
}

export async function deleteResolverBinding(plane: Plane, bindingId: string): Promise<void> {
  if (plane.replica.get('resolverBinding', bindingId) === undefined) throw new CloudError('ResourceNotFound.ResolverBinding');
  await plane.write(async (tx) => {
    const binding = await tx.get('resolverBinding', bindingId);
    if (binding === undefined) throw new CloudError('ResourceNotFound.ResolverBinding');
    tx.delete('resolverBinding', bindingId);
    await removeVpcDependent(tx, binding.vpcId, 'resolverBinding', bindingId);
  });
}
