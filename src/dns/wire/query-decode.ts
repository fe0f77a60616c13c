import { HEADER_SIZE, Opcode, QType, Rcode } from './constants.js';
import { findClientSubnet, readOptions, readQueryEdns, type QueryEdns } from './edns.js';
import { WireFormatError } from './errors.js';
import { readName } from './name-read.js';

export interface QueryHeader {
  id: number;
  /** The 16-bit flags word as sent. */
  flags: number;
  opcode: number;
}

export interface DecodedQuestion {
  /** As asked: presentation text in its original case, no trailing dot. */
  name: string;
  /** Lowercased (RFC 4343), the form lookups use. */
  lowerName: string;
  /**
   * The name's bytes as asked (never compressed: nothing precedes it to point to) are
   * message[nameStart, nameEnd): offsets, not a subarray, so that a reply-cache miss
   * does not make a Buffer object for them.
   */
  message: Buffer;
  nameStart: number;
  nameEnd: number;
  type: number;
  class: number;
}

/**
 * - drop: nothing to answer (no full header, or a response: answering responses
 *   invites reflection loops);
 * - reject: answer with `rcode` (FORMERR, NOTIMP, BADVERS), echoing what was read;
 * - query: a well-formed QUERY with one question.
 */
export type DecodeOutcome =
  | { kind: 'drop'; reason: string }
  | {
      kind: 'reject';
      header: QueryHeader;
      rcode: number;
      reason: string;
      question: DecodedQuestion | undefined;
      edns: QueryEdns | undefined;
    }
  | { kind: 'query'; header: QueryHeader; question: DecodedQuestion; edns: QueryEdns | undefined };

interface Body {
  question: DecodedQuestion | undefined;
  edns: QueryEdns | undefined;
  error: WireFormatError | undefined;
}

function need(buf: Buffer, p: number, n: number, what: string): void {
  if (p + n > buf.length) throw new WireFormatError('truncated', `${what} at ${p} cut short`);
}

function readQuestion(buf: Buffer, p: number): { question: DecodedQuestion; end: number } {
  const { text, end } = readName(buf, p);
  need(buf, end, 4, 'question type/class');
  const question: DecodedQuestion = {
    name: text,
    lowerName: text.toLowerCase(),
    message: buf,
    nameStart: p,
    nameEnd: end,
    type: buf.readUInt16BE(end),
    class: buf.readUInt16BE(end + 2),
  };
  return { question, end: end + 4 };
}

/**
 * Walks every section so that an OPT anywhere is found and every length is
 * checked; keeps what was read before an error so a FORMERR can echo it.
 */
function readBody(buf: Buffer): Body {
  const body: Body = { question: undefined, edns: undefined, error: undefined };
  const qd = buf.readUInt16BE(4);
  const rrs = buf.readUInt16BE(6) + buf.readUInt16BE(8);
  const ar = buf.readUInt16BE(10);
  let p = HEADER_SIZE;
  try {
    for (let i = 0; i < qd; i++) {
      const read = readQuestion(buf, p);
      if (i === 0) body.question = read.question;
      p = read.end;
    }
    for (let i = 0; i < rrs + ar; i++) {
      const owner = readName(buf, p);
      need(buf, owner.end, 10, 'record header');
      const type = buf.readUInt16BE(owner.end);
      const rdStart = owner.end + 10;
      const rdEnd = rdStart + buf.readUInt16BE(owner.end + 8);
      if (rdEnd > buf.length) throw new WireFormatError('truncated', `RDATA at ${rdStart} runs past the message`);
      if (type === QType.OPT) {
        if (i < rrs) throw new WireFormatError('opt-outside-additional', 'OPT outside the additional section');
        if (body.edns !== undefined) throw new WireFormatError('duplicate-opt', 'two OPT records (RFC 6891 §6.1.1)');
        if (owner.text !== '') throw new WireFormatError('opt-not-root', 'OPT owner is not the root (RFC 6891 §6.1.2)');
        const options = readOptions(buf, rdStart, rdEnd);
        body.edns = readQueryEdns(buf.readUInt16BE(owner.end + 2), buf.readUInt32BE(owner.end + 4), options);
        if (body.edns.version === 0) body.edns.clientSubnet = findClientSubnet(options);
      }
      p = rdEnd;
    }
    if (p !== buf.length) throw new WireFormatError('trailing-bytes', `${buf.length - p} bytes after the last record`);
  } catch (err) {
    if (!(err instanceof WireFormatError)) throw err;
    body.error = err;
  }
  return body;
}

/** Decodes a query defensively; never throws for any input. */
export function decodeQuery(buf: Buffer): DecodeOutcome {
  if (buf.length < HEADER_SIZE) return { kind: 'drop', reason: 'shorter than a header' };
  const flags = buf.readUInt16BE(2);
  if ((flags & 0x8000) !== 0) return { kind: 'drop', reason: 'QR set: a response, not a query' };
  const header: QueryHeader = { id: buf.readUInt16BE(0), flags, opcode: (flags >>> 11) & 0xf };
  const body = readBody(buf);
  const edns = body.edns;
  if (header.opcode !== Opcode.QUERY) {
    // RFC 1035 §4.1.1: NOTIMP. Nothing of an unknown opcode's sections is echoed.
    return { kind: 'reject', header, rcode: Rcode.NOTIMP, reason: `opcode ${header.opcode}`, question: undefined, edns };
  }
  if (body.error !== undefined) {
    return { kind: 'reject', header, rcode: Rcode.FORMERR, reason: body.error.message, question: body.question, edns };
  }
  const qd = buf.readUInt16BE(4);
  if (qd !== 1 || body.question === undefined) {
    return { kind: 'reject', header, rcode: Rcode.FORMERR, reason: `QDCOUNT ${qd}`, question: undefined, edns };
  }
  const question = body.question;
  if (edns !== undefined && edns.version > 0) {
    // RFC 6891 §6.1.3: a version we do not implement → BADVERS, with our own version 0 OPT.
    return { kind: 'reject', header, rcode: Rcode.BADVERS, reason: `EDNS version ${edns.version}`, question, edns };
  }
  if (question.type === QType.OPT) {
    return { kind: 'reject', header, rcode: Rcode.FORMERR, reason: 'QTYPE OPT (RFC 6891 §6.1.1)', question, edns };
  }
  return { kind: 'query', header, question, edns };
}
