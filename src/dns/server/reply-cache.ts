import type { ResolvedView } from '../lookup/types.js';
import { nameKeyHash, type FastQuery } from './fast-path.js';

/**
 * A reply encoded once, replayed for every query of the same shape: same
 * lowercased name (the map key), type, size limit, EDNS/DO/ECS, and view.
 */
export interface CachedReply {
  qtype: number;
  limit: number;
  edns: boolean;
  dnssecOk: boolean;
  ecsKey: string;
  vpcId: string | undefined;
  zoneId: string | undefined;
  scope: number;
  wire: Buffer;
  rcode: number;
  view: string;
}

function matches(entry: CachedReply, query: FastQuery, view: ResolvedView): boolean {
  return (
    entry.qtype === query.qtype &&
    entry.limit === query.limit &&
    entry.edns === query.edns &&
    entry.dnssecOk === query.dnssecOk &&
    entry.ecsKey === query.ecsKey &&
    entry.vpcId === view.view.vpcId &&
    entry.zoneId === view.view.zoneId &&
    entry.scope === view.scopePrefixLength
  );
}

/**
 * Cached replies own their bytes. A reply fresh from the encoder is a slice of
 * Node's shared 8 KiB buffer pool; kept in the cache, it would keep a whole
 * pool slab alive among the short-lived replies sent around it. Each cache
 * generation copies its replies into slabs of its own, freed with it.
 */
const SLAB_BYTES = 64 * 1024;

class Arena {
  private slab: Buffer | undefined;
  private used = 0;

  copy(bytes: Buffer): Buffer {
    if (bytes.length > SLAB_BYTES / 4) return Buffer.from(bytes);
    if (this.slab === undefined || this.used + bytes.length > SLAB_BYTES) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + bytes.length);
    bytes.copy(out);
    this.used += bytes.length;
    return out;
  }
}

/**
 * TinyLFU's doorkeeper (Einziger, Friedman, Manes, "TinyLFU: A Highly
 * Efficient Cache Admission Policy", ACM TOS 2017, §3.4.2): a Bloom filter of
 * the questions that missed since its last reset. A question is let into the
 * cache only when the filter has seen it before, so a name asked once —
 * the common case for a resolver fleet over millions of names, each asked
 * about once per TTL — neither costs an insert nor evicts the replies that are
 * asked again. Two bits per question, both in one 32-bit word (a blocked Bloom
 * filter: one memory access per question), cleared after `resetAfter` new
 * questions: with the default 250,000 that is 2^23 bits (1 MiB) and a false
 * "seen" for well under 1% of new questions.
 */
class Doorkeeper {
  private readonly bits: Int32Array;
  private readonly shift: number;
  private added = 0;

  constructor(private readonly resetAfter: number) {
    let wordBits = 5;
    while (2 ** (wordBits + 5) < resetAfter * 32 && wordBits < 18) wordBits++;
    this.bits = new Int32Array(2 ** wordBits);
    this.shift = 32 - wordBits;
  }

  /** Whether `hash` was seen since the last reset; marks it seen either way. */
  seen(hash: number): boolean {
    const word = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    const mask = (1 << (hash & 31)) | (1 << ((hash >>> 5) & 31));
    const bits = this.bits;
    const held = bits[word] as number;
    if ((held & mask) === mask) return true;
    bits[word] = held | mask;
    if (++this.added >= this.resetAfter) {
      bits.fill(0);
      this.added = 0;
    }
    return false;
  }
}

/** The doorkeeper's question: the name's hash with the type mixed in. */
function questionHash(nameHash: number, qtype: number): number {
  return Math.imul(nameHash ^ qtype, 0x01000193);
}

/** In GenerationBits, a pair's bit for `hot` (its low bit) and for `cold`. */
const IN_HOT = 1;
const IN_COLD = 2;
const HOT_BITS = 0x55555555;

/**
 * The names each generation holds, as a pair of bits per name hash (hot, cold)
 * in one word: a query whose pair is clear misses without probing either map.
 * At a large fleet most queries miss, and a probe of a map of 125,000 keys for
 * a fresh key costs cache misses for its bucket and each key it compares; one
 * word is read instead (2^21 pairs, 512 KiB, at the default size). Bits are not
 * cleared when a name is dropped: a set bit only means "probe".
 */
class GenerationBits {
  private readonly bits: Int32Array;
  private readonly shift: number;

  constructor(entries: number) {
    let wordBits = 5;
    while (2 ** (wordBits + 4) < entries * 16 && wordBits < 18) wordBits++;
    this.bits = new Int32Array(2 ** wordBits);
    this.shift = 32 - wordBits;
  }

  /** IN_HOT and/or IN_COLD, or 0 when neither generation may hold the name. */
  pair(hash: number): number {
    return ((this.bits[Math.imul(hash, 0x85ebca6b) >>> this.shift] as number) >>> ((hash & 15) * 2)) & 3;
  }

  addHot(hash: number): void {
    const word = Math.imul(hash, 0x85ebca6b) >>> this.shift;
    this.bits[word] = (this.bits[word] as number) | (IN_HOT << ((hash & 15) * 2));
  }

  /** Hot becomes cold, the old cold is forgotten (ReplyCache's turnover). */
  turnOver(): void {
    const bits = this.bits;
    for (let i = 0; i < bits.length; i++) bits[i] = ((bits[i] as number) & HOT_BITS) << 1;
  }

  clear(): void {
    this.bits.fill(0);
  }
}

