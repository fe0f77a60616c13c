import { CloudError } from '../errors/catalogue.js';
import { cidrsOverlap, isCanonicalCidr, parseCidr } from '../model/cidr.js';
import { newId } from '../model/ids.js';
import type { Tag, Vpc } from '../model/types.js';
import { createOnce } from './idempotency.js';
import type { Plane } from './plane.js';
import { checkChosenVpcBlock, checkIpv6Isp, randomIpv6Block } from './vpc-ipv6.js';
import { RESERVED_RANGES, checkVpcCidr, isValidVpcDescription, isValidVpcName } from './vpcs.js';

/** CreateVpc (https://api.aliyun.com/api/Vpc/2016-04-28/CreateVpc): validated against the replica, written once per ClientToken. */

export interface CreateVpcInput {
  uid: string;
  regionId: string;
  cidrBlock: string | undefined;
  vpcName: string | undefined;
  description: string | undefined;
  enableIpv6: boolean;
  /** A /56 of the caller's choosing (needs enableIpv6); otherwise one is assigned. */
  ipv6CidrBlock: string | undefined;
  ipv6Isp: string | undefined;
  /** UserCidr: up to 3 comma-separated IPv4 blocks. */
  userCidr: string | undefined;
  resourceGroupId: string | undefined;
  tags: Tag[];
}
/** The cloud's default when no CidrBlock is given (https://api.aliyun.com/product/Vpc, CreateVpc). */
const DEFAULT_VPC_CIDR = '172.16.0.0/12';
/** UserCidr: at most 3 blocks, none inside 100.64.0.0/10 (CreateVpc). */
const MAX_USER_CIDRS = 3;
function checkUserCidrs(text: string | undefined): string[] {
  if (text === undefined) return [];
  const blocks = text.split(',').map((b) => b.trim());
  if (blocks.length > MAX_USER_CIDRS) throw new CloudError('InvalidUserCidr.Quota');
  for (const block of blocks) {
    const cidr = parseCidr(block);
    if (cidr === undefined || cidr.family !== 4 || !isCanonicalCidr(block)) throw new CloudError('IllegalParam.UserCidr');
    if (cidrsOverlap(cidr, RESERVED_RANGES[0]!)) throw new CloudError('InvalidUserCidr.Malformed');
  }
  return blocks;
}
interface PreparedVpc {
  cidrBlock: string;
  ipv6CidrBlock: string | null;
  userCidrs: string[];
}
function validateVpc(plane: Plane, input: CreateVpcInput): PreparedVpc {
  const cidrBlock = input.cidrBlock ?? DEFAULT_VPC_CIDR;
  checkVpcCidr(cidrBlock, () => new CloudError('InvalidParameter', { detail: 'Specified CIDR block is not valid.' }));
  if (input.vpcName !== undefined && !isValidVpcName(input.vpcName)) throw new CloudError('InvalidVpcName.Malformed');
  if (input.description !== undefined && !isValidVpcDescription(input.description)) throw new CloudError('InvalidVpcDiscription.Malformed');
  const userCidrs = checkUserCidrs(input.userCidr);
  checkIpv6Isp(input.ipv6Isp);
  let ipv6CidrBlock: string | null = null;
  if (input.ipv6CidrBlock !== undefined) {
    if (!input.enableIpv6) throw new CloudError('MissingParam', { param: 'EnableIpv6' });
    ipv6CidrBlock = checkChosenVpcBlock(
      input.ipv6CidrBlock,
      plane.replica.values('vpc'),
      () => new CloudError('InvalidIpv6CidrBlock.Malformed'),
    );
  } else if (input.enableIpv6) {
    ipv6CidrBlock = randomIpv6Block();
  }
  return { cidrBlock, ipv6CidrBlock, userCidrs };
}
export async function createVpc(plane: Plane, input: CreateVpcInput): Promise<Vpc> {
  return createOnce(plane, {
    kind: 'vpc',
    idOf: (vpc) => vpc.vpcId,
    validate: () => validateVpc(plane, input),
    create: async (tx, prepared) => {
      const vpc: Vpc = {
        vpcId: newId('vpc'),
        uid: input.uid,
        regionId: input.regionId,
        vpcName: input.vpcName ?? '',
        description: input.description ?? '',
        cidrBlock: prepared.cidrBlock,
        ipv6CidrBlock: prepared.ipv6CidrBlock,
        status: 'Available',
        createdAt: plane.timestamp(),
        dependents: {},
        resourceGroupId: input.resourceGroupId ?? '',
        tags: input.tags,
        routeTableTags: [],
        userCidrs: prepared.userCidrs,
      };
      tx.put('vpc', vpc.vpcId, vpc);
      return vpc;
    },
  });
}
