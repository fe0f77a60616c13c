import { MAX_POINTER_OFFSET, TCP_MESSAGE_LIMIT } from './constants.js';
import { MessageOverflow } from './errors.js';
import { parseNameText, type ParsedName } from './name-text.js';

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
  /** Made on first use: most replies name nothing but the question and its suffixes. */
  private suffixMap: Map<string, number> | undefined;
  /** The question's lowercased text when rememberPlain took it. */
  private question: string | undefined;
  private questionAt = 0;

  /** Bytes the message may take; raised by the encoder for the OPT it reserved room for. */
  constructor(public limit: number) {}

  /**
   * Starts a new message, forgetting the last one's names: the encoder keeps
   * one writer, as it keeps one scratch buffer, rather than making an object per
   * reply-cache miss.
   */
  reset(limit: number): this {
    this.limit = limit;
    this.pos = 0;
    this.suffixMap = undefined;
    this.question = undefined;
    this.questionAt = 0;
    return this;
  }

  private room(n: number): void {
    if (this.pos + n > this.limit) throw new MessageOverflow();
  }

  private get suffixes(): Map<string, number> {
    return (this.suffixMap ??= new Map());
  }

  u8(value: number): void {
    this.room(1);
    this.buf[this.pos++] = value & 0xff;
  }

  u16(value: number): void {
    this.room(2);
    const buf = this.buf;
    buf[this.pos] = (value >>> 8) & 0xff;
    buf[this.pos + 1] = value & 0xff;
    this.pos += 2;
  }

  u32(value: number): void {
    this.room(4);
    const buf = this.buf;
    buf[this.pos] = (value >>> 24) & 0xff;
    buf[this.pos + 1] = (value >>> 16) & 0xff;
    buf[this.pos + 2] = (value >>> 8) & 0xff;
    buf[this.pos + 3] = value & 0xff;
    this.pos += 4;
  }

  bytes(data: Uint8Array): void {
    this.room(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** source[start, end), copied in a loop: a name is short, and subarray or Buffer#copy would each make a view object. */
  copy(source: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = start; i < end; i++) buf[pos++] = source[i] as number;
    this.pos = pos;
  }

  /** `length` octets given as the one-byte characters of text[start, start + length) (a wire-form run). */
  latin1(text: string, start: number, length: number): void {
    this.room(length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = start; i < start + length; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** Overwrites a 16-bit value already written (counts, RDLENGTH). */
  patch16(at: number, value: number): void {
    this.buf[at] = (value >>> 8) & 0xff;
    this.buf[at + 1] = value & 0xff;
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

  /**
   * Marks the question, written at `at` as asked, as a name later names may
   * point into, when its presentation text maps octet for octet onto its wire
   * form (ASCII, no escapes: text offset i is wire offset at + i, a dot
   * standing where the next label's length octet is). Its suffixes are then
   * found by comparing text (questionSuffix) rather than registered one by
   * one: slicing and hashing every suffix of a question seen once — most of a
   * large fleet's — was the full path's largest item after parsing it.
   */
  rememberPlain(lower: string, at: number): void {
    this.question = lower;
    this.questionAt = at;
  }

  /** Where the question holds `key` as a suffix at a label boundary (RFC 1035 §4.1.4), if it does. */
  private questionSuffix(key: string): number | undefined {
    const q = this.question;
    if (q === undefined || key.length > q.length || key === '') return undefined;
    if (key.length === q.length) return key === q ? this.questionAt : undefined;
    if (q.charCodeAt(q.length - key.length - 1) !== 0x2e || !q.endsWith(key)) return undefined;
    return this.questionAt + q.length - key.length;
  }

  /**
   * Writes a name given as the data layer's text (lowercase, no trailing dot).
   * A name written before whole — an answer's owner is usually the question,
   * a negative answer's SOA owner a suffix of it — becomes a pointer without
   * being parsed; any other is parsed (memoized) and compressed label by label.
   */
  nameText(text: string, compress = true): void {
    if (compress) {
      const target = this.questionSuffix(text) ?? this.suffixMap?.get(text);
      if (target !== undefined) {
        this.u16(0xc000 | target);
        return;
      }
    }
    this.name(parseNameText(text), compress);
  }

  /** Writes a name, compressed unless `compress` is false (RFC 3597 §4, RFC 2782). */
  name(name: ParsedName, compress = true): void {
    for (let i = 0; i < name.labels.length; i++) {
      const key = name.suffixKeys[i] as string;
      if (compress) {
        const target = this.questionSuffix(key) ?? this.suffixMap?.get(key);
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
    const out = Buffer.allocUnsafe(this.pos);
    const buf = this.buf;
    // A loop: replies are ~100 bytes, where Buffer#copy's and subarray's setup cost more than the copy.
    for (let i = 0; i < out.length; i++) out[i] = buf[i] as number;
    return out;
  }
}
