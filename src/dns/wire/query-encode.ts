import { EDNS_DO_FLAG, Flag, QClass, QType } from './constants.js';
import type { EdnsOption } from './edns.js';
import { MessageWriter } from './message-writer.js';
import { parseNameText } from './name-text.js';

export interface QuerySpec {
  id: number;
  name: string;
  type: number;
  class?: number;
  recursionDesired?: boolean;
  /** Present → an OPT record is added (RFC 6891). */
  edns?: { udpSize?: number; version?: number; dnssecOk?: boolean; flags?: number; options?: readonly EdnsOption[] };
}

/** Builds a query message: for tools, benchmarks and tests that need valid input. */
export function encodeQuery(spec: QuerySpec): Buffer {
  const w = new MessageWriter(65535);
  w.u16(spec.id);
  w.u16(spec.recursionDesired === true ? Flag.RD : 0);
  w.u16(1);
  w.u16(0);
  w.u16(0);
  w.u16(spec.edns === undefined ? 0 : 1);
  w.name(parseNameText(spec.name), false);
  w.u16(spec.type);
  w.u16(spec.class ?? QClass.IN);
  const edns = spec.edns;
  if (edns !== undefined) {
    w.u8(0);
    w.u16(QType.OPT);
    w.u16(edns.udpSize ?? 1232);
    w.u8(0);
    w.u8(edns.version ?? 0);
    w.u16((edns.flags ?? 0) | (edns.dnssecOk === true ? EDNS_DO_FLAG : 0));
    const options = edns.options ?? [];
    w.u16(options.reduce((n, o) => n + 4 + o.data.length, 0));
    for (const option of options) {
      w.u16(option.code);
      w.u16(option.data.length);
      w.bytes(option.data);
    }
  }
  return w.finish();
}
