import { MAX_POINTER_OFFSET, TCP_MESSAGE_LIMIT } from './constants.js';
import { MessageOverflow } from './errors.js';
import type { ParsedName } from './name-text.js';

/**
 * Writes one message into a scratch buffer, refusing to pass `limit` bytes
 * (MessageOverflow), and compresses names (RFC 1035 §4.1.4): every suffix
 * written at an offset a pointer can reach is remembered; a later name whose
 * suffix matches is written as its new labels plus a pointer.
 *
 * Encoding is synchronous, so one scratch buffer serves every message; `finish`
 * copies the bytes out.
 */
export class MessageWriter {
  private static readonly scratch = Buffer.allocUnsafe(TCP_MESSAGE_LIMIT);
  readonly buf = MessageWriter.scratch;
  pos = 0;
  private readonly suffixes = new Map<string, number>();

  /** Bytes the message may take; raised by the encoder for the OPT it reserved room for. */
  constructor(public limit: number) {}

  private room(n: number): void {
    if (this.pos + n > this.limit) throw new MessageOverflow();
  }

  u8(value: number): void {
    this.room(1);
    this.buf[this.pos++] = value & 0xff;
  }

  u16(value: number): void {
    this.room(2);
    this.buf.writeUInt16BE(value & 0xffff, this.pos);
    this.pos += 2;
  }

  u32(value: number): void {
    this.room(4);
    this.buf.writeUInt32BE(value >>> 0, this.pos);
    this.pos += 4;
  }

  bytes(data: Uint8Array): void {
    this.room(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** Overwrites a 16-bit value already written (counts, RDLENGTH). */
  patch16(at: number, value: number): void {
    this.buf.writeUInt16BE(value & 0xffff, at);
  }

  /**
   * Records that the name with these suffix keys starts at `at`, written elsewhere
   * (the question, copied as asked), so later names can point into it.
   */
  remember(name: ParsedName, at: number): void {
    let offset = at;
    for (let i = 0; i < name.labels.length; i++) {
      if (offset > MAX_POINTER_OFFSET) return;
      const key = name.suffixKeys[i] as string;
      if (!this.suffixes.has(key)) this.suffixes.set(key, offset);
      offset += (name.labels[i] as Buffer).length + 1;
    }
  }

  /** Writes a name, compressed unless `compress` is false (RFC 3597 §4, RFC 2782). */
  name(name: ParsedName, compress = true): void {
    for (let i = 0; i < name.labels.length; i++) {
      const key = name.suffixKeys[i] as string;
      if (compress) {
        const target = this.suffixes.get(key);
        if (target !== undefined) {
          this.u16(0xc000 | target);
          return;
        }
        if (this.pos <= MAX_POINTER_OFFSET) this.suffixes.set(key, this.pos);
      }
      const label = name.labels[i] as Buffer;
      this.u8(label.length);
      this.bytes(label);
    }
    this.u8(0);
  }

  /** A copy of the bytes written so far. */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}
