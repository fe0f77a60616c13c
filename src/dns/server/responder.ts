import { isSectionRRset, storedType } from '../lookup/rrsets.js';
import type { DnsAuthority, LookupResult, ResolvedView, SectionItem, ViewResolver } from '../lookup/types.js';
import {
  EdnsOptionCode,
  Flag,
  Opcode,
  QClass,
  QType,
  Rcode,
  TCP_MESSAGE_LIMIT,
  UDP_ADVERTISED_SIZE,
  UDP_CLASSIC_LIMIT,
} from '../wire/constants.js';
import { clientSubnetReply, type ReceivedClientSubnet } from '../wire/client-subnet.js';
import type { EdnsOption } from '../wire/edns.js';
import { ExtendedErrorCode, extendedError } from '../wire/extended-error.js';
import { decodeQuery, type DecodedQuestion } from '../wire/query-decode.js';
import { encodeResponse, type ResponseEdns, type ResponseSpec } from '../wire/response-encode.js';
import type { ScannedQuery } from './fast-path.js';
import type { QuerySource, Transport } from './types.js';

/** What of a query's OPT the reply depends on (decodeQuery's QueryEdns, or what scanFastQuery read). */
interface AnsweredEdns {
  dnssecOk: boolean;
  clientSubnet: ReceivedClientSubnet | undefined;
}

/** What the full path produced, with what metrics and the cache need to know. */
export interface Answer {
  reply: Buffer;
  rcode: number;
  id: number;
  question: DecodedQuestion | undefined;
  view: string;
  /** A normal answer to a normal query: safe to replay for the same cache key. */
  cacheable: boolean;
}

/** The largest reply a client can take (RFC 1035 §4.2.1, RFC 6891 §6.2.5, RFC 7766 §8). */
export function replyLimit(transport: Transport, edns: { udpSize: number } | undefined): number {
  if (transport === 'tcp') return TCP_MESSAGE_LIMIT;
  if (edns === undefined) return UDP_CLASSIC_LIMIT;
  return Math.min(Math.max(edns.udpSize, UDP_CLASSIC_LIMIT), UDP_ADVERTISED_SIZE);
}

export const NO_VIEW = '-';

const NO_OPTIONS: readonly EdnsOption[] = Object.freeze([]);
const NO_ITEMS: readonly SectionItem[] = Object.freeze([]);

/** Our OPT without options, DO clear and set: shared by every reply that has one (most do). */
const PLAIN_OPT: readonly [ResponseEdns, ResponseEdns] = [
  Object.freeze({ dnssecOk: false, options: NO_OPTIONS }),
  Object.freeze({ dnssecOk: true, options: NO_OPTIONS }),
];

/** A lookup's outcome, with records or with stored RRsets (DnsAuthority.lookupRRsets). */
interface Sections {
  status: LookupResult['status'];
  answer: readonly SectionItem[];
  authority: readonly SectionItem[];
  additional: readonly SectionItem[];
  refusal?: LookupResult['refusal'];
}

/** How a reply is flagged; shared objects (OUTCOME), the sections go beside them. */
interface Outcome {
  readonly rcode: number;
  readonly authoritative: boolean;
  readonly additionalRequired: boolean;
  /** The Extended DNS Error saying why, sent when the query has EDNS (RFC 8914 §3). */
  readonly why?: EdnsOption;
}

/**
 * Why a query was REFUSED or got SERVFAIL, as RFC 8914 Extended DNS Errors (docs/dns.md
 * "Extended DNS Errors"). Fixed texts: the options are built once and shared by every reply.
 */
const WHY = {
  outside: extendedError(ExtendedErrorCode.NOT_AUTHORITATIVE, 'no zone served here holds this name'),
  handedOn: extendedError(ExtendedErrorCode.NOT_AUTHORITATIVE, 'the private zone hands names it lacks on (ProxyPattern RECORD)'),
  view: extendedError(ExtendedErrorCode.PROHIBITED, "the private zone holding this name is not served to this source's view"),
  class: extendedError(ExtendedErrorCode.NOT_AUTHORITATIVE, 'only class IN is served'),
  transfer: extendedError(ExtendedErrorCode.NOT_SUPPORTED, 'zone transfers are not served'),
  internal: extendedError(ExtendedErrorCode.OTHER, 'internal error answering this query; see the server log'),
} as const;

