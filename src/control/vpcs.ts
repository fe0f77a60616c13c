import { CloudError } from '../errors/catalogue.js';
import { cidrsOverlap, isCanonicalCidr, parseCidr, type Cidr } from '../model/cidr.js';
import type { Vpc, VpcDependents } from '../model/types.js';
import type { Transaction } from '../store/types.js';
import type { Plane } from './plane.js';

/** Ranges a VPC may not use (https://api.aliyun.com/product/Vpc, CreateVpc: "except 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16"). */
export const RESERVED_RANGES: readonly Cidr[] = ['100.64.0.0/10', '224.0.0.0/4', '127.0.0.0/8', '169.254.0.0/16'].map((text) =>
  parseCidr(text)!,
);

/** VpcName / VSwitchName: 1–128 characters, not starting with http:// or https:// (current VPC docs). */
export function isValidVpcName(name: string): boolean {
  return name.length >= 1 && name.length <= 128 && !/^https?:\/\//i.test(name);
}

/** Description: 1–256 characters, not starting with http:// or https://. */
export function isValidVpcDescription(text: string): boolean {
  return text.length >= 1 && text.length <= 256 && !/^https?:\/\//i.test(text);
}

/**
 * A VPC's IPv4 block: canonical, /8–/28 (the older docs' lower bound, so tests can build large
 * fleets), outside the reserved ranges. `bad` is the action's code: CreateVpc's metadata documents
 * InvalidParameter, ModifyVpcAttribute's InvalidCidrBlock.Malformed.
 */
export function checkVpcCidr(cidrBlock: string, bad: () => CloudError): Cidr {
  const cidr = parseCidr(cidrBlock);
  const valid = cidr !== undefined && cidr.family === 4 && isCanonicalCidr(cidrBlock) && cidr.prefixLength >= 8 && cidr.prefixLength <= 28;
  if (!valid || RESERVED_RANGES.some((reserved) => cidrsOverlap(reserved, cidr))) throw bad();
  return cidr;
}

/** The VPC, if `uid` owns it in `regionId` (regionId undefined: any region). */
export function ownVpc(plane: Plane, uid: string, regionId: string | undefined, vpcId: string): Vpc | undefined {
  const vpc = plane.replica.get('vpc', vpcId);
  if (vpc === undefined || vpc.uid !== uid || (regionId !== undefined && vpc.regionId !== regionId)) return undefined;
  return vpc;
}

export type VpcDependentKind = keyof VpcDependents;

/**
 * Inside a create transaction: records `id` as living in the VPC, which must
 * exist (and be `uid`'s when uid is given). Returns undefined when it does not,
 * so the caller answers with its own product's code.
 */
export async function addVpcDependent(
  tx: Transaction,
  vpcId: string,
  uid: string | undefined,
  kind: VpcDependentKind,
  id: string,
): Promise<Vpc | undefined> {
  const vpc = await tx.get('vpc', vpcId);
  if (vpc === undefined || (uid !== undefined && vpc.uid !== uid)) return undefined;
  const dependents = vpc.dependents;
  tx.put('vpc', vpcId, { ...vpc, dependents: { ...dependents, [kind]: [...(dependents[kind] ?? []), id] } });
  return vpc;
}

/** Inside a delete transaction: forgets `id` (the VPC may be gone already). */
export async function removeVpcDependent(tx: Transaction, vpcId: string, kind: VpcDependentKind, id: string): Promise<void> {
  const vpc = await tx.get('vpc', vpcId);
  if (vpc === undefined) return;
  const dependents = vpc.dependents;
  tx.put('vpc', vpcId, { ...vpc, dependents: { ...dependents, [kind]: (dependents[kind] ?? []).filter((d) => d !== id) } });
}

export interface DeleteVpcInput {
  uid: string;
  regionId: string | undefined;
  vpcId: string;
}

/**
 * DeleteVpc: refused while vSwitches (DependencyViolation.VSwitch), gateway endpoints
 * (DependencyViolation.GatewayEndpoint) or PrivateLink endpoints (DependencyViolation.Instance,
 * "cloud product instances still exist") live in it, as DeleteVpc's metadata documents them.
 * Resolver bindings of the VPC go with it.
 */
export async function deleteVpc(plane: Plane, input: DeleteVpcInput): Promise<void> {
  const vpc = ownVpc(plane, input.uid, input.regionId, input.vpcId);
  if (vpc === undefined) throw new CloudError('InvalidVpcId.NotFound');
  checkNoDependents(plane, vpc);
  await plane.write(async (tx) => {
    const current = await tx.get('vpc', input.vpcId);
    if (current === undefined || current.uid !== input.uid) throw new CloudError('InvalidVpcId.NotFound');
    checkNoDependents(plane, current);
    for (const bindingId of current.dependents.resolverBinding ?? []) tx.delete('resolverBinding', bindingId);
    tx.delete('vpc', input.vpcId);
  });
}

/** From the VPC document and the replica's dependents index: no walk over the fleet. */
function checkNoDependents(plane: Plane, vpc: Vpc): void {
  if ((vpc.dependents.vSwitch ?? []).length > 0 || plane.replica.vSwitchIdsOfVpc(vpc.vpcId).length > 0)
    throw new CloudError('DependencyViolation.VSwitch');
  if ((vpc.dependents.gatewayEndpoint ?? []).length > 0) throw new CloudError('DependencyViolation.GatewayEndpoint');
  // PrivateLink endpoints are not VPC dependents in the document; an endpoint
  // with zones holds ENIs in a vSwitch, which already blocks the delete.
  if (plane.replica.endpointCountOfVpc(vpc.vpcId) > 0) throw new CloudError('DependencyViolation.Instance');
}
