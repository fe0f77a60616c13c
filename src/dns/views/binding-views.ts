import { cidrContainsIp, parseCidr, parseIp, type Cidr } from '../../model/cidr.js';
import type { ResolverBinding, VSwitch } from '../../model/types.js';
import type { AppliedChange } from '../../replica/applied-change.js';
import type { Replica } from '../../replica/replica.js';
import type { ClientSubnet, ResolvedView, ViewResolver } from '../lookup/types.js';
import { placeClientSubnet, type ZonedBlock } from './client-subnet-scope.js';

interface CompiledBinding {
  cidr: Cidr;
  vpcId: string;
  zoneId: string | undefined;
}

const NO_VIEW: ResolvedView = Object.freeze({ view: Object.freeze({ vpcId: undefined, zoneId: undefined }), scopePrefixLength: 0 });

/**
 * A query's view (docs/dns.md "Views"): the resolver binding whose SourceCidr
 * holds the query's source address, longest prefix first, gives the VPC (and
 * the zone, for a resolver bound to one). EDNS Client Subnet, when sent,
 * picks the zone of the asking VPC's vSwitch (IPv4 block, or IPv6 block of a
 * DualStack vSwitch) that holds the client subnet, and the reply's ECS scope
 * says which client prefix the answer holds for (RFC 7871 §7.2.1; see
 * placeClientSubnet). Sources with no binding have no VPC: they see public
 * names only, which never depend on ECS (scope 0).
 */
export class BindingViews implements ViewResolver {
  private bindings: CompiledBinding[] = [];
  /** The VPCs some binding names: only their vSwitches can change a view (ECS placement). */
  private boundVpcs = new Set<string>();
  private readonly vSwitchesByVpc = new Map<string, Map<string, ZonedBlock[]>>();
  private changes = 0;
  /** Memo of source address → view; bindings are few, sources repeat (resolvers). */
  private readonly memo = new Map<string, ResolvedView>();

  constructor(private readonly replica: Replica) {}

  attach(): void {
    this.replica.subscribe({ onChanges: (applied) => this.onChanges(applied) });
  }

  /** Advances when an answer may differ: bindings changed, or a vSwitch of a bound VPC. */
  get generation(): number {
    return this.changes;
  }

  resolve(sourceAddress: string, clientSubnet: ClientSubnet | undefined): ResolvedView {
    const base = this.bySource(sourceAddress);
    if (clientSubnet === undefined || base.view.vpcId === undefined) return base;
    const subnetIp = parseIp(clientSubnet.address);
    if (subnetIp === undefined) return base;
    const vSwitches = this.vSwitchesByVpc.get(base.view.vpcId);
    const blocks = vSwitches === undefined ? [] : flatten(vSwitches.values());
    const placed = placeClientSubnet(blocks, subnetIp.family, subnetIp.value, clientSubnet.sourcePrefixLength);
    return { view: { vpcId: base.view.vpcId, zoneId: placed.zoneId ?? base.view.zoneId }, scopePrefixLength: placed.scope };
  }

  private bySource(sourceAddress: string): ResolvedView {
    const memoized = this.memo.get(sourceAddress);
    if (memoized !== undefined) return memoized;
    let view = NO_VIEW;
    const ip = parseIp(sourceAddress.startsWith('::ffff:') && sourceAddress.includes('.') ? sourceAddress.slice(7) : sourceAddress);
    if (ip !== undefined) {
      const found = this.bindings.find((b) => cidrContainsIp(b.cidr, ip));
      if (found !== undefined) view = { view: { vpcId: found.vpcId, zoneId: found.zoneId }, scopePrefixLength: 0 };
    }
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(sourceAddress, view);
    return view;
  }

  private onChanges(applied: readonly AppliedChange[]): void {
    let bindingsChanged = false;
    for (const { change, previous } of applied) {
      if (change.kind === 'resolverBinding') bindingsChanged = true;
      else if (change.kind === 'vSwitch') this.onVSwitch(change.id, previous as VSwitch | undefined, change.doc);
    }
    if (bindingsChanged) this.rebuildBindings();
  }

  private onVSwitch(id: string, previous: VSwitch | undefined, current: VSwitch | null): void {
    if (previous !== undefined) {
      const byId = this.vSwitchesByVpc.get(previous.vpcId);
      byId?.delete(id);
      if (byId?.size === 0) this.vSwitchesByVpc.delete(previous.vpcId);
    }
    if (current !== null) {
      const blocks: ZonedBlock[] = [];
      for (const text of [current.cidrBlock, current.ipv6CidrBlock]) {
        const cidr = text === null ? undefined : parseCidr(text);
        if (cidr !== undefined) blocks.push({ cidr, zoneId: current.zoneId });
      }
      let byId = this.vSwitchesByVpc.get(current.vpcId);
      if (byId === undefined) this.vSwitchesByVpc.set(current.vpcId, (byId = new Map()));
      byId.set(id, blocks);
    }
    // A vSwitch enters a view only through ECS placement in a bound VPC: one in a VPC no binding
    // names changes no answer, and keeping the generation lets the reply cache keep every reply
    // (the API creating and deleting vSwitches must not send all of DNS down its full path).
    if ((previous !== undefined && this.boundVpcs.has(previous.vpcId)) || (current !== null && this.boundVpcs.has(current.vpcId)))
      this.changes++;
  }

  private rebuildBindings(): void {
    const compiled: CompiledBinding[] = [];
    for (const binding of this.replica.values('resolverBinding')) {
      const cidr = parseCidr(sourceCidrOf(binding));
      if (cidr !== undefined) compiled.push({ cidr, vpcId: binding.vpcId, zoneId: binding.zoneId ?? undefined });
    }
    // Longest prefix wins; among equals, the order is stable by VPC id.
    compiled.sort((a, b) => b.cidr.prefixLength - a.cidr.prefixLength || (a.vpcId < b.vpcId ? -1 : 1));
    this.bindings = compiled;
    this.boundVpcs = new Set(compiled.map((b) => b.vpcId));
    this.memo.clear();
    this.changes++;
  }
}

function* flatten(lists: Iterable<readonly ZonedBlock[]>): Generator<ZonedBlock> {
  for (const list of lists) yield* list;
}

/** A binding may name one address; it is then a /32 (or /128). */
function sourceCidrOf(binding: ResolverBinding): string {
  if (binding.sourceCidr.includes('/')) return binding.sourceCidr;
  return `${binding.sourceCidr}/${binding.sourceCidr.includes(':') ? 128 : 32}`;
}