/** The owner and type of a section item. */
function ownerAndType(item: SectionItem): [string, number] {
  return isSectionRRset(item) ? [item.owner, storedType(item.rrset)] : [item.name, item.type];
}

/**
 * RFC 8482 §4.1: an ANY query gets one RRset, not everything at the name; the
 * lookup may already have done this, then it is a no-op.
 */
function oneRRsetForAny(result: Sections): Sections {
  const first = result.answer[0];
  if (first === undefined) return result;
  const [owner, type] = ownerAndType(first);
  const answer = result.answer.filter((item) => {
    const [o, t] = ownerAndType(item);
    return o === owner && t === type;
  });
  return answer.length === result.answer.length ? result : { ...result, answer };
}

const refusedFor = (why: EdnsOption): Outcome =>
  Object.freeze({ rcode: Rcode.REFUSED, authoritative: false, additionalRequired: false, why });

/** Every outcome a reply can have, made once: the full path makes no object for it. */
const OUTCOME = {
  answer: Object.freeze({ rcode: Rcode.NOERROR, authoritative: true, additionalRequired: false }),
  nameError: Object.freeze({ rcode: Rcode.NXDOMAIN, authoritative: true, additionalRequired: false }),
  // A referral is not authoritative data (RFC 1034 §4.3.2); its glue is required (RFC 9471).
  referral: Object.freeze({ rcode: Rcode.NOERROR, authoritative: false, additionalRequired: true }),
  // Never an open resolver: a name outside every zone served in this view is refused.
  refused: Object.fromEntries(Object.entries(WHY).map(([reason, why]) => [reason, refusedFor(why)])) as Record<keyof typeof WHY, Outcome>,
} as const;

function outcomeOf(result: Sections): Outcome {
  switch (result.status) {
    case 'success':
    case 'noData':
      return OUTCOME.answer;
    case 'nameError':
      return OUTCOME.nameError;
    case 'delegation':
      return OUTCOME.referral;
    case 'notAuthoritative':
      return OUTCOME.refused[result.refusal ?? 'outside'];
  }
}

/**
 * The full path: decode, apply protocol policy, look up, encode. Everything a
 * resolver can see of plinkd's protocol behaviour is decided here.
 */
export class Responder {
  /** The spec of the reply being encoded (spec): an object per reply-cache miss otherwise. */
  private readonly scratch: ResponseSpec = {
    id: 0,
    opcode: 0,
    rcode: 0,
    authoritative: false,
    recursionDesired: false,
    checkingDisabled: false,
    question: undefined,
    answer: NO_ITEMS,
    authority: NO_ITEMS,
    additional: NO_ITEMS,
    additionalRequired: false,
    edns: undefined,
  };

  constructor(
    private readonly authority: DnsAuthority,
    private readonly views: ViewResolver,
  ) {}

  /** Null means silence (garbage without an ID, or a response sent to us). */
  respond(msg: Buffer, source: QuerySource, resolved?: ResolvedView): Answer | null {
    const decoded = decodeQuery(msg);
    if (decoded.kind === 'drop') return null;
    const { header, edns } = decoded;
    const limit = replyLimit(source.transport, edns);
    if (decoded.kind === 'reject') {
      const { question, rcode } = decoded;
      const reply = encodeResponse(this.spec(header.id, header.flags, header.opcode, question, edns, [], rcode, false), limit);
      return { reply, rcode, id: header.id, question, view: NO_VIEW, cacheable: false };
    }
    return this.answer(header.id, header.flags, header.opcode, decoded.question, edns, limit, source, resolved);
  }

  /**
   * The full path for a query scanFastQuery took (fast-path.ts): the header,
   * question and EDNS the scan read are used as they are instead of decoding
   * the message again — the same reply respond gives for it. The scan is its
   * own question and EDNS (dnssecOk, clientSubnet): no object for either per miss.
   */
  respondScanned(msg: Buffer, source: QuerySource, fast: ScannedQuery, resolved: ResolvedView): Answer {
    return this.answer(
      msg.readUInt16BE(0),
      msg.readUInt16BE(2),
      Opcode.QUERY,
      fast,
      fast.edns ? fast : undefined,
      fast.limit,
      source,
      resolved,
    );
  }

