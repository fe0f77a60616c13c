import type { Cidr } from '../../model/cidr.js';

/** A vSwitch block (IPv4, or the IPv6 /64 of a DualStack vSwitch) and its zone. */
export interface ZonedBlock {
  cidr: Cidr;
  zoneId: string;
}

export interface Placement {
  /** Zone of the vSwitch that holds the client subnet, if one does. */
  zoneId: string | undefined;
  /** ECS SCOPE PREFIX-LENGTH for the answer (RFC 7871 §7.2.1). */
  scope: number;
}

const WIDTH = { 4: 32, 6: 128 } as const;

/** Leading bits `a` and `b` share, out of `width`. */
function commonPrefixLength(a: bigint, b: bigint, width: number): number {
  const diff = a ^ b;
  return diff === 0n ? width : width - diff.toString(2).length;
}

/**
 * Where an EDNS Client Subnet (`address`/`sourcePrefixLength`, host bits zero)
 * falls among a VPC's vSwitches, and the scope the answer holds for.
 *
 * - Inside a vSwitch (the subnet at least as long as the block and within it):
 *   that vSwitch's zone; the answer holds for the whole block (scope = its
 *   prefix; of nested blocks, the longest).
 * - Otherwise the answer is the zone-less one, and it holds for the widest
 *   prefix of the client address that overlaps no vSwitch: for each block,
 *   one bit past what the address shares with it. A scope of 0 would tell the
 *   resolver the answer is good for every client — wrong as soon as another
 *   client of it sits in a vSwitch (RFC 7871 §7.3.1 caching). When the subnet
 *   is wider than a block it overlaps, that block's prefix is returned: longer
 *   than the source, which says "not specific enough" (§7.2.1).
 * - No block of that family: the answer cannot vary, scope 0.
 */
export function placeClientSubnet(blocks: Iterable<ZonedBlock>, family: 4 | 6, address: bigint, sourcePrefixLength: number): Placement {
  const width = WIDTH[family];
  let best: ZonedBlock | undefined;
  let scope = 0;
  for (const block of blocks) {
    const { cidr } = block;
    if (cidr.family !== family) continue;
    const shared = commonPrefixLength(address, cidr.base, width);
    if (shared >= cidr.prefixLength && sourcePrefixLength >= cidr.prefixLength) {
      if (best === undefined || cidr.prefixLength > best.cidr.prefixLength) best = block;
    }
    // The client's range overlaps the block (it is wider than the block, or
    // inside it): the answer needs the block's bits. Disjoint: one bit past
    // what they share is enough to keep the block out.
    const overlaps = shared >= Math.min(sourcePrefixLength, cidr.prefixLength);
    scope = Math.max(scope, overlaps ? cidr.prefixLength : shared + 1);
  }
  if (best !== undefined) return { zoneId: best.zoneId, scope: best.cidr.prefixLength };
  return { zoneId: undefined, scope };
}
