import type { ResourceRecord } from '../lookup/types.js';
import { HEADER_SIZE, QType } from './constants.js';
import { readOptions, type EdnsOption } from './edns.js';
import { WireFormatError } from './errors.js';
import { readName } from './name-read.js';
import { readRData } from './rdata-decode.js';

export interface MessageEdns {
  udpSize: number;
  version: number;
  flags: number;
  dnssecOk: boolean;
  options: EdnsOption[];
}

/** A whole message, any direction: what tests, tools and fuzzers read back. */
export interface DecodedMessage {
  id: number;
  flags: number;
  opcode: number;
  /** 12-bit RCODE: header bits plus the OPT's extended bits (RFC 6891 §6.1.3). */
  rcode: number;
  questions: Array<{ name: string; type: number; class: number }>;
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  /** Without the OPT pseudo-record, which is in `edns`. */
  additional: ResourceRecord[];
  edns: MessageEdns | undefined;
}

/** Decodes a complete message strictly; throws WireFormatError on anything malformed. */
export function decodeMessage(buf: Buffer): DecodedMessage {
  if (buf.length < HEADER_SIZE) throw new WireFormatError('truncated', 'shorter than a header');
  const flags = buf.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((at) => buf.readUInt16BE(at));
  const message: DecodedMessage = {
    id: buf.readUInt16BE(0),
    flags,
    opcode: (flags >>> 11) & 0xf,
    rcode: flags & 0xf,
    questions: [],
    answer: [],
    authority: [],
    additional: [],
    edns: undefined,
  };
  let p = HEADER_SIZE;
  for (let i = 0; i < (counts[0] as number); i++) {
    const name = readName(buf, p);
    if (name.end + 4 > buf.length) throw new WireFormatError('truncated', 'question cut short');
    message.questions.push({ name: name.text, type: buf.readUInt16BE(name.end), class: buf.readUInt16BE(name.end + 2) });
    p = name.end + 4;
  }
  const sections = [message.answer, message.authority, message.additional];
  sections.forEach((section, s) => {
    for (let i = 0; i < (counts[s + 1] as number); i++) {
      const owner = readName(buf, p);
      const h = owner.end;
      if (h + 10 > buf.length) throw new WireFormatError('truncated', 'record header cut short');
      const type = buf.readUInt16BE(h);
      const klass = buf.readUInt16BE(h + 2);
      const ttl = buf.readUInt32BE(h + 4);
      const length = buf.readUInt16BE(h + 8);
      const start = h + 10;
      if (start + length > buf.length) throw new WireFormatError('truncated', 'RDATA cut short');
      if (type === QType.OPT) {
        if (s !== 2) throw new WireFormatError('opt-outside-additional', 'OPT outside additional');
        if (message.edns !== undefined) throw new WireFormatError('duplicate-opt', 'two OPT records');
        if (owner.text !== '') throw new WireFormatError('opt-not-root', 'OPT owner is not the root');
        message.rcode |= ((ttl >>> 24) & 0xff) << 4;
        message.edns = {
          udpSize: klass,
          version: (ttl >>> 16) & 0xff,
          flags: ttl & 0xffff,
          dnssecOk: (ttl & 0x8000) !== 0,
          options: readOptions(buf, start, start + length),
        };
      } else {
        section.push({ name: owner.text, type, class: klass, ttl, data: readRData(buf, start, length, type) });
      }
      p = start + length;
    }
  });
  if (p !== buf.length) throw new WireFormatError('trailing-bytes', `${buf.length - p} bytes after the last record`);
  return message;
}
