import type { ResolverBinding } from '../../model/types.js';
import type { Replica } from '../../replica/replica.js';
import { RRType, type LookupStatus, type QueryView } from '../lookup/types.js';
import { formatRecord } from '../masterfile/index.js';
import type { ZoneRegistry } from '../registry/index.js';
import { nameProblem, normalizeName } from '../zone/index.js';
import { outcome, unseen } from './explain-text.js';
import { describeZone, type ZoneDescription } from './zone-kinds.js';

/** "What does VPC X get for name Y?" (docs/console.md): the question… */
export interface DnsQuestion {
  name: string;
  /** A type mnemonic (A, AAAA, CNAME, TXT, MX, SRV, PTR, NS, SOA, ANY); default A. */
  type?: string;
  vpcId?: string;
  /** The asker's zone, for ZoneAffinityEnabled services (as a zoned resolver binding gives it). */
  zoneId?: string;
}

/** …and the server's own answer, with the view and the zone that decided it. */
export interface DnsExplanation {
  question: { name: string; type: string; vpcId: string | null; zoneId: string | null };
  view: { vpcId: string | null; zoneId: string | null; bindings: Array<{ bindingId: string; sourceCidr: string; zoneId: string | null }> };
  zone: ZoneDescription | null;
  status: LookupStatus;
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED';
  /** Records in presentation format, as dig prints them. */
  answer: string[];
  authority: string[];
  explanation: string[];
}

export type DnsExplainResult = { ok: true; value: DnsExplanation } | { ok: false; message: string };

const TYPES: Readonly<Record<string, number>> = {
  A: RRType.A,
  AAAA: RRType.AAAA,
  CNAME: RRType.CNAME,
  TXT: RRType.TXT,
  MX: RRType.MX,
  SRV: RRType.SRV,
  PTR: RRType.PTR,
  NS: RRType.NS,
  SOA: RRType.SOA,
  ANY: RRType.ANY,
};

const RCODES: Record<LookupStatus, DnsExplanation['rcode']> = {
  success: 'NOERROR',
  noData: 'NOERROR',
  delegation: 'NOERROR',
  nameError: 'NXDOMAIN',
  notAuthoritative: 'REFUSED',
};

/**
 * Answers a question with the registry the DNS server answers from, in the view a
 * query from the VPC's resolvers gets (docs/dns.md "Views"): the VPC's resolver
 * bindings decide whether its queries have its view at all. Read-only.
 */
export function createDnsExplainer(
  registry: ZoneRegistry,
  replica: Pick<Replica, 'values' | 'get'>,
): (question: DnsQuestion) => DnsExplainResult {
  return (question) => {
    const typeName = (question.type ?? 'A').toUpperCase();
    const type = TYPES[typeName];
    if (type === undefined) return { ok: false, message: `type: one of ${Object.keys(TYPES).join(', ')}` };
    const name = normalizeName(question.name.trim());
    const problem = nameProblem(name);
    if (question.name.trim() === '' || problem !== undefined) return { ok: false, message: `name: ${problem ?? 'is empty'}` };
    const explanation: string[] = [];
    const bindings = question.vpcId === undefined ? [] : bindingsOf(replica, question.vpcId);
    const vpcId = viewOf(question, bindings, replica, explanation);
    const view: QueryView = { vpcId, zoneId: question.zoneId };
    const result = registry.lookup({ name, type, view });
    const holding = registry.privateZonesHolding(name);
    const zone = registry.zoneFor(name, view);
    const entry = zone === undefined ? undefined : holding.find((p) => p.zone === zone && vpcId !== undefined && p.vpcIds.has(vpcId));
    const described = zone === undefined ? null : describeZone(zone.origin, entry);
    if (described !== null) {
      const servedTo = described.vpcs === undefined ? 'answered to every view' : `served to ${described.vpcs.join(', ')}`;
      explanation.push(`The name is in the ${described.label}, ${servedTo}.`);
    }
    explanation.push(...outcome(result.status, typeName, described, result.answer.length));
    if (result.status === 'notAuthoritative') explanation.push(...unseen(holding, question.vpcId, vpcId));
    return {
      ok: true,
      value: {
        question: { name, type: typeName, vpcId: question.vpcId ?? null, zoneId: question.zoneId ?? null },
        view: {
          vpcId: vpcId ?? null,
          zoneId: question.zoneId ?? null,
          bindings: bindings.map((b) => ({ bindingId: b.bindingId, sourceCidr: b.sourceCidr, zoneId: b.zoneId })),
        },
        zone: described,
        status: result.status,
        rcode: RCODES[result.status],
        answer: result.answer.map(formatRecord),
        authority: result.authority.map(formatRecord),
        explanation,
      },
    };
  };
}

function bindingsOf(replica: Pick<Replica, 'values'>, vpcId: string): ResolverBinding[] {
  return [...replica.values('resolverBinding')].filter((b) => b.vpcId === vpcId).sort((a, b) => (a.sourceCidr < b.sourceCidr ? -1 : 1));
}

/** The VPC whose view the query has: the asked VPC only when its resolvers are bound. */
function viewOf(
  question: DnsQuestion,
  bindings: readonly ResolverBinding[],
  replica: Pick<Replica, 'get'>,
  out: string[],
): string | undefined {
  const vpcId = question.vpcId;
  if (vpcId === undefined) {
    out.push('No VPC given: the public view, which a source address outside every resolver binding gets.');
    return undefined;
  }
  if (bindings.length === 0) {
    const exists = replica.get('vpc', vpcId) !== undefined;
    out.push(
      `${vpcId} ${exists ? 'has no resolver binding' : 'does not exist'}: queries from its resolvers carry no VPC view and see public names only (operator action CreateResolverBinding binds them).`,
    );
    return undefined;
  }
  const listed = bindings.map((b) => `${b.bindingId} ${b.sourceCidr}${b.zoneId === null ? '' : ` in ${b.zoneId}`}`).join(', ');
  out.push(`Queries from ${vpcId}'s resolvers (${listed}) are answered in ${vpcId}'s view.`);
  return vpcId;
}