/**
 * Replies keyed by name, each name holding the few variants asked for (A and
 * AAAA, with and without EDNS, per view). Compared field by field rather than
 * through one composite string key: no string is built per query beyond the
 * name itself.
 *
 * Bounded with two generations: lookups hit `hot`, then `cold` (and a cold hit
 * moves up). When `hot` reaches half the budget (replies or bytes), it becomes
 * `cold` and the old `cold` is dropped whole — LRU-like without per-hit
 * bookkeeping, never above the budget. A miss is cached only when the
 * doorkeeper has seen its question before (admits), whether or not the cache
 * has room.
 */
export class ReplyCache {
  private hot = new Map<string, CachedReply[]>();
  private cold = new Map<string, CachedReply[]>();
  private readonly names: GenerationBits;
  private hotArena = new Arena();
  private hotEntries = 0;
  private coldEntries = 0;
  private hotBytes = 0;
  private coldBytes = 0;
  private readonly doorkeeper: Doorkeeper;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {
    this.doorkeeper = new Doorkeeper(Math.max(1, maxEntries));
    this.names = new GenerationBits(Math.max(1, maxEntries / 2));
  }

  /**
   * Whether the reply to a query that missed should be cached: only for a
   * question asked before (the doorkeeper), at any fill level. A cache with
   * room that took every miss would copy, and soon promote into V8's old
   * generation, each one-hit reply of a fleet asked over millions of names
   * (docs/design/performance.md).
   */
  admits(query: FastQuery): boolean {
    if (this.maxEntries <= 0) return false;
    return this.doorkeeper.seen(questionHash(query.nameHash, query.qtype));
  }

  get(query: FastQuery, view: ResolvedView): CachedReply | undefined {
    const pair = this.names.pair(query.nameHash);
    if (pair === 0) return undefined;
    const variants = (pair & IN_HOT) !== 0 ? this.hot.get(query.nameKey) : undefined;
    if (variants !== undefined) {
      for (let i = 0; i < variants.length; i++) if (matches(variants[i] as CachedReply, query, view)) return variants[i];
    }
    const old = (pair & IN_COLD) !== 0 ? this.cold.get(query.nameKey) : undefined;
    if (old === undefined) return undefined;
    for (let i = 0; i < old.length; i++) {
      const entry = old[i] as CachedReply;
      if (!matches(entry, query, view)) continue;
      this.set(query.nameKey, entry, query.nameHash);
      return entry;
    }
    return undefined;
  }

  /** `nameHash`: nameKeyHash(nameKey), which a query's scan has already computed (FastQuery.nameHash). */
  set(nameKey: string, given: CachedReply, nameHash = nameKeyHash(nameKey)): void {
    if (this.maxEntries <= 0 || given.wire.length > this.maxBytes / 2) return;
    const entry = { ...given, wire: this.hotArena.copy(given.wire) };
    const variants = this.hot.get(nameKey);
    if (variants === undefined) {
      this.hot.set(nameKey, [entry]);
      this.names.addHot(nameHash);
    } else variants.push(entry);
    this.hotEntries++;
    this.hotBytes += entry.wire.length;
    if (this.hotEntries >= Math.max(1, this.maxEntries / 2) || this.hotBytes >= this.maxBytes / 2) {
      this.names.turnOver();
      this.cold = this.hot;
      this.coldEntries = this.hotEntries;
      this.coldBytes = this.hotBytes;
      this.hot = new Map();
      this.hotArena = new Arena();
      this.hotEntries = 0;
      this.hotBytes = 0;
    }
  }

  /** Drops the replies for one name (its wire-form key, see nameKeyOf). */
  dropName(nameKey: string): void {
    const hot = this.hot.get(nameKey);
    if (hot !== undefined) {
      this.hot.delete(nameKey);
      this.hotEntries -= hot.length;
      for (const entry of hot) this.hotBytes -= entry.wire.length;
      this.vouchFor(nameKey, hot);
    }
    const cold = this.cold.get(nameKey);
    if (cold !== undefined) {
      this.cold.delete(nameKey);
      this.coldEntries -= cold.length;
      for (const entry of cold) this.coldBytes -= entry.wire.length;
      this.vouchFor(nameKey, cold);
    }
  }

  /**
   * A reply dropped because its answer changed was asked before: its question
   * is marked seen, so its next miss is cached again instead of needing two.
   */
  private vouchFor(nameKey: string, dropped: readonly CachedReply[]): void {
    const nameHash = nameKeyHash(nameKey);
    for (const entry of dropped) this.doorkeeper.seen(questionHash(nameHash, entry.qtype));
  }

  /**
   * Drops the replies for a name and every name below it: each key that ends
   * with its wire form. A key can end so without the name being a suffix at a
   * label boundary (a length octet can be a printable byte); such a reply is
   * dropped too, which is merely one miss more.
   */
  dropBelow(nameKey: string): void {
    for (const map of [this.hot, this.cold]) {
      for (const key of map.keys()) if (key.endsWith(nameKey)) this.dropName(key);
    }
  }

  /** The doorkeeper is kept: a question asked before the clear is cached at its next miss. */
  clear(): void {
    this.names.clear();
    this.hot = new Map();
    this.cold = new Map();
    this.hotArena = new Arena();
    this.hotEntries = this.coldEntries = this.hotBytes = this.coldBytes = 0;
  }

  /** Replies held (a reply promoted from cold may be counted in both until cold is dropped). */
  get size(): number {
    return this.hotEntries + this.coldEntries;
  }

  get bytes(): number {
    return this.hotBytes + this.coldBytes;
  }
}
