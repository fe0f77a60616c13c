import { HEADER_SIZE, MAX_NAME_LENGTH, MAX_POINTER_HOPS } from './constants.js';
import { WireFormatError } from './errors.js';

export interface DecodedName {
  /** Presentation form, original case, no trailing dot; the root is "". */
  text: string;
  /** Offset just past the name where it started (after the first pointer, if any). */
  end: number;
}

const BACKSLASH = 0x5c;
const DOT = 0x2e;

/**
 * One label in presentation form (RFC 1035 §5.1): "." and "\" are escaped with
 * a backslash, bytes outside printable ASCII become \DDD. Keeps the text ASCII,
 * so lowercasing it later touches only A–Z (RFC 4343 §3).
 */
function labelText(buf: Buffer, start: number, end: number): string {
  let plain = true;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if (b <= 0x20 || b >= 0x7f || b === DOT || b === BACKSLASH) {
      plain = false;
      break;
    }
  }
  if (plain) return buf.toString('latin1', start, end);
  let out = '';
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if (b === DOT || b === BACKSLASH) out += '\\' + String.fromCharCode(b);
    else if (b <= 0x20 || b >= 0x7f) out += '\\' + String(b).padStart(3, '0');
    else out += String.fromCharCode(b);
  }
  return out;
}

/**
 * Reads a possibly compressed name (RFC 1035 §4.1.4) defensively:
 * - a pointer must point strictly below every position already visited, which
 *   rules out forward pointers and loops alike (a real compressor only points
 *   back to names written earlier);
 * - pointers into the header, reserved label types (0x40, 0x80; RFC 6891 §5
 *   deprecates extended labels) and names over 255 octets are refused;
 * - at most MAX_POINTER_HOPS jumps.
 */
export function readName(buf: Buffer, offset: number): DecodedName {
  let p = offset;
  let end = -1;
  let lowestVisited = offset;
  let hops = 0;
  let wireLength = 1;
  let text = '';
  for (;;) {
    if (p >= buf.length) throw new WireFormatError('truncated', `name at ${offset} runs past the message`);
    const len = buf[p] as number;
    if (len === 0) {
      return { text, end: end < 0 ? p + 1 : end };
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (p + 1 >= buf.length) throw new WireFormatError('truncated', `pointer at ${p} cut short`);
      const target = ((len & 0x3f) << 8) | (buf[p + 1] as number);
      if (end < 0) end = p + 2;
      if (target < HEADER_SIZE || target >= p) {
        throw new WireFormatError('bad-pointer', `pointer at ${p} to ${target}`);
      }
      if (target >= lowestVisited || ++hops > MAX_POINTER_HOPS) {
        throw new WireFormatError('pointer-loop', `pointer at ${p} to ${target} revisits the name`);
      }
      lowestVisited = target;
      p = target;
      continue;
    }
    if (kind !== 0) throw new WireFormatError('bad-label-type', `label type 0x${kind.toString(16)} at ${p}`);
    const labelEnd = p + 1 + len;
    if (labelEnd > buf.length) throw new WireFormatError('truncated', `label at ${p} runs past the message`);
    wireLength += len + 1;
    if (wireLength > MAX_NAME_LENGTH) {
      throw new WireFormatError('name-too-long', `name at ${offset} exceeds ${MAX_NAME_LENGTH} octets`);
    }
    const label = labelText(buf, p + 1, labelEnd);
    text = text.length === 0 ? label : text + '.' + label;
    p = labelEnd;
  }
}

/** Lowercases presentation text per RFC 4343 (ASCII letters only). */
export function lowerName(text: string): string {
  return text.toLowerCase();
}