  private answer(
    id: number,
    flags: number,
    opcode: number,
    question: DecodedQuestion,
    edns: AnsweredEdns | undefined,
    limit: number,
    source: QuerySource,
    resolved: ResolvedView | undefined,
  ): Answer {
    let view = NO_VIEW;
    let scope = 0;
    let outcome: Outcome;
    /** The sections to send; none for a refusal. */
    let result: Sections | undefined;
    if (question.class !== QClass.IN && question.class !== QClass.ANY) {
      // plinkd serves IN only; for another class it has no zone and is not authoritative,
      // which BIND and NSD also answer with REFUSED (RFC 1035 §4.1.1 "for policy reasons").
      outcome = OUTCOME.refused.class;
    } else if (question.type === QType.AXFR || question.type === QType.IXFR) {
      // No zone transfers on any transport: REFUSED (RFC 5936 §2.2.1 lets a server refuse).
      outcome = OUTCOME.refused.transfer;
    } else {
      const viewed = resolved ?? this.views.resolve(source.address, edns?.clientSubnet?.subnet);
      view = viewed.view.vpcId ?? NO_VIEW;
      scope = viewed.scopePrefixLength;
      const query = { name: question.lowerName, type: question.type, view: viewed.view };
      const found: Sections = this.authority.lookupRRsets?.(query) ?? this.authority.lookup(query);
      outcome = outcomeOf(found);
      if (found.status !== 'notAuthoritative') {
        result = found.status === 'success' && question.type === QType.ANY ? oneRRsetForAny(found) : found;
      }
    }
    let options: readonly EdnsOption[] = NO_OPTIONS;
    if (edns?.clientSubnet !== undefined || (edns !== undefined && outcome.why !== undefined)) {
      const some: EdnsOption[] = [];
      if (edns.clientSubnet !== undefined) {
        some.push({ code: EdnsOptionCode.CLIENT_SUBNET, data: clientSubnetReply(edns.clientSubnet, scope) });
      }
      if (outcome.why !== undefined) some.push(outcome.why);
      options = some;
    }
    const spec = this.spec(id, flags, opcode, question, edns, options, outcome.rcode, outcome.authoritative);
    if (result !== undefined) {
      spec.answer = result.answer;
      spec.authority = result.authority;
      spec.additional = result.additional;
      spec.additionalRequired = outcome.additionalRequired;
    }
    return { reply: encodeResponse(spec, limit), rcode: outcome.rcode, id, question, view, cacheable: true };
  }

  /** SERVFAIL for a query whose handling threw; null when not even an ID can be read. */
  failure(msg: Buffer, source: QuerySource): Answer | null {
    const decoded = decodeQuery(msg);
    if (decoded.kind === 'drop') return null;
    const { header, question, edns } = decoded;
    const options = edns === undefined ? [] : [WHY.internal];
    const spec = this.spec(header.id, header.flags, header.opcode, question, edns, options, Rcode.SERVFAIL, false);
    const reply = encodeResponse(spec, replyLimit(source.transport, edns));
    return { reply, rcode: Rcode.SERVFAIL, id: header.id, question, view: NO_VIEW, cacheable: false };
  }

  /**
   * Header policy: QR set; opcode echoed; RD and CD echoed for QUERY only
   * (RFC 1035 §4.1.1, RFC 4035 §3.1.6 for CD); RA, AD and Z always clear —
   * plinkd neither recurses nor validates. An OPT only when the query had one
   * (RFC 6891 §7), never echoing unknown options or flag bits; DO is echoed (RFC 3225 §3).
   */
  private spec(
    id: number,
    flags: number,
    opcode: number,
    question: DecodedQuestion | undefined,
    edns: AnsweredEdns | undefined,
    options: readonly EdnsOption[],
    rcode: number,
    authoritative: boolean,
  ): ResponseSpec {
    const isQuery = opcode === Opcode.QUERY;
    // One spec per Responder, filled in anew: encodeResponse reads it synchronously and keeps nothing of it.
    const spec = this.scratch;
    spec.id = id;
    spec.opcode = opcode;
    spec.rcode = rcode;
    spec.authoritative = authoritative;
    spec.recursionDesired = isQuery && (flags & Flag.RD) !== 0;
    spec.checkingDisabled = isQuery && (flags & Flag.CD) !== 0;
    spec.question = question;
    spec.answer = NO_ITEMS;
    spec.authority = NO_ITEMS;
    spec.additional = NO_ITEMS;
    spec.additionalRequired = false;
    spec.edns =
      edns === undefined ? undefined : options === NO_OPTIONS ? PLAIN_OPT[edns.dnssecOk ? 1 : 0] : { dnssecOk: edns.dnssecOk, options };
    return spec;
  }
}
