import type { SectionItem } from '../lookup/types.js';
import { Flag, HEADER_SIZE, QType, UDP_ADVERTISED_SIZE } from './constants.js';
import type { EdnsOption } from './edns.js';
import { MessageOverflow } from './errors.js';
import { MessageWriter } from './message-writer.js';
import { parseNameText } from './name-text.js';
import type { DecodedQuestion } from './query-decode.js';
import { writeSection } from './rdata-encode.js';

export interface ResponseEdns {
  dnssecOk: boolean;
  options: readonly EdnsOption[];
}

export interface ResponseSpec {
  id: number;
  opcode: number;
  /** Full 12-bit RCODE; the upper 8 bits go into the OPT record (RFC 6891 §6.1.3). */
  rcode: number;
  authoritative: boolean;
  recursionDesired: boolean;
  checkingDisabled: boolean;
  /** Echoed as asked (original case); undefined leaves the question section empty. */
  question: DecodedQuestion | undefined;
  /** Stored RRsets (copied as they are) or records. */
  answer: readonly SectionItem[];
  authority: readonly SectionItem[];
  additional: readonly SectionItem[];
  /** Whether the additional records are needed (referral glue): dropping them then sets TC. */
  additionalRequired: boolean;
  /** Our OPT (version 0, UDP size 1232); undefined when the query had none (RFC 6891 §7). */
  edns: ResponseEdns | undefined;
}

type Mode = 'full' | 'without-additional' | 'truncated';

function optLength(edns: ResponseEdns | undefined): number {
  if (edns === undefined) return 0;
  let length = 11;
  for (let i = 0; i < edns.options.length; i++) length += 4 + (edns.options[i] as EdnsOption).data.length;
  return length;
}

function writeOpt(w: MessageWriter, spec: ResponseSpec, edns: ResponseEdns): void {
  w.u8(0);
  w.u16(QType.OPT);
  w.u16(UDP_ADVERTISED_SIZE);
  // TTL = extended RCODE (upper 8 bits) | version 0 | DO echoed (RFC 3225 §3); other flag bits zero.
  w.u8((spec.rcode >>> 4) & 0xff);
  w.u8(0);
  w.u16(edns.dnssecOk ? 0x8000 : 0);
  const lengthAt = w.pos;
  w.u16(0);
  for (let i = 0; i < edns.options.length; i++) {
    const option = edns.options[i] as EdnsOption;
    w.u16(option.code);
    w.u16(option.data.length);
    w.bytes(option.data);
  }
  w.patch16(lengthAt, w.pos - lengthAt - 2);
}

/** Encoding is synchronous and never nested: one writer serves every reply (MessageWriter.reset). */
const writer = new MessageWriter(0);

function encode(spec: ResponseSpec, limit: number, mode: Mode): Buffer {
  // The OPT is written last but its room is reserved first: truncation keeps it (RFC 6891 §7).
  const w = writer.reset(limit - optLength(spec.edns));
  let flags = Flag.QR | ((spec.opcode & 0xf) << 11) | (spec.rcode & 0xf);
  if (spec.authoritative) flags |= Flag.AA;
  if (spec.recursionDesired) flags |= Flag.RD;
  if (spec.checkingDisabled) flags |= Flag.CD;
  if (mode === 'truncated') flags |= Flag.TC;
  w.u16(spec.id);
  w.u16(flags);
  w.u16(spec.question === undefined ? 0 : 1);
  w.u16(0);
  w.u16(0);
  w.u16(0);
  const q = spec.question;
  if (q !== undefined) {
    // The question as asked; its suffixes are where later names point (RFC 1035 §4.1.4).
    if (q.nameEnd - q.nameStart === q.lowerName.length + 2) w.rememberPlain(q.lowerName, HEADER_SIZE);
    else w.remember(parseNameText(q.name), HEADER_SIZE);
    w.copy(q.message, q.nameStart, q.nameEnd);
    w.u16(q.type);
    w.u16(q.class);
  }
  let additional = 0;
  if (mode !== 'truncated') {
    w.patch16(6, writeSection(w, spec.answer));
    w.patch16(8, writeSection(w, spec.authority));
    if (mode === 'full') additional = writeSection(w, spec.additional);
    w.patch16(10, additional);
  }
  if (spec.edns !== undefined) {
    w.limit = limit;
    writeOpt(w, spec, spec.edns);
    w.patch16(10, additional + 1);
  }
  return w.finish();
}

/** The encodings tried in turn, shared by every reply. */
const WITH_OPTIONAL_ADDITIONAL: readonly Mode[] = ['full', 'without-additional', 'truncated'];
const WITHOUT_OPTIONAL_ADDITIONAL: readonly Mode[] = ['full', 'truncated'];

/**
 * Encodes a response within `limit` bytes. When it does not fit: first drop the
 * additional section if it is optional (RFC 2181 §9: TC only when required data
 * is missing); otherwise send the header, question and OPT with TC set, so the
 * client retries over TCP (RFC 1035 §4.2.1, RFC 7766 §5) and keeps seeing our
 * EDNS (RFC 6891 §7).
 */
export function encodeResponse(spec: ResponseSpec, limit: number): Buffer {
  const modes = spec.additional.length > 0 && !spec.additionalRequired ? WITH_OPTIONAL_ADDITIONAL : WITHOUT_OPTIONAL_ADDITIONAL;
  for (let i = 0; i < modes.length; i++) {
    const mode = modes[i] as Mode;
    try {
      return encode(spec, limit, mode);
    } catch (err) {
      if (!(err instanceof MessageOverflow) || mode === 'truncated') throw err;
    }
  }
  throw new MessageOverflow();
}
